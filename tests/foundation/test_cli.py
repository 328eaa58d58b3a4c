def test_version_and_help(cli):
    code, out, _ = cli("version")
    assert code == 0 and out.startswith("dalel ")
    code, out, _ = cli("--help")
    assert code == 0 and "serve" in out and "demo" in out


def test_init_creates_migrated_database(cli, tmp_path):
    code, out, err = cli("init")
    assert code == 0, err
    assert (tmp_path / "cli-data" / "dalel.sqlite3").exists()
    assert "Data directory ready" in out


def test_usage_errors_exit_2_without_traceback(cli):
    code, _, err = cli("serve", "--role", "bogus")
    assert code == 2
    code, out, err = cli("init", env={"DALEL_PUBLIC_URL": "ftp://nowhere"})
    assert code == 2
    assert "Traceback" not in err and "DALEL_PUBLIC_URL" in err
    assert len(err.strip().splitlines()) == 1


def test_messages_follow_language(cli):
    code, out, _ = cli("--lang", "ru", "init")
    assert code == 0 and "Каталог данных готов" in out
    code, out, _ = cli("--lang", "kk", "init")
    assert "Деректер қалтасы дайын" in out
