"""Every message of the verifier a person reads, in Kazakh, Russian and English.

Check messages are ``verifier.check.<check id>.<code>``; a code without its own message
falls back to ``verifier.check.<check id>.<status>``.
"""

from __future__ import annotations

from common import i18n
from verifier.messages_standing import STANDING

_CHECKS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ format
    "format.passed": {
        "kk": "Құжат құрылымы дұрыс",
        "ru": "Структура документа верна",
        "en": "The document is well formed",
    },
    "format.failed": {
        "kk": "Құжат құрылымы қате",
        "ru": "Структура документа неверна",
        "en": "The document is not a well-formed credential",
    },
    "format.not_a_credential": {
        "kk": "Бұл тексерілетін куәлік (Verifiable Credential) емес",
        "ru": "Это не проверяемое удостоверение (Verifiable Credential)",
        "en": "This is not a Verifiable Credential",
    },
    "format.presentation": {
        "kk": "Бұл куәлік емес, ұсыным (Verifiable Presentation): ішіндегі әр куәлік жеке тексеріледі (POST /presentations/verify немесе dalel verify)",
        "ru": "Это не удостоверение, а презентация (Verifiable Presentation): каждое удостоверение в ней проверяется отдельно (POST /presentations/verify или dalel verify)",
        "en": "This is a Verifiable Presentation, not a credential: each credential in it is verified on its own (POST /presentations/verify or dalel verify)",
    },
    "format.missing_issuer": {
        "kk": "Куәлікте эмитент көрсетілмеген",
        "ru": "В удостоверении не указан издатель",
        "en": "The credential names no issuer",
    },
    "format.missing_subject": {
        "kk": "Куәлікте иесі туралы деректер жоқ",
        "ru": "В удостоверении нет сведений о владельце",
        "en": "The credential has no subject",
    },
    "format.invalid_date": {
        "kk": "Куәліктегі күн қате жазылған",
        "ru": "Дата в удостоверении записана неверно",
        "en": "A date in the credential is malformed",
    },
    "format.schema_invalid": {
        "kk": "Куәлік өз түрінің сұлбасына сәйкес емес: {detail}",
        "ru": "Удостоверение не соответствует схеме своего типа: {detail}",
        "en": "The credential does not match the schema of its type: {detail}",
    },
    "format.unknown_context": {
        "kk": "Куәлікте белгісіз JSON-LD контексі бар",
        "ru": "Удостоверение использует неизвестный JSON-LD контекст",
        "en": "The credential uses an unknown JSON-LD context",
    },
    "format.undefined_term": {
        "kk": "Куәлікте мағынасы анықталмаған өріс бар (қолтаңбамен қорғалмайды)",
        "ru": "В удостоверении есть поле без определённого смысла (не защищено подписью)",
        "en": "The credential has a field with no defined meaning (not covered by the signature)",
    },
    "format.jsonld_error": {
        "kk": "Куәліктің JSON-LD мазмұнын өңдеу мүмкін емес",
        "ru": "JSON-LD содержимое удостоверения не обрабатывается",
        "en": "The credential's JSON-LD content cannot be processed",
    },
    # ------------------------------------------------------------------ proof
    "proof.passed": {
        "kk": "Цифрлық қолтаңба жарамды",
        "ru": "Цифровая подпись действительна",
        "en": "The digital signature is valid",
    },
    "proof.failed": {
        "kk": "Цифрлық қолтаңба жарамсыз: құжат өзгертілген немесе қолтаңба қате",
        "ru": "Цифровая подпись недействительна: документ изменён или подпись неверна",
        "en": "The digital signature is not valid: the document was altered or the signature is wrong",
    },
    "proof.no_proof": {
        "kk": "Құжатта цифрлық қолтаңба жоқ",
        "ru": "У документа нет цифровой подписи",
        "en": "The document carries no digital signature",
    },
    "proof.invalid_signature": {
        "kk": "Цифрлық қолтаңба сәйкес келмейді: құжат қол қойылғаннан кейін өзгертілген",
        "ru": "Цифровая подпись не совпадает: документ изменён после подписания",
        "en": "The digital signature does not match: the document was changed after signing",
    },
    "proof.unknown_cryptosuite": {
        "kk": "Қолтаңба әдісіне қолдау көрсетілмейді",
        "ru": "Способ подписи не поддерживается",
        "en": "The signature method is not supported",
    },
    "proof.indeterminate": {
        "kk": "Қолтаңбаны тексеру мүмкін болмады",
        "ru": "Подпись проверить не удалось",
        "en": "The signature could not be checked",
    },
    "proof.key_unavailable": {
        "kk": "Қолтаңбаны тексеру үшін эмитент кілтін алу мүмкін болмады",
        "ru": "Не удалось получить ключ издателя для проверки подписи",
        "en": "The issuer's key could not be obtained to check the signature",
    },
    "proof.jwt_unsupported": {
        "kk": "VC-JWT қолтаңбасын тексеру әзірге қолжетімсіз",
        "ru": "Проверка подписи VC-JWT пока недоступна",
        "en": "Checking VC-JWT signatures is not available yet",
    },
    # ------------------------------------------------------------------ issuer_key
    "issuer_key.passed": {
        "kk": "Қолтаңба кілті эмитенттікі және қол қойылған кезде жарамды болған",
        "ru": "Ключ подписи принадлежит издателю и был действителен в момент подписи",
        "en": "The signing key belongs to the issuer and was valid when the signature was made",
    },
    "issuer_key.failed": {
        "kk": "Қолтаңба кілті эмитенттің кілті ретінде расталмады",
        "ru": "Ключ подписи не подтверждён как ключ издателя",
        "en": "The signing key could not be confirmed as the issuer's",
    },
    "issuer_key.key_revoked": {
        "kk": "Қолтаңба кілттің құпиясы ашылғаннан кейін жасалған",
        "ru": "Подпись создана после компрометации ключа",
        "en": "The signature was made after the key was compromised",
    },
    "issuer_key.key_expired": {
        "kk": "Қолтаңба кілт қолданыстан шыққаннан кейін жасалған",
        "ru": "Подпись создана после вывода ключа из использования",
        "en": "The signature was made after the key was retired",
    },
    "issuer_key.key_not_found": {
        "kk": "Қолтаңба кілті эмитенттің DID құжатында жоқ",
        "ru": "Ключ подписи отсутствует в DID-документе издателя",
        "en": "The signing key is not in the issuer's DID document",
    },
    "issuer_key.controller_mismatch": {
        "kk": "Қолтаңба кілті куәлік эмитентіне тиесілі емес",
        "ru": "Ключ подписи не принадлежит издателю удостоверения",
        "en": "The signing key does not belong to the credential's issuer",
    },
    "issuer_key.did_unavailable": {
        "kk": "Эмитенттің DID құжатын алу мүмкін болмады",
        "ru": "Не удалось получить DID-документ издателя",
        "en": "The issuer's DID document could not be obtained",
    },
    "issuer_key.indeterminate": {
        "kk": "Эмитент кілтін тексеру мүмкін болмады",
        "ru": "Ключ издателя проверить не удалось",
        "en": "The issuer's key could not be checked",
    },
    # ------------------------------------------------------------------ issuer_trust
    "issuer_trust.passed": {
        "kk": "Эмитент сенім тізімінде бар: {list}",
        "ru": "Издатель есть в доверенном списке: {list}",
        "en": "The issuer is in a trust list: {list}",
    },
    "issuer_trust.failed": {
        "kk": "Эмитент ешбір сенім тізімінде жоқ",
        "ru": "Издателя нет ни в одном доверенном списке",
        "en": "The issuer is not in any trust list",
    },
    "issuer_trust.no_trust_list": {
        "kk": "Сенім тізімі бапталмаған: эмитенттің мәртебесі белгісіз",
        "ru": "Доверенный список не настроен: статус издателя неизвестен",
        "en": "No trust list is configured: the issuer's standing is unknown",
    },
    "issuer_trust.trust_list_unavailable": {
        "kk": "Сенім тізімін алу немесе тексеру мүмкін болмады",
        "ru": "Не удалось получить или проверить доверенный список",
        "en": "The trust list could not be obtained or verified",
    },
    # ------------------------------------------------------------------ accreditation
    "accreditation.passed": {
        "kk": "Берілген күні ұйым аккредиттелген болған ({agency})",
        "ru": "На дату выдачи организация была аккредитована ({agency})",
        "en": "The institution was accredited on the award date ({agency})",
    },
    "accreditation.programme_accredited": {
        "kk": "Берілген күні ұйым мен білім беру бағдарламасы аккредиттелген болған ({agency})",
        "ru": "На дату выдачи организация и образовательная программа были аккредитованы ({agency})",
        "en": "The institution and the programme were accredited on the award date ({agency})",
    },
    "accreditation.failed": {
        "kk": "Берілген күні ұйым аккредиттелмеген",
        "ru": "На дату выдачи организация не была аккредитована",
        "en": "The institution was not accredited on the award date",
    },
    "accreditation.programme_not_accredited": {
        "kk": "Берілген күні білім беру бағдарламасы ({programme}) аккредиттелмеген",
        "ru": "На дату выдачи образовательная программа ({programme}) не была аккредитована",
        "en": "The programme ({programme}) was not accredited on the award date",
    },
    "accreditation.not_applicable": {
        "kk": "Эмитент сенім тізімінде жоқ, аккредиттеу тексерілмеді",
        "ru": "Издателя нет в доверенном списке, аккредитация не проверялась",
        "en": "The issuer is not in a trust list, so accreditation was not checked",
    },
    "accreditation.trust_list_unavailable": {
        "kk": "Сенім тізімі қолжетімсіз, аккредиттеу тексерілмеді",
        "ru": "Доверенный список недоступен, аккредитация не проверялась",
        "en": "The trust list is unavailable, so accreditation was not checked",
    },
    # ------------------------------------------------------------------ any check
    "any.not_checked": {
        "kk": "Тексерілмеді: құжаттың қолтаңбасы жарамсыз немесе оны қол қойылғандай оқу мүмкін емес",
        "ru": "Не проверялось: подпись документа недействительна, или его нельзя прочитать в подписанном виде",
        "en": "Not checked: the document's signature is not valid, or it cannot be read as signed",
    },
    # ------------------------------------------------------------------ format: reading what was signed
    "format.unreadable_term": {
        "kk": "Құжаттағы «{detail}» мәлімдемесі өз атауымен жазылмаған: оны қол қойылғандай оқу мүмкін емес",
        "ru": "Утверждение «{detail}» записано в документе не своим термином: его нельзя прочитать так, как оно подписано",
        "en": "The statement “{detail}” is not written under its term: it cannot be read as signed",
    },
    "format.duplicate_node": {
        "kk": "Құжаттың «{detail}» мәлімдемесі құжаттың өз идентификаторы бар ішкі нысанда жазылған, құжаттың өзінде емес",
        "ru": "Утверждение «{detail}» записано во вложенном объекте с идентификатором самого документа, а не в нём самом",
        "en": "The statement “{detail}” is written in an object inside the credential that carries its own id, not at its top",
    },
    "format.inline_alias": {
        "kk": "Кірістірілген контекст белгілі терминге («{detail}») екінші атау береді",
        "ru": "Встроенный контекст даёт второе имя известному термину («{detail}»)",
        "en": "An embedded context gives a second name to a defined term (“{detail}”)",
    },
    "format.proof_member": {
        "kk": "Қолтаңбада Data Integrity-ге жатпайтын өріс бар («{detail}»)",
        "ru": "В подписи есть поле, не относящееся к Data Integrity («{detail}»)",
        "en": "The proof has a member that is not part of Data Integrity (“{detail}”)",
    },
    # ------------------------------------------------------------------ issuer_key: a key compromised later
    "issuer_key.key_compromised_uncorroborated": {
        "kk": "Қолтаңба кілтінің құпиясы {date} бастап ашылған. Қолтаңба одан ертерек күнмен қойылған, бірақ бұл күнді "
        "кілтті иеленген адам жалған көрсете алады және оны ештеңе растамайды: дипломды оқу орнынан растаңыз",
        "ru": "Ключ подписи скомпрометирован с {date}. Подпись датирована раньше, но эту дату может подделать тот, кто "
        "завладел ключом, и её ничто не подтверждает: подтвердите диплом в учебном заведении",
        "en": "The signing key was compromised from {date}. The signature is dated earlier, but whoever holds the key "
        "can forge that date and nothing corroborates it: confirm the diploma with the institution",
    },
    "issuer_key.key_compromised_later": {
        "kk": "Қолтаңба кілтінің құпиясы кейін ашылған ({date} бастап); бұл диплом оқу орнының өз тізілімінде бар, "
        "сондықтан ол бұған дейін берілген",
        "ru": "Ключ подписи позже скомпрометирован (с {date}); этот диплом есть в реестре самого учебного заведения, "
        "значит, он выдан до этого",
        "en": "The signing key was later compromised (from {date}); this diploma is in the institution's own registry, "
        "so it was issued before",
    },
    # ------------------------------------------------------------------ issuer_trust: the name
    "issuer_trust.name_differs": {
        "kk": "Эмитент сенім тізімінде бар ({list}), бірақ құжатта өзін басқаша атайды: сенім тізіміндегі атау дұрыс",
        "ru": "Издатель есть в доверенном списке ({list}), но в документе называет себя иначе: верно название из списка",
        "en": "The issuer is in a trust list ({list}) but names itself otherwise in the credential: the trust list's name is the right one",
    },
    "issuer_trust.indeterminate": {
        "kk": "Эмитентке сенімді тексеру мүмкін болмады",
        "ru": "Доверие к издателю проверить не удалось",
        "en": "The issuer's standing could not be checked",
    },
    # ------------------------------------------------------------------ accreditation at signing
    "accreditation.not_accredited_at_signing": {
        "kk": "Ұйым бұл құжатқа қол қойған кезде ({date}) аккредиттелмеген",
        "ru": "Организация не была аккредитована, когда подписала этот документ ({date})",
        "en": "The institution was not accredited when it signed this credential ({date})",
    },
    "accreditation.indeterminate": {
        "kk": "Аккредиттеуді тексеру мүмкін болмады",
        "ru": "Аккредитацию проверить не удалось",
        "en": "Accreditation could not be checked",
    },
}


def _register() -> None:
    messages = {}
    for key, texts in {**_CHECKS, **STANDING}.items():
        messages[f"verifier.check.{key}"] = texts
    i18n.register(messages)


_register()


def has_message(check_id: str, code: str) -> bool:
    return f"verifier.check.{check_id}.{code}" in i18n.catalogue()


def check_message(check_id: str, status: str, code: str, **params: object) -> dict[str, str]:
    """The message of a check in every language: by code, else by status, else failed."""
    catalogue = i18n.catalogue()
    params.setdefault("detail", "")
    for key in (f"verifier.check.{check_id}.{code}", f"verifier.check.any.{code}", f"verifier.check.{check_id}.{status}"):
        if key in catalogue:
            return i18n.all_languages(key, **params)
    return i18n.all_languages(f"verifier.check.{check_id}.failed", **params)
