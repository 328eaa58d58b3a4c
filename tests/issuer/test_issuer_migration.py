from sqlalchemy import inspect


def test_tables(engine):
    names = set(inspect(engine).get_table_names())
    assert "issuer_diploma" in names and "issuer_audit_entry" in names
