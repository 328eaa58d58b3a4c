from verifier.page import degree_name as _degree


def test_degree_is_shown_in_the_readers_language():
    summary = {"achievement_type": "MasterDegree", "degree": "Master — Business Administration"}
    assert _degree(summary, "kk") == "Магистр дәрежесі"
    assert _degree(summary, "ru") == "Степень магистра"
    assert _degree(summary, "en") == "Master's degree"


def test_unknown_award_kind_falls_back_to_the_credential_name():
    summary = {"achievement_type": "ext:Badge", "degree": "Data literacy"}
    assert _degree(summary, "ru") == "Data literacy"
