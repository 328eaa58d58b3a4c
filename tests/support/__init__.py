"""Helpers the tests share, imported as ``tests.support.<name>`` (no ``sys.path`` edits):

* :mod:`tests.support.issuer` — a seeded institution (keys, programme, responsible person and
  token) and cohort rows, to issue real diplomas;
* :mod:`tests.support.verifier` — keys, signed diplomas, status lists and trust lists made by
  hand for the verifier's tests;
* :mod:`tests.support.securing` — signers, resolvers and test vectors of the proof suites;
* :mod:`tests.support.pages` — reading what a page for people shows (its CSRF token, its text).
"""
