"""The translation catalogues: every message the code and templates use is translated in kk,
ru and en, none is kept that the code no longer uses, placeholders agree, plural forms follow
each language, and pages escape what they show."""

from __future__ import annotations

import pytest

from common import i18n, i18n_tools, templating


def test_catalogues_are_complete_and_current():
    problems = i18n_tools.problems()
    assert problems == [], "\n".join(problems)


def test_plural_forms_of_each_language():
    assert i18n.translations("ru").ngettext("x", "xs", 1) == "x"  # untranslated: the source forms
    header = {lang: i18n_tools._read(i18n_tools.po_file(lang), lang).plural_forms for lang in i18n.LANGUAGES}
    assert header["ru"].startswith("nplurals=3;")
    assert header["kk"].startswith("nplurals=2;")
    assert header["en"].startswith("nplurals=2;")


def test_a_translated_message_in_each_language():
    assert [i18n.t("Language", lang) for lang in i18n.LANGUAGES] == ["Тіл", "Язык", "Language"]
    assert i18n.all_languages("Language") == {"kk": "Тіл", "ru": "Язык", "en": "Language"}


def test_unknown_message_is_its_source_text_and_bad_placeholders_do_not_raise():
    assert i18n.t("Not in any catalogue {x}", "ru", x=1) == "Not in any catalogue 1"
    assert i18n.t("Braces {unbalanced", "kk", x=1) == "Braces {unbalanced"


@pytest.mark.parametrize("broken", ["Привет, {name}", "Привет, {name}, {other}, {friend}", "Привет {", ""])
def test_a_translation_that_drops_or_invents_a_placeholder_is_reported(broken):
    from babel.messages.catalog import Message

    assert i18n_tools.message_problems("ru", Message("Hello {name} and {friend}", broken)) != []
    assert i18n_tools.message_problems("ru", Message("Hello {name} and {friend}", "Привет, {name} и {friend}")) == []


def test_a_plural_form_may_leave_the_count_out_but_not_invent_a_placeholder():
    from babel.messages.catalog import Message

    source = ("{count} row has errors", "{count} rows have errors")
    assert i18n_tools.message_problems("ru", Message(source, ("В строке ошибки", "В {count} строках ошибки", "В {count} строках ошибки"))) == []
    assert i18n_tools.message_problems("ru", Message(source, ("{n} строка", "{count}", "{count}"))) != []
    assert i18n_tools.message_problems("ru", Message(source, ("{count}", "", "{count}"))) != []


def test_templates_escape_and_translate():
    html = templating.render((), "base.html", "ru", switcher_links=[("kk", "?lang=kk&x=<b>"), ("ru", "?lang=ru")])
    assert 'lang="ru"' in html and "Язык" in html
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert 'name="robots" content="noindex,nofollow"' in html and "<script" not in html
