"""What the checks of a credential's standing say, in Kazakh, Russian and English: its
validity period, revocation and suspension, a newer version, its link to the diploma it came
with, and whether the presenter is its subject. Registered by :mod:`verifier.messages`."""

from __future__ import annotations

STANDING: dict[str, dict[str, str]] = {
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
    "status_revocation.indeterminate": {
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
    "status_suspension.indeterminate": {
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
    # ------------------------------------------------------------------ holder_binding
    "holder_binding.holder_is_subject": {
        "kk": "Ұсынған адам — куәлік иесі",
        "ru": "Предъявитель — владелец удостоверения",
        "en": "The presenter is the credential's subject",
    },
    "holder_binding.holder_not_subject": {
        "kk": "Ұсынған адам куәлік иесі екені расталмады",
        "ru": "Не подтверждено, что предъявитель — владелец удостоверения",
        "en": "The presenter is not shown to be the credential's subject",
    },
    "holder_binding.failed": {
        "kk": "Ұсынған адам куәлік иесі екені расталмады",
        "ru": "Не подтверждено, что предъявитель — владелец удостоверения",
        "en": "The presenter is not shown to be the credential's subject",
    },
    "related_resource.not_applicable": {
        "kk": "Басқа құжатпен байланыс тексерілмейді",
        "ru": "Связь с другим документом не проверяется",
        "en": "No link to another credential to check",
    },
}
