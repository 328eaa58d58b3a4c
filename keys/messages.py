"""Translated (kk, ru, en) messages for every reason code of the securing layer: JSON-LD safe
mode (:mod:`keys.jsonld`), proof results and signing errors (:mod:`keys.dataintegrity`,
:mod:`keys.jose`). Keys are ``securing.<code>``; :func:`describe` gives one language,
:func:`describe_all` the three (what a verification check's ``message`` holds)."""

from __future__ import annotations

from common import i18n

__all__ = ["describe", "describe_all"]

_MESSAGES: dict[str, dict[str, str]] = {
    # JSON-LD safe mode
    "unknown_context": {
        "kk": "Белгісіз JSON-LD контексті: {detail}",
        "ru": "Неизвестный контекст JSON-LD: {detail}",
        "en": "Unknown JSON-LD context: {detail}",
    },
    "context_integrity": {
        "kk": "Бекітілген JSON-LD контекст файлы өзгертілген немесе жоқ",
        "ru": "Закреплённый файл контекста JSON-LD изменён или отсутствует",
        "en": "A pinned JSON-LD context file is modified or missing",
    },
    "undefined_term": {
        "kk": "«{detail}» термині ешбір контекстте анықталмаған, сондықтан ол қолтаңбамен қорғалмайды",
        "ru": "Термин «{detail}» не определён ни в одном контексте и поэтому не защищён подписью",
        "en": "The term “{detail}” is not defined by any context, so a signature would not cover it",
    },
    "relative_iri": {
        "kk": "«{detail}» идентификаторы толық URL емес",
        "ru": "Идентификатор «{detail}» не является полным URL",
        "en": "The identifier “{detail}” is not an absolute URL",
    },
    "unsigned_feature": {
        "kk": "Құжатта қолтаңбаға кірмейтін JSON-LD мүмкіндігі бар ({detail})",
        "ru": "Документ использует возможность JSON-LD, не покрываемую подписью ({detail})",
        "en": "The document uses a JSON-LD feature that a signature does not cover ({detail})",
    },
    "null_value": {
        "kk": "«{detail}» өрісінің мәні null: мұндай мәндерге қол қойылмайды",
        "ru": "Поле «{detail}» имеет значение null: такие значения не подписываются",
        "en": "The member “{detail}” is null; null values are not signed",
    },
    "protected_term_redefinition": {
        "kk": "Контекст қорғалған терминді қайта анықтайды ({detail})",
        "ru": "Контекст переопределяет защищённый термин ({detail})",
        "en": "A context redefines a protected term ({detail})",
    },
    "inline_context": {
        "kk": "Тек бекітілген контекст мекенжайларына рұқсат етіледі",
        "ru": "Допускаются только адреса закреплённых контекстов",
        "en": "Only pinned context URLs are allowed",
    },
    "missing_context": {
        "kk": "Құжатта @context жоқ",
        "ru": "В документе нет @context",
        "en": "The document has no @context",
    },
    "empty_document": {
        "kk": "Құжатта бірде-бір мәлімдеме жоқ",
        "ru": "Документ не содержит ни одного утверждения",
        "en": "The document makes no statements",
    },
    "canonicalization_limit": {
        "kk": "Құжатты канондық түрге келтіру тым көп есептеуді қажет етеді",
        "ru": "Канонизация документа требует слишком много вычислений",
        "en": "Canonicalising the document needs too much work",
    },
    "work_budget_exceeded": {
        "kk": "Сұрау рұқсат етілген есептеу көлемінен асып кетті",
        "ru": "Запрос превысил допустимый объём вычислений",
        "en": "The request needs more work than a verification is allowed",
    },
    "invalid_jsonld": {
        "kk": "Құжат жарамды JSON-LD емес",
        "ru": "Документ не является корректным JSON-LD",
        "en": "The document is not valid JSON-LD",
    },
    "too_complex": {
        "kk": "Құжат тым күрделі: тым терең кірістірілген немесе мәндері, контекстері тым көп",
        "ru": "Документ слишком сложен: слишком глубокая вложенность или слишком много значений либо контекстов",
        "en": "The document is too complex: nested too deeply, or too many values or contexts",
    },
    # proofs
    "ok": {"kk": "Қолтаңба жарамды", "ru": "Подпись действительна", "en": "The signature is valid"},
    "no_proof": {
        "kk": "Құжатта қолтаңба жоқ",
        "ru": "У документа нет подписи",
        "en": "The document has no proof",
    },
    "malformed_proof": {
        "kk": "Қолтаңба қате құрылған",
        "ru": "Подпись сформирована неверно",
        "en": "The proof is malformed",
    },
    "unknown_cryptosuite": {
        "kk": "Қолтаңба әдісіне қолдау көрсетілмейді",
        "ru": "Способ подписи не поддерживается",
        "en": "The signature suite is not supported",
    },
    "invalid_signature": {
        "kk": "Қолтаңба құжатқа сәйкес келмейді: құжат өзгертілген немесе басқа кілтпен қол қойылған",
        "ru": "Подпись не соответствует документу: документ изменён или подписан другим ключом",
        "en": "The signature does not match the document: it was changed or signed with another key",
    },
    "key_not_found": {
        "kk": "Қолтаңба кілті табылмады",
        "ru": "Ключ подписи не найден",
        "en": "The signing key was not found",
    },
    "key_unreachable": {
        "kk": "Қолтаңба кілтін алу мүмкін болмады",
        "ru": "Не удалось получить ключ подписи",
        "en": "The signing key could not be retrieved",
    },
    "key_revoked": {
        "kk": "Қолтаңба кілттің құпиясы ашылғаннан кейін жасалған",
        "ru": "Подпись создана после компрометации ключа",
        "en": "The signature was made after the key was compromised",
    },
    "key_expired": {
        "kk": "Қолтаңба кілт қолданыстан шығарылғаннан кейін жасалған",
        "ru": "Подпись создана после вывода ключа из использования",
        "en": "The signature was made after the key was retired",
    },
    "key_type_mismatch": {
        "kk": "Кілт түрі қолтаңба әдісіне сәйкес келмейді",
        "ru": "Тип ключа не соответствует способу подписи",
        "en": "The key type does not fit the signature suite",
    },
    "purpose_mismatch": {
        "kk": "Қолтаңбаның мақсаты күтілгеннен өзгеше",
        "ru": "Назначение подписи отличается от ожидаемого",
        "en": "The proof purpose is not the expected one",
    },
    "challenge_mismatch": {
        "kk": "Қолтаңбадағы challenge мәні сәйкес келмейді",
        "ru": "Значение challenge в подписи не совпадает",
        "en": "The proof's challenge does not match",
    },
    "domain_mismatch": {
        "kk": "Қолтаңбадағы domain мәні сәйкес келмейді",
        "ru": "Значение domain в подписи не совпадает",
        "en": "The proof's domain does not match",
    },
    "proof_expired": {
        "kk": "Қолтаңбаның мерзімі өткен",
        "ru": "Срок действия подписи истёк",
        "en": "The proof has expired",
    },
    "not_yet_valid": {
        "kk": "Қолтаңба әлі күшіне енбеген",
        "ru": "Подпись ещё не вступила в силу",
        "en": "The proof is not valid yet",
    },
    "context_error": {
        "kk": "Құжаттың JSON-LD контексі жарамсыз, сондықтан қолтаңбаны тексеру мүмкін емес",
        "ru": "JSON-LD-контекст документа недопустим, подпись проверить нельзя",
        "en": "The document's JSON-LD context is not acceptable, so the proof cannot be checked",
    },
    "controller_mismatch": {
        "kk": "Қолтаңба кілті құжатты берушіге тиесілі емес",
        "ru": "Ключ подписи не принадлежит издателю документа",
        "en": "The signing key does not belong to the issuer",
    },
    "unsupported_algorithm": {
        "kk": "JWS алгоритміне рұқсат жоқ (тек EdDSA немесе ES256)",
        "ru": "Алгоритм JWS не допускается (только EdDSA или ES256)",
        "en": "The JWS algorithm is not accepted (EdDSA or ES256 only)",
    },
    "iss_mismatch": {
        "kk": "JWT iss мәні куәлік берушісімен сәйкес келмейді",
        "ru": "Значение iss в JWT не совпадает с издателем удостоверения",
        "en": "The JWT iss does not equal the credential's issuer",
    },
    # signing
    "invalid_document": {
        "kk": "Қол қойылатын құжат JSON нысаны болуы керек",
        "ru": "Подписываемый документ должен быть JSON-объектом",
        "en": "The document to sign must be a JSON object",
    },
    "invalid_created": {
        "kk": "created мәні XML Schema dateTime емес",
        "ru": "Значение created не является XML Schema dateTime",
        "en": "created is not an XML Schema dateTime",
    },
    "invalid_expires": {
        "kk": "expires мәні XML Schema dateTime емес",
        "ru": "Значение expires не является XML Schema dateTime",
        "en": "expires is not an XML Schema dateTime",
    },
    "previous_proof_not_found": {
        "kk": "previousProof көрсеткен қолтаңба табылмады",
        "ru": "Подпись, указанная в previousProof, не найдена",
        "en": "The proof named by previousProof is not there",
    },
}

i18n.register({f"securing.{code}": texts for code, texts in _MESSAGES.items()})


def known(code: str) -> bool:
    return code in _MESSAGES


def describe(code: str, lang: str | None = None, detail: str | None = None) -> str:
    """The message for a reason code in one language (`detail` fills ``{detail}``)."""
    return i18n.t(f"securing.{code}", lang, detail=detail or "—")


def describe_all(code: str, detail: str | None = None) -> dict[str, str]:
    return i18n.all_languages(f"securing.{code}", detail=detail or "—")
