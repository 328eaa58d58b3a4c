"""The messages of status checking (``status.<code>``), in Kazakh, Russian and English."""

from __future__ import annotations

from common import i18n

i18n.register(
    {
        "status.not_revoked": {
            "kk": "Құжат кері қайтарылмаған",
            "ru": "Документ не отозван",
            "en": "The credential has not been revoked",
        },
        "status.not_suspended": {
            "kk": "Құжаттың әрекеті тоқтатылмаған",
            "ru": "Действие документа не приостановлено",
            "en": "The credential is not suspended",
        },
        "status.revoked": {
            "kk": "Эмитент бұл құжатты кері қайтарып алған",
            "ru": "Издатель отозвал этот документ",
            "en": "The issuer has revoked this credential",
        },
        "status.suspended": {
            "kk": "Эмитент бұл құжаттың әрекетін тоқтатқан",
            "ru": "Издатель приостановил действие этого документа",
            "en": "The issuer has suspended this credential",
        },
        "status.malformed_entry": {
            "kk": "Құжаттағы күй жазбасы қате жазылған",
            "ru": "Запись статуса в документе составлена неверно",
            "en": "The credential's status entry is malformed",
        },
        "status.list_unavailable": {
            "kk": "Күй тізімін алу мүмкін болмады: құжаттың күйі белгісіз",
            "ru": "Не удалось получить список статусов: статус документа неизвестен",
            "en": "The status list could not be retrieved: the credential's status is unknown",
        },
        "status.list_key_unavailable": {
            "kk": "Күй тізімінің қолтаңба кілтін алу мүмкін болмады",
            "ru": "Не удалось получить ключ подписи списка статусов",
            "en": "The key that signed the status list could not be retrieved",
        },
        "status.list_proof_invalid": {
            "kk": "Күй тізімінің қолтаңбасы жарамсыз: тізім өзгертілген немесе жалған",
            "ru": "Подпись списка статусов недействительна: список изменён или подделан",
            "en": "The status list's signature is invalid: the list was altered or forged",
        },
        "status.list_issuer_mismatch": {
            "kk": "Күй тізіміне құжат эмитенті емес, басқа біреу қол қойған: құжаттың күйі белгісіз",
            "ru": "Список статусов подписан не издателем документа: статус документа неизвестен",
            "en": "The status list was signed by someone other than the credential's issuer: the credential's status is unknown",
        },
        "status.list_id_mismatch": {
            "kk": "Алынған күй тізімі құжатта көрсетілген тізім емес",
            "ru": "Полученный список статусов не тот, на который ссылается документ",
            "en": "The status list retrieved is not the one the credential refers to",
        },
        "status.purpose_mismatch": {
            "kk": "Күй тізімінің мақсаты жазбаның мақсатына сәйкес емес",
            "ru": "Назначение списка статусов не совпадает с назначением записи",
            "en": "The status list's purpose does not match the entry's purpose",
        },
        "status.list_malformed": {
            "kk": "Күй тізімі қате құрастырылған",
            "ru": "Список статусов составлен неверно",
            "en": "The status list is malformed",
        },
        "status.list_not_yet_valid": {
            "kk": "Күй тізімі әлі күшіне енбеген",
            "ru": "Список статусов ещё не вступил в силу",
            "en": "The status list is not yet valid",
        },
        "status.list_expired": {
            "kk": "Күй тізімінің жарамдылық мерзімі өткен: құжаттың қазіргі күйі белгісіз",
            "ru": "Срок действия списка статусов истёк: текущий статус документа неизвестен",
            "en": "The status list has expired: the credential's current status is unknown",
        },
        "status.list_too_short": {
            "kk": "Күй тізімі тым қысқа (кемінде 131 072 жазба қажет)",
            "ru": "Список статусов слишком короткий (нужно не менее 131 072 записей)",
            "en": "The status list is too short (at least 131,072 entries are required)",
        },
        "status.list_too_large": {
            "kk": "Күй тізімі рұқсат етілген көлемнен үлкен",
            "ru": "Список статусов превышает допустимый размер",
            "en": "The status list exceeds the allowed size",
        },
        "status.index_out_of_range": {
            "kk": "Күй жазбасының нөмірі тізімнен тыс",
            "ru": "Номер записи статуса выходит за пределы списка",
            "en": "The status entry's index is outside the list",
        },
        "status.unsupported_purpose": {
            "kk": "Күй жазбасының бұл мақсатына қолдау көрсетілмейді",
            "ru": "Это назначение записи статуса не поддерживается",
            "en": "This status purpose is not supported",
        },
        "status.unsupported_status_type": {
            "kk": "Күй жазбасының бұл түріне қолдау көрсетілмейді",
            "ru": "Этот тип записи статуса не поддерживается",
            "en": "This type of status entry is not supported",
        },
        "status.history_unavailable": {
            "kk": "Көрсетілген күнгі күй тізімін алу мүмкін болмады",
            "ru": "Не удалось получить список статусов на указанную дату",
            "en": "The status list as of the requested date could not be retrieved",
        },
    }
)
i18n.register(
    {
        "status.list_issuer_unconfirmed": {
            "kk": "Күй тізіміне қол қойған кілттің эмитентке тиесілі екенін тексеру мүмкін болмады: құжаттың күйі белгісіз",
            "ru": "Не удалось проверить, что ключ, подписавший список статусов, принадлежит издателю: статус документа неизвестен",
            "en": "Whether the key that signed the status list is the issuer's could not be checked: the credential's status is unknown",
        },
    }
)
