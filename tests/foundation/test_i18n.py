import importlib
import pkgutil

from common import i18n


def _import_everything():
    for pkg in ("common", "keys", "issuer", "verifier", "wallet_export", "dalel"):
        module = importlib.import_module(pkg)
        for info in pkgutil.walk_packages(module.__path__, pkg + "."):
            if ".migrations" in info.name or info.name.endswith("__main__"):
                continue
            importlib.import_module(info.name)


def test_every_message_exists_in_kk_ru_en():
    _import_everything()
    cat = i18n.catalogue()
    assert cat, "no messages registered"
    for key, texts in cat.items():
        for lang in ("kk", "ru", "en"):
            assert texts.get(lang, "").strip(), f"{key} lacks {lang}"
        # a Kazakh or Russian text that is just the English one is a missing translation
        assert texts["kk"] != texts["en"] or len(texts["en"]) < 4, f"{key}: kk copies en"
        assert texts["ru"] != texts["en"] or len(texts["en"]) < 4, f"{key}: ru copies en"


def test_negotiation():
    assert i18n.negotiate("ru", "en") == "ru"
    assert i18n.negotiate(None, "de-DE,en;q=0.8,ru;q=0.9") == "ru"
    assert i18n.negotiate("xx", None, "en") == "en"
    # a reader who asks only for languages we do not have reads English, not the default
    assert i18n.negotiate(None, "de-DE,de") == "en"
    assert i18n.negotiate(None, "de-DE,de;q=0.9", "ru") == "en"
    assert i18n.negotiate("fr", None) == "en"
    assert i18n.negotiate("fr", "ru") == "ru"
    # no preference, or "anything": the deployment's default
    assert i18n.negotiate(None, None) == "kk" and i18n.negotiate("", "") == "kk"
    assert i18n.negotiate(None, "de, *;q=0.5") == "kk" and i18n.negotiate(None, "*", "ru") == "ru"
    assert i18n.negotiate(None, "kk-KZ") == "kk"
