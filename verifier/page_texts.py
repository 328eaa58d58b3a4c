"""The words of the verify pages, in Kazakh, Russian and English: labels, the pages for
unknown, expired and withdrawn links, the supplement's sections, the upload form, the
names of degree types."""

from __future__ import annotations

from common import i18n

i18n.register(
    {
        "verifier.page.title": {"kk": "Дипломды тексеру", "ru": "Проверка диплома", "en": "Diploma verification"},
        "verifier.page.details": {"kk": "Диплом туралы", "ru": "Сведения о дипломе", "en": "About the diploma"},
        "verifier.page.checks": {"kk": "Тексерулер", "ru": "Проверки", "en": "Checks"},
        "verifier.page.details_unconfirmed": {
            "kk": "Құжатта жазылғаны (РАСТАЛМАҒАН)",
            "ru": "Что написано в документе (НЕ ПОДТВЕРЖДЕНО)",
            "en": "What the document claims (NOT confirmed)",
        },
        "verifier.page.reason": {"kk": "Себебі", "ru": "Причина", "en": "Reason"},
        "verifier.page.holder": {"kk": "Иесі", "ru": "Владелец", "en": "Holder"},
        "verifier.page.degree": {"kk": "Дәреже / біліктілік", "ru": "Степень / квалификация", "en": "Degree"},
        "verifier.page.programme": {"kk": "Білім беру бағдарламасы", "ru": "Образовательная программа", "en": "Programme"},
        "verifier.page.institution": {"kk": "Жоғары оқу орны", "ru": "Вуз", "en": "Institution"},
        "verifier.page.series_number": {"kk": "Сериясы мен нөмірі", "ru": "Серия и номер", "en": "Series and number"},
        "verifier.page.award_date": {"kk": "Берілген күні", "ru": "Дата выдачи", "en": "Award date"},
        "verifier.page.verified_at": {"kk": "Тексерілген уақыты", "ru": "Время проверки", "en": "Verified at"},
        "verifier.page.newer_version": {
            "kk": "Жаңа нұсқасын ашу",
            "ru": "Открыть новую версию",
            "en": "Open the newer version",
        },
        "verifier.page.organisation": {
            "kk": "Ұйымыңыз (міндетті емес, диплом иесі көреді)",
            "ru": "Ваша организация (необязательно, увидит владелец диплома)",
            "en": "Your organisation (optional, shown to the diploma holder)",
        },
        "verifier.page.send": {"kk": "Жіберу", "ru": "Отправить", "en": "Send"},
        "verifier.page.json": {"kk": "Машинаға арналған нұсқа (JSON)", "ru": "Версия для программ (JSON)", "en": "Machine-readable (JSON)"},
        "verifier.page.language": {"kk": "Тіл", "ru": "Язык", "en": "Language"},
        "verifier.page.unknown.title": {
            "kk": "Тексеру сілтемесі табылмады",
            "ru": "Ссылка для проверки не найдена",
            "en": "Verification link not found",
        },
        "verifier.page.unknown.detail": {
            "kk": "Сілтемені немесе QR кодты қайта тексеріңіз. Дұрыс сілтеме дипломды жарамды деп көрсетеді.",
            "ru": "Проверьте ссылку или QR-код ещё раз. По правильной ссылке диплом открывается с результатом проверки.",
            "en": "Check the link or QR code again. A genuine link opens the diploma with its verification result.",
        },
        "verifier.page.expired.title": {
            "kk": "Бұл сілтеменің мерзімі өтіп кетті",
            "ru": "Срок действия этой ссылки истёк",
            "en": "This link has expired",
        },
        "verifier.page.expired.detail": {
            "kk": "Диплом иесінен жаңа сілтеме сұраңыз. Бұл дипломның жарамсыз екенін білдірмейді.",
            "ru": "Попросите владельца диплома прислать новую ссылку. Это не значит, что диплом недействителен.",
            "en": "Ask the diploma holder for a new link. This does not mean the diploma is invalid.",
        },
        "verifier.page.withdrawn.title": {
            "kk": "Бұл сілтемені диплом иесі жойған",
            "ru": "Владелец диплома отозвал эту ссылку",
            "en": "The diploma holder has withdrawn this link",
        },
        "verifier.page.withdrawn.detail": {
            "kk": "Диплом иесінен жаңа сілтеме сұраңыз. Бұл дипломның жарамсыз екенін білдірмейді.",
            "ru": "Попросите владельца диплома прислать новую ссылку. Это не значит, что диплом недействителен.",
            "en": "Ask the diploma holder for a new link. This does not mean the diploma is invalid.",
        },
        "verifier.page.unavailable.title": {
            "kk": "Қазір тексеру мүмкін емес",
            "ru": "Проверка сейчас недоступна",
            "en": "Verification is unavailable right now",
        },
        "verifier.page.unavailable.detail": {
            "kk": "Кейінірек қайталап көріңіз.",
            "ru": "Попробуйте позже.",
            "en": "Please try again later.",
        },
        "verifier.page.too_many.title": {
            "kk": "Сұраулар тым көп",
            "ru": "Слишком много запросов",
            "en": "Too many requests",
        },
        "verifier.page.too_many.detail": {
            "kk": "{seconds} секундтан кейін қайталаңыз.",
            "ru": "Повторите через {seconds} с.",
            "en": "Try again in {seconds} seconds.",
        },
    }
)

_SUPPLEMENT_TEXTS = {
    "title": {"kk": "Дипломға қосымша", "ru": "Приложение к диплому", "en": "Diploma Supplement"},
    "verdict.valid": {"kk": "Қосымша жарамды", "ru": "Приложение действительно", "en": "The supplement is valid"},
    "verdict.invalid": {"kk": "Қосымша ЖАРАМСЫЗ", "ru": "Приложение НЕДЕЙСТВИТЕЛЬНО", "en": "The supplement is NOT valid"},
    "verdict.untrusted": {
        "kk": "Қосымшаны берген ұйым сенімді тізімде жоқ",
        "ru": "Издатель приложения не найден в доверенном списке",
        "en": "The supplement's issuer is not in a trusted list",
    },
    "verdict.indeterminate": {
        "kk": "Қосымшаны қазір толық тексеру мүмкін емес",
        "ru": "Приложение сейчас невозможно проверить полностью",
        "en": "The supplement could not be fully checked right now",
    },
    "verdict.revoked": {"kk": "Қосымша КЕРІ ҚАЙТАРЫЛДЫ", "ru": "Приложение ОТОЗВАНО", "en": "The supplement has been REVOKED"},
    "verdict.suspended": {
        "kk": "Қосымшаның күші ТОҚТАТЫЛДЫ",
        "ru": "Действие приложения ПРИОСТАНОВЛЕНО",
        "en": "The supplement is SUSPENDED",
    },
    "unconfirmed": {
        "kk": "Төмендегі мәліметтер РАСТАЛМАҒАН",
        "ru": "Сведения ниже НЕ ПОДТВЕРЖДЕНЫ",
        "en": "The details below are NOT confirmed",
    },
    "holder": {"kk": "Біліктілік иесі", "ru": "Обладатель квалификации", "en": "Holder of the qualification"},
    "qualification": {"kk": "Біліктілік", "ru": "Квалификация", "en": "Qualification"},
    "field_of_study": {"kk": "Білім саласы", "ru": "Область образования", "en": "Field of study"},
    "language_of_instruction": {"kk": "Оқыту тілі", "ru": "Язык обучения", "en": "Language of instruction"},
    "level": {"kk": "Біліктілік деңгейі", "ru": "Уровень квалификации", "en": "Level of the qualification"},
    "length": {"kk": "Ресми оқу мерзімі", "ru": "Нормативный срок обучения", "en": "Official length of the programme"},
    "years": {"kk": "{years} жыл", "ru": "{years} г.", "en": "{years} years"},
    "access_requirements": {"kk": "Түсу талаптары", "ru": "Требования к поступлению", "en": "Access requirements"},
    "mode_of_study": {"kk": "Оқу нысаны", "ru": "Форма обучения", "en": "Mode of study"},
    "courses": {"kk": "Пәндер мен бағалар", "ru": "Дисциплины и оценки", "en": "Courses and grades"},
    "course": {"kk": "Пән", "ru": "Дисциплина", "en": "Course"},
    "credits": {"kk": "Кредит", "ru": "Кредиты", "en": "Credits"},
    "grade": {"kk": "Баға", "ru": "Оценка", "en": "Grade"},
    "total_credits": {"kk": "Барлық кредит", "ru": "Всего кредитов", "en": "Total credits"},
    "grading_scheme": {"kk": "Бағалау жүйесі", "ru": "Система оценивания", "en": "Grading scheme"},
    "gpa": {"kk": "Орташа балл (GPA)", "ru": "Средний балл (GPA)", "en": "Grade point average (GPA)"},
    "classification": {"kk": "Жалпы нәтиже", "ru": "Общая классификация", "en": "Overall classification"},
    "further_study": {"kk": "Әрі қарай оқуға мүмкіндік", "ru": "Доступ к дальнейшему обучению", "en": "Access to further study"},
    "professional_status": {"kk": "Кәсіби мәртебе", "ru": "Профессиональный статус", "en": "Professional status"},
    "certification": {"kk": "Куәландырылды", "ru": "Заверено", "en": "Certified"},
    "national_system": {
        "kk": "Ұлттық жоғары білім жүйесі",
        "ru": "Национальная система высшего образования",
        "en": "National higher education system",
    },
    "checks": {"kk": "Қосымшаны тексерулер", "ru": "Проверки приложения", "en": "Checks of the supplement"},
    "mode.full-time": {"kk": "күндізгі", "ru": "очная", "en": "full-time"},
    "mode.part-time": {"kk": "сырттай", "ru": "заочная", "en": "part-time"},
    "mode.evening": {"kk": "кешкі", "ru": "вечерняя", "en": "evening"},
    "mode.distance": {"kk": "қашықтықтан", "ru": "дистанционная", "en": "distance"},
    "mode.online": {"kk": "онлайн", "ru": "онлайн", "en": "online"},
    "language.kk": {"kk": "қазақ тілі", "ru": "казахский", "en": "Kazakh"},
    "language.ru": {"kk": "орыс тілі", "ru": "русский", "en": "Russian"},
    "language.en": {"kk": "ағылшын тілі", "ru": "английский", "en": "English"},
}
i18n.register({f"verifier.page.supplement.{key}": value for key, value in _SUPPLEMENT_TEXTS.items()})

i18n.register(
    {
        "verifier.page.institution_claimed": {
            "kk": "Құжатта өзін былай атайды (сенім тізімінде басқаша)",
            "ru": "В документе называет себя так (в доверенном списке иначе)",
            "en": "Name in the credential (the trust list says otherwise)",
        },
        "verifier.page.institution_unlisted": {
            "kk": "{name} (құжаттың өз сөзі; сенім тізімі растамаған)",
            "ru": "{name} (по словам самого документа; доверенный список не подтверждает)",
            "en": "{name} (as the credential names itself; no trust list confirms it)",
        },
        "verifier.page.not_genuine_details": {
            "kk": "Құжаттағы мәліметтер көрсетілмейді: олар расталмаған",
            "ru": "Сведения из документа не показаны: они не подтверждены",
            "en": "The document's details are not shown: nothing in it is confirmed",
        },
        "verifier.page.upload.title": {"kk": "Дипломды тексеру", "ru": "Проверка диплома", "en": "Verify a diploma"},
        "verifier.page.upload.lead": {
            "kk": "Тексеру сілтемесін немесе куәлік мәтінін қойыңыз, не PDF дипломды, QR кодтың суретін (PNG, JPEG) немесе куәлік файлын (JSON) жүктеңіз.",
            "ru": "Вставьте ссылку для проверки или текст удостоверения либо загрузите PDF-диплом, фото QR-кода (PNG, JPEG) или файл удостоверения (JSON).",
            "en": "Paste a verification link or a credential, or upload the PDF diploma, a photo of its QR code (PNG, JPEG) or the credential file (JSON).",
        },
        "verifier.page.upload.input": {
            "kk": "Сілтеме немесе куәлік мәтіні",
            "ru": "Ссылка или текст удостоверения",
            "en": "Link or credential text",
        },
        "verifier.page.upload.file": {"kk": "Файл (PDF, PNG, JPEG, JSON)", "ru": "Файл (PDF, PNG, JPEG, JSON)", "en": "File (PDF, PNG, JPEG, JSON)"},
        "verifier.page.upload.submit": {"kk": "Тексеру", "ru": "Проверить", "en": "Verify"},
        "verifier.page.upload.error": {"kk": "Тексеру мүмкін болмады", "ru": "Проверить не удалось", "en": "Could not verify"},
        "verifier.page.upload.presentation": {
            "kk": "Ұсынымдағы куәліктер",
            "ru": "Удостоверения в презентации",
            "en": "The credentials in the presentation",
        },
        "verifier.page.problem.title": {"kk": "Тексеру мүмкін болмады", "ru": "Проверить не удалось", "en": "Could not verify"},
    }
)
