"""The texts of the problems a registrar's rows can have (issuer.rows, issuer.validation), in
kk, ru and en."""

from common import i18n

i18n.register(
    {
        "row.required": {"kk": "Міндетті баған бос", "ru": "Обязательное поле не заполнено", "en": "Required value is missing"},
        "row.missing_column": {
            "kk": "Файлда «{column}» бағаны жоқ",
            "ru": "В файле нет столбца «{column}»",
            "en": "The file has no column “{column}”",
        },
        "row.bad_date": {
            "kk": "Күн қате: «{value}» (ЖЖЖЖ-АА-КК немесе КК.АА.ЖЖЖЖ)",
            "ru": "Неверная дата: «{value}» (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ)",
            "en": "Invalid date “{value}” (YYYY-MM-DD or DD.MM.YYYY)",
        },
        "row.future_date": {
            "kk": "Күн болашақта болмауы керек",
            "ru": "Дата не может быть в будущем",
            "en": "The date must not be in the future",
        },
        "row.unknown_programme": {
            "kk": "«{programme}» бағдарламасы бұл ұйымда тіркелмеген",
            "ru": "Программа «{programme}» не зарегистрирована в этой организации",
            "en": "Programme “{programme}” is not registered for this institution",
        },
        "row.series_level": {
            "kk": "{series} сериясы ҰБШ {level}-деңгейлі бағдарламаға берілмейді",
            "ru": "Серия {series} не выдаётся по программе {level} уровня НРК",
            "en": "Series {series} is not issued for an NQF level {level} programme",
        },
        "row.duplicate": {
            "kk": "{other}-жолды қайталайды (сол түлек, бағдарлама және күн)",
            "ru": "Повторяет строку {other} (тот же выпускник, программа и дата)",
            "en": "Repeats row {other} (same graduate, programme and date)",
        },
        "row.duplicate_number": {
            "kk": "Бұл нөмір {other}-жолда да бар",
            "ru": "Этот номер уже указан в строке {other}",
            "en": "This number is also given in row {other}",
        },
        "row.number_mismatch": {
            "kk": "Бұл түлекке бұрын {display} берілген",
            "ru": "Этому выпускнику уже выдан {display}",
            "en": "This graduate was already issued {display}",
        },
        "row.bad_gpa": {
            "kk": "GPA 0.00 мен 4.00 аралығында сан болуы керек: «{value}»",
            "ru": "GPA должен быть числом от 0.00 до 4.00: «{value}»",
            "en": "GPA must be a number from 0.00 to 4.00: “{value}”",
        },
        "row.bad_bool": {
            "kk": "Иә немесе жоқ күтілді: «{value}»",
            "ru": "Ожидалось да или нет: «{value}»",
            "en": "Expected yes or no: “{value}”",
        },
        "row.not_latin": {
            "kk": "{position}-позициядағы «{char}» латын әрпі емес",
            "ru": "Знак «{char}» в позиции {position} — не латинская буква",
            "en": "“{char}” at position {position} is not a Latin letter",
        },
        "row.too_long": {"kk": "Мән тым ұзын", "ru": "Слишком длинное значение", "en": "The value is too long"},
        "row.bad_credits": {
            "kk": "Кредит саны оң сан болуы керек: «{value}»",
            "ru": "Число кредитов должно быть положительным: «{value}»",
            "en": "Credits must be a positive number: “{value}”",
        },
        "row.unknown_graduate": {
            "kk": "Бұл ЖСН негізгі файлда жоқ",
            "ru": "Этого ИИН нет в основном файле",
            "en": "This IIN is not in the main file",
        },
        "row.ambiguous_graduate": {
            "kk": "ЖСН негізгі файлда бірнеше рет кездеседі: programme_code көрсетіңіз",
            "ru": "ИИН встречается в основном файле несколько раз: укажите programme_code",
            "en": "The IIN occurs more than once in the main file: give programme_code",
        },
        "row.control_char": {
            "kk": "Мәнде басқару немесе көрінбейтін таңба бар (мысалы, NUL, табуляция, нөлдік ені бар бос орын)",
            "ru": "Значение содержит управляющий или невидимый символ (например, NUL, табуляцию, пробел нулевой ширины)",
            "en": "The value holds a control or invisible character (such as NUL, a tab or a zero-width space)",
        },
        "row.no_rows": {
            "kk": "Файлда диплом жолдары жоқ (үлгі: dalel issue template)",
            "ru": "В файле нет строк дипломов (шаблон: dalel issue template)",
            "en": "The file has no diploma rows (template: dalel issue template)",
        },
        "row.courses_list": {
            "kk": "courses — курстар тізімі (JSON массиві) болуы керек",
            "ru": "courses должен быть списком курсов (массив JSON)",
            "en": "courses must be a list of courses (a JSON array)",
        },
        "row.award_before_birth": {
            "kk": "Беру күні туған күннен бұрын",
            "ru": "Дата выдачи раньше даты рождения",
            "en": "The award date is before the date of birth",
        },
    }
)
