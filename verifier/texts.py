"""What the verifier says besides check messages, in Kazakh, Russian and English: the names of
the checks and their statuses, the verdict headlines, the titles of its problems."""

from __future__ import annotations

from common import i18n

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
    "verifier.check.status.indeterminate": {"kk": "аяқталмады", "ru": "не завершена", "en": "could not be completed"},
    "verifier.check.status.not_applicable": {"kk": "қажет емес", "ru": "не требуется", "en": "not applicable"},
    "verifier.check.name.holder_binding": {"kk": "Ұсынушы — иесі", "ru": "Предъявитель — владелец", "en": "Presenter is the holder"},
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
    "verifier.verdict.not_genuine": {
        "kk": "Диплом ТҮПНҰСҚА ЕМЕС",
        "ru": "Диплом НЕ ПОДЛИННЫЙ",
        "en": "The diploma is NOT genuine",
    },
    "verifier.verdict.not_genuine.detail": {
        "kk": "Цифрлық қолтаңба расталмады: құжат өзгертілген немесе жалған. Ондағы мәліметтерге сенуге болмайды.",
        "ru": "Цифровая подпись не подтверждена: документ изменён или подделан. Его сведениям нельзя доверять.",
        "en": "The digital signature does not hold: the document was altered or forged. Do not rely on anything it says.",
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
        "kk": "Ұсынылған мәтін танылмады (JSON, VC-JWT, сілтеме, QR, PDF немесе сурет күтілді)",
        "ru": "Представленный текст не распознан (ожидался JSON, VC-JWT, ссылка, QR, PDF или изображение)",
        "en": "The presented input was not recognised (expected JSON, a VC-JWT, a link, a QR payload, a PDF or an image)",
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
        "kk": "Сұрауда credential, url немесе qr өрісінің біреуі (не файл) болуы керек",
        "ru": "Запрос должен содержать одно из полей credential, url или qr (или файл)",
        "en": "The request must contain one of credential, url or qr (or a file)",
    },
    "problem.input-bad-date": {
        "kk": "Күн қате жазылған (ЖЖЖЖ-АА-КК күтілді)",
        "ru": "Дата записана неверно (ожидается ГГГГ-ММ-ДД)",
        "en": "Malformed date (expected YYYY-MM-DD)",
    },
    "problem.input-foreign-link": {
        "kk": "Бұл сілтеме осы тексеру қызметіне тиесілі емес",
        "ru": "Эта ссылка не относится к этому сервису проверки",
        "en": "This link does not belong to this verification service",
    },
    "verifier.foreign_link": {
        "kk": "Сілтеме {host} қызметіне апарады, бұл қызмет оны тексере алмайды: сілтемені сонда ашыңыз немесе құжаттың өзін (JSON, PDF) жіберіңіз",
        "ru": "Ссылка ведёт на {host}; этот сервис не может её проверить: откройте ссылку там или пришлите сам документ (JSON, PDF)",
        "en": "The link leads to {host}, which this service cannot ask: open it there, or send the credential itself (JSON, PDF)",
    },
    "problem.input-unreadable-file": {
        "kk": "Файлдан куәлік те, QR код та табылмады",
        "ru": "В файле не найдено ни удостоверения, ни QR-кода",
        "en": "Neither a credential nor a QR code was found in the file",
    },
    "problem.input-image-too-large": {
        "kk": "Сурет тым үлкен",
        "ru": "Изображение слишком велико",
        "en": "The image is too large",
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
i18n.register(_GENERAL)
