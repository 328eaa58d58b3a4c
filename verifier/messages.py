"""Every message of the verifier a person reads, in Kazakh, Russian and English.

Check messages are ``verifier.check.<check id>.<code>``; a code without its own message
falls back to ``verifier.check.<check id>.<status>``.
"""

from __future__ import annotations

from common import i18n

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
    "proof.skipped": {
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
    "issuer_key.key_compromised_later": {
        "kk": "Қолтаңба кілтінің құпиясы кейін ашылған ({date} бастап). Қолтаңба одан ертерек күнмен "
        "қойылған, бірақ бұл күнді кілтті иеленген адам жалған көрсете алады: дипломды оқу орнынан растаңыз",
        "ru": "Ключ подписи позже скомпрометирован (с {date}). Подпись датирована раньше, но эту дату "
        "может подделать тот, кто завладел ключом: подтвердите диплом в учебном заведении",
        "en": "The signing key was later compromised (from {date}). The signature is dated earlier, but "
        "whoever holds the key can forge that date: confirm the diploma with the institution",
    },
    "issuer_key.did_unavailable": {
        "kk": "Эмитенттің DID құжатын алу мүмкін болмады",
        "ru": "Не удалось получить DID-документ издателя",
        "en": "The issuer's DID document could not be obtained",
    },
    "issuer_key.skipped": {
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
    # ------------------------------------------------------------------ validity_period
    "validity_period.passed": {
        "kk": "Құжат жарамдылық мерзімі ішінде",
        "ru": "Документ в пределах срока действия",
        "en": "The document is within its validity period",
    },
    "validity_period.not_yet_valid": {
        "kk": "Құжаттың жарамдылық мерзімі әлі басталмаған ({date})",
        "ru": "Срок действия документа ещё не начался ({date})",
        "en": "The document is not valid yet (from {date})",
    },
    "validity_period.expired": {
        "kk": "Құжаттың жарамдылық мерзімі өткен ({date})",
        "ru": "Срок действия документа истёк ({date})",
        "en": "The document expired on {date}",
    },
    "validity_period.failed": {
        "kk": "Құжат жарамдылық мерзімінен тыс",
        "ru": "Документ вне срока действия",
        "en": "The document is outside its validity period",
    },
    # ------------------------------------------------------------------ status
    "status_revocation.passed": {
        "kk": "Құжат кері қайтарылмаған",
        "ru": "Документ не отозван",
        "en": "The document has not been revoked",
    },
    "status_revocation.revoked": {
        "kk": "Құжатты беруші ұйым оны КЕРІ ҚАЙТАРДЫ",
        "ru": "Документ ОТОЗВАН выдавшей организацией",
        "en": "The document has been REVOKED by its issuer",
    },
    "status_revocation.failed": {
        "kk": "Құжаттың кері қайтарылу мәртебесі жарамсыз",
        "ru": "Статус отзыва документа недействителен",
        "en": "The document's revocation status is not valid",
    },
    "status_revocation.not_applicable": {
        "kk": "Құжатта кері қайтару мәртебесі жоқ",
        "ru": "У документа нет статуса отзыва",
        "en": "The document has no revocation status",
    },
    "status_revocation.skipped": {
        "kk": "Кері қайтару мәртебесін анықтау мүмкін болмады",
        "ru": "Не удалось определить, отозван ли документ",
        "en": "Whether the document was revoked could not be determined",
    },
    "status_suspension.passed": {
        "kk": "Құжаттың қолданылуы тоқтатылмаған",
        "ru": "Действие документа не приостановлено",
        "en": "The document is not suspended",
    },
    "status_suspension.suspended": {
        "kk": "Құжаттың қолданылуы УАҚЫТША ТОҚТАТЫЛҒАН",
        "ru": "Действие документа ПРИОСТАНОВЛЕНО",
        "en": "The document is SUSPENDED",
    },
    "status_suspension.failed": {
        "kk": "Құжаттың тоқтатылу мәртебесі жарамсыз",
        "ru": "Статус приостановления документа недействителен",
        "en": "The document's suspension status is not valid",
    },
    "status_suspension.not_applicable": {
        "kk": "Құжатта тоқтатылу мәртебесі жоқ",
        "ru": "У документа нет статуса приостановления",
        "en": "The document has no suspension status",
    },
    "status_suspension.skipped": {
        "kk": "Тоқтатылу мәртебесін анықтау мүмкін болмады",
        "ru": "Не удалось определить, приостановлен ли документ",
        "en": "Whether the document is suspended could not be determined",
    },
    # ------------------------------------------------------------------ supersession
    "supersession.passed": {
        "kk": "Бұл құжаттың жаңа (түзетілген) нұсқасы жоқ",
        "ru": "Более новой (исправленной) версии документа нет",
        "en": "No newer (corrected) version of this document exists",
    },
    "supersession.superseded": {
        "kk": "Бұл құжаттың түзетілген жаңа нұсқасы бар",
        "ru": "Существует исправленная новая версия этого документа",
        "en": "A newer, corrected version of this document exists",
    },
    "supersession.not_applicable": {
        "kk": "Жаңа нұсқаның бар-жоғы тексерілмейді (құжат сілтемесіз ұсынылды)",
        "ru": "Наличие новой версии не проверяется (документ представлен без ссылки)",
        "en": "Not checked: the document was presented without a Dalel link",
    },
    # ------------------------------------------------------------------ related_resource (a supplement and its diploma)
    "related_resource.passed": {
        "kk": "Қосымша осы дипломға тиесілі (дипломның дайджесі сәйкес келеді)",
        "ru": "Приложение относится к этому диплому (дайджест диплома совпадает)",
        "en": "The supplement belongs to this diploma (the diploma's digest matches)",
    },
    "related_resource.failed": {
        "kk": "Қосымша осы дипломға тиесілі емес",
        "ru": "Приложение не относится к этому диплому",
        "en": "The supplement does not belong to this diploma",
    },
    "related_resource.related_resource_mismatch": {
        "kk": "Қосымшадағы дипломның дайджесі осы дипломға сәйкес келмейді: қосымша басқа дипломға тиесілі немесе диплом өзгертілген",
        "ru": "Дайджест диплома в приложении не совпадает с этим дипломом: приложение относится к другому диплому или диплом изменён",
        "en": "The diploma digest in the supplement does not match this diploma: the supplement belongs to another diploma, or the diploma was altered",
    },
    "related_resource.related_resource_absent": {
        "kk": "Қосымша осы дипломға сілтемейді",
        "ru": "Приложение не ссылается на этот диплом",
        "en": "The supplement does not name this diploma",
    },
}

_GENERAL: dict[str, dict[str, str]] = {
    "verifier.check.name.format": {"kk": "Пішім", "ru": "Формат", "en": "Format"},
    "verifier.check.name.proof": {"kk": "Цифрлық қолтаңба", "ru": "Цифровая подпись", "en": "Digital signature"},
    "verifier.check.name.issuer_key": {"kk": "Эмитент кілті", "ru": "Ключ издателя", "en": "Issuer key"},
    "verifier.check.name.issuer_trust": {"kk": "Эмитентке сенім", "ru": "Доверие к издателю", "en": "Issuer trust"},
    "verifier.check.name.accreditation": {"kk": "Аккредиттеу", "ru": "Аккредитация", "en": "Accreditation"},
    "verifier.check.name.validity_period": {
        "kk": "Жарамдылық мерзімі",
        "ru": "Срок действия",
        "en": "Validity period",
    },
    "verifier.check.name.status_revocation": {"kk": "Кері қайтару", "ru": "Отзыв", "en": "Revocation"},
    "verifier.check.name.status_suspension": {
        "kk": "Уақытша тоқтату",
        "ru": "Приостановление",
        "en": "Suspension",
    },
    "verifier.check.name.supersession": {"kk": "Жаңа нұсқа", "ru": "Новая версия", "en": "Newer version"},
    "verifier.check.name.related_resource": {"kk": "Дипломмен байланыс", "ru": "Связь с дипломом", "en": "Link to the diploma"},
    "verifier.check.status.passed": {"kk": "өтті", "ru": "пройдена", "en": "passed"},
    "verifier.check.status.failed": {"kk": "өтпеді", "ru": "не пройдена", "en": "failed"},
    "verifier.check.status.warning": {"kk": "ескерту", "ru": "предупреждение", "en": "warning"},
    "verifier.check.status.skipped": {"kk": "тексерілмеді", "ru": "не проверялась", "en": "not checked"},
    # verdicts
    "verifier.verdict.valid": {
        "kk": "Диплом жарамды",
        "ru": "Диплом действителен",
        "en": "The diploma is valid",
    },
    "verifier.verdict.valid.detail": {
        "kk": "Қолтаңба дұрыс, эмитент сенімді және аккредиттелген, құжат кері қайтарылмаған.",
        "ru": "Подпись верна, издатель доверенный и аккредитован, документ не отозван.",
        "en": "The signature is correct, the issuer is trusted and accredited, the document is not revoked.",
    },
    "verifier.verdict.invalid": {
        "kk": "Диплом ЖАРАМСЫЗ",
        "ru": "Диплом НЕДЕЙСТВИТЕЛЕН",
        "en": "The diploma is NOT valid",
    },
    "verifier.verdict.invalid.detail": {
        "kk": "Бұл құжатқа сенуге болмайды.",
        "ru": "Этому документу нельзя доверять.",
        "en": "Do not rely on this document.",
    },
    "verifier.verdict.revoked": {
        "kk": "Диплом КЕРІ ҚАЙТАРЫЛДЫ",
        "ru": "Диплом ОТОЗВАН",
        "en": "The diploma has been REVOKED",
    },
    "verifier.verdict.revoked.detail": {
        "kk": "Дипломды берген ұйым оны кері қайтарды. Бұл құжат енді жарамсыз.",
        "ru": "Выдавшая организация отозвала диплом. Документ больше не действителен.",
        "en": "The issuing institution has revoked this diploma. It is no longer valid.",
    },
    "verifier.verdict.suspended": {
        "kk": "Дипломның қолданылуы ТОҚТАТЫЛҒАН",
        "ru": "Действие диплома ПРИОСТАНОВЛЕНО",
        "en": "The diploma is SUSPENDED",
    },
    "verifier.verdict.suspended.detail": {
        "kk": "Дипломды берген ұйым оның қолданылуын уақытша тоқтатты. Ұйыммен хабарласыңыз.",
        "ru": "Выдавшая организация временно приостановила действие диплома. Свяжитесь с ней.",
        "en": "The issuing institution has temporarily suspended this diploma. Contact the institution.",
    },
    "verifier.verdict.untrusted": {
        "kk": "Қолтаңба дұрыс, бірақ эмитент сенімді тізімде жоқ",
        "ru": "Подпись верна, но издатель не в доверенном списке",
        "en": "Signature correct, but the issuer is not trusted",
    },
    "verifier.verdict.untrusted.detail": {
        "kk": "Эмитент ешбір сенім тізімінде жоқ немесе берілген күні аккредиттелмеген.",
        "ru": "Издателя нет в доверенных списках, или он не был аккредитован на дату выдачи.",
        "en": "The issuer is not in any trust list, or was not accredited on the award date.",
    },
    "verifier.verdict.indeterminate": {
        "kk": "Тексеруді аяқтау мүмкін болмады",
        "ru": "Проверку завершить не удалось",
        "en": "The check could not be completed",
    },
    "verifier.verdict.indeterminate.detail": {
        "kk": "Қажетті дерек (кілт, мәртебе тізімі немесе сенім тізімі) алынбады. Кейінірек қайталаңыз.",
        "ru": "Не удалось получить нужные данные (ключ, список статусов или доверенный список). Повторите позже.",
        "en": "A needed resource (key, status list or trust list) could not be obtained. Try again later.",
    },
    # problems
    "problem.input-too-large": {
        "kk": "Ұсынылған құжат тым үлкен",
        "ru": "Представленный документ слишком велик",
        "en": "The presented document is too large",
    },
    "problem.input-too-deep": {
        "kk": "Ұсынылған құжаттың ұялануы тым терең",
        "ru": "Слишком глубокая вложенность документа",
        "en": "The presented document is nested too deeply",
    },
    "problem.input-empty": {
        "kk": "Ешқандай құжат ұсынылмады",
        "ru": "Документ не представлен",
        "en": "No document was presented",
    },
    "problem.input-not-json-object": {
        "kk": "Куәлік JSON нысаны болуы керек",
        "ru": "Удостоверение должно быть JSON-объектом",
        "en": "A credential must be a JSON object",
    },
    "problem.input-malformed-jwt": {
        "kk": "VC-JWT қате жазылған",
        "ru": "VC-JWT повреждён",
        "en": "Malformed VC-JWT",
    },
    "problem.input-unrecognised": {
        "kk": "Ұсынылған мәтін танылмады (JSON, VC-JWT, сілтеме немесе QR күтілді)",
        "ru": "Представленный текст не распознан (ожидался JSON, VC-JWT, ссылка или QR)",
        "en": "The presented text was not recognised (expected JSON, a VC-JWT, a link or a QR payload)",
    },
    "problem.input-not-utf8": {
        "kk": "Файл UTF-8 мәтіні емес",
        "ru": "Файл не является текстом UTF-8",
        "en": "The file is not UTF-8 text",
    },
    "problem.input-url-unavailable": {
        "kk": "Сілтеме бойынша құжатты алу мүмкін болмады",
        "ru": "Не удалось получить документ по ссылке",
        "en": "The document could not be retrieved from the link",
    },
    "problem.input-url-not-allowed": {
        "kk": "Бұл сілтеме бойынша құжат алуға рұқсат жоқ",
        "ru": "Получать документы по этой ссылке не разрешено",
        "en": "Fetching documents from this link is not allowed",
    },
    "problem.input-unknown-token": {
        "kk": "Тексеру сілтемесі табылмады",
        "ru": "Ссылка для проверки не найдена",
        "en": "The verification link was not found",
    },
    "problem.input-bad-request": {
        "kk": "Сұрауда credential, url немесе qr өрісінің біреуі болуы керек",
        "ru": "Запрос должен содержать одно из полей credential, url или qr",
        "en": "The request must contain one of credential, url or qr",
    },
    "problem.input-bad-date": {
        "kk": "Күн қате жазылған (ЖЖЖЖ-АА-КК күтілді)",
        "ru": "Дата записана неверно (ожидается ГГГГ-ММ-ДД)",
        "en": "Malformed date (expected YYYY-MM-DD)",
    },
    "problem.unknown-verify-token": {
        "kk": "Тексеру сілтемесі табылмады",
        "ru": "Ссылка для проверки не найдена",
        "en": "Verification link not found",
    },
    "problem.verify-link-expired": {
        "kk": "Бұл сілтеменің мерзімі өткен",
        "ru": "Срок действия ссылки истёк",
        "en": "This link has expired",
    },
    "problem.verify-link-revoked": {
        "kk": "Бұл сілтемені иесі жойған",
        "ru": "Владелец отозвал эту ссылку",
        "en": "The owner has withdrawn this link",
    },
}


def _register() -> None:
    messages = dict(_GENERAL)
    for key, texts in _CHECKS.items():
        messages[f"verifier.check.{key}"] = texts
    i18n.register(messages)


_register()


def check_message(check_id: str, status: str, code: str, **params: object) -> dict[str, str]:
    """The message of a check in every language: by code, else by status."""
    catalogue = i18n.catalogue()
    for key in (f"verifier.check.{check_id}.{code}", f"verifier.check.{check_id}.{status}"):
        if key in catalogue:
            return i18n.all_languages(key, **params)
    return i18n.all_languages(f"verifier.check.{check_id}.failed", **params)
