"""`dalel … --help` and usage errors in the language the user chose (kk, ru, en)."""

import re
import subprocess
import sys

import pytest
from typer import rich_utils

from dalel import cli as cli_module
from dalel.cli_help import build_command, language_from_argv

CYRILLIC = re.compile("[а-яёәғқңөұүһі]", re.IGNORECASE)
KAZAKH_ONLY = re.compile("[әғқңөұүһі]", re.IGNORECASE)
# help texts that may read the same in every language (codes, proper names); none so far
SAME_IN_EVERY_LANGUAGE: set[str] = set()


def _flat(text: str) -> str:
    """Help output without the box drawing and line wrapping, to search phrases in."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def _help_texts(language: str) -> dict[str, str]:
    """Every help text of the command tree in `language`, by command path and parameter."""
    root = build_command(cli_module.app, language)
    texts: dict[str, str] = {}

    def walk(cmd, path: str, parent) -> None:
        ctx = cmd.context_class(cmd, info_name=path.rsplit(" ", 1)[-1], parent=parent, **cmd.context_settings)
        if cmd.help:
            texts[path] = cmd.help
        for param in cmd.get_params(ctx):  # the help option included
            if getattr(param, "help", None):
                texts[f"{path} {param.opts[0] if param.opts else param.name}"] = param.help
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, f"{path} {name}", ctx)

    walk(root, "dalel", None)
    return texts


def test_root_help_in_russian(cli):
    code, out, err = cli("--lang", "ru", "--help")
    assert code == 0, err
    text = _flat(out)
    assert "Создать каталог данных и применить все миграции базы данных." in text  # init
    assert "Отозвать диплом и приложение к нему (окончательно)." in text  # revoke
    assert "Журнал аудита." in text  # audit
    assert "Показать эту справку и выйти." in text
    assert "Использование: dalel" in text and "Команды" in text and "Параметры" in text
    assert "Create the data directory" not in text and "Show this message" not in text


def test_lang_with_equals_sign(cli):
    code, out, _ = cli("--lang=ru", "version", "--help")
    assert code == 0 and "Показать версию Dalel." in _flat(out)


def test_issue_batch_help_in_kazakh_by_default_language(cli):
    code, out, err = cli("issue", "batch", "--help", env={"DALEL_DEFAULT_LANGUAGE": "kk"})
    assert code == 0, err
    text = _flat(out)
    assert "Түлектер файлын тексеріп" in text
    assert "Тек тексеру; ештеңе берілмейді." in text  # --dry-run
    assert "Bearer токені (немесе DALEL_TOKEN)." in text  # --token
    assert "Ұйымның қысқа атауы (slug), мысалы demo." in text  # --institution
    assert "Аргументтер" in text and "Опциялар" in text and "[міндетті]" in text
    assert "Validate only" not in text and "[required]" not in text


def test_english_help_is_unchanged(cli):
    code, out, _ = cli("--lang", "en", "keys", "--help")
    text = _flat(out)
    assert code == 0 and "Usage: dalel keys" in text and "Create a new active signing key for an institution." in text


def test_every_help_text_exists_in_kk_ru_en():
    english = _help_texts("en")
    assert "dalel issue batch --dry-run" in english and "dalel graduate login-link" in english
    for language in ("kk", "ru"):
        translated = _help_texts(language)
        assert translated.keys() == english.keys()
        for where, text in translated.items():
            if english[where] in SAME_IN_EVERY_LANGUAGE:
                continue
            assert text != english[where], f"{where}: no {language} help ({english[where]!r})"
            assert CYRILLIC.search(text), f"{where}: {language} help without Cyrillic: {text!r}"
    kazakh = " ".join(_help_texts("kk").values())
    assert len(KAZAKH_ONLY.findall(kazakh)) > 50, "the Kazakh help reads like Russian"


def test_usage_errors_follow_language(cli):
    code, _, err = cli("--lang", "ru", "keys", "retire")
    assert code == 2
    text = _flat(err)
    assert "Не указан аргумент 'key_id'." in text and "Ошибка" in text and "Справка: 'dalel keys retire -h'" in text
    code, _, err = cli("serve", "--nope", env={"DALEL_DEFAULT_LANGUAGE": "kk"})
    assert code == 2 and "Мұндай опция жоқ: --nope" in _flat(err) and "Traceback" not in err
    code, _, err = cli("--lang", "ru", "serve", "--role", "bogus")
    assert code == 2 and "Недопустимое значение --role: all | issuer" in _flat(err)
    code, _, err = cli("--lang", "ru", "serve", "--port", "abc")
    assert code == 2 and "Недопустимое значение '--port': нужно целое число" in _flat(err)
    code, _, err = cli("--lang", "kk", "issue", "batch", "/no/such/cohort.csv", "--institution", "demo")
    assert code == 2 and "файл '/no/such/cohort.csv' жоқ." in _flat(err)
    code, _, err = cli("--lang", "en", "keys", "retire")
    assert code == 2 and "Missing argument 'key_id'." in _flat(err)


def test_fixed_words_are_restored_after_a_run(cli):
    cli("--lang", "kk", "--help")
    assert rich_utils.OPTIONS_PANEL_TITLE == "Options"
    assert rich_utils.REQUIRED_LONG_STRING == "[required]"


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        (["--lang", "ru", "--help"], {}, "ru"),
        (["--lang=en", "init"], {"DALEL_DEFAULT_LANGUAGE": "kk"}, "en"),
        (["verify", "x.json", "--lang", "ru"], {}, "ru"),
        (["--lang", "de", "--help"], {"DALEL_DEFAULT_LANGUAGE": "ru"}, "ru"),
        (["status", "--", "--lang", "en"], {}, "kk"),
        (["--help"], {"DALEL_DEFAULT_LANGUAGE": "ru-RU"}, "ru"),
        (["--help"], {}, "kk"),
    ],
)
def test_language_from_command_line(argv, env, expected):
    assert language_from_argv(argv, env) == expected


def test_console_script_decides_language_before_building_commands():
    """The real entry point, in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-m", "dalel", "--lang", "kk", "keys", "--help"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    text = _flat(done.stdout)
    assert "Қолданылуы: dalel keys" in text and "Ұйым үшін жаңа белсенді қол қою кілтін жасау." in text
