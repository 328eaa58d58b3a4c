"""The ``dalel`` command line's help texts in Kazakh, Russian and English.

Each key's ``en`` is exactly the English help written in the command's source (docstring,
``help=``); :mod:`dalel.cli_help` finds the key by that English text and shows the chosen
language. A help text changed or added in the source without a catalogue entry here stays
English, and tests/foundation/test_cli_help.py fails on it.
"""

from __future__ import annotations

from common import i18n

HELP: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ dalel (root)
    "cli.help.root": {
        "kk": "Dalel: W3C Verifiable Credentials түріндегі дипломдар — беру, бөлісу, тексеру.",
        "ru": "Dalel: дипломы в виде W3C Verifiable Credentials — выдача, передача, проверка.",
        "en": "Dalel: diplomas as W3C Verifiable Credentials — issue, share, verify.",
    },
    "cli.help.root.debug": {
        "kk": "Қателердің толық ізін (traceback) көрсету.",
        "ru": "Показывать трассировку ошибок (traceback).",
        "en": "Show tracebacks of errors.",
    },
    "cli.help.root.lang": {
        "kk": "Хабарламалар тілі: kk, ru немесе en.",
        "ru": "Язык сообщений: kk, ru или en.",
        "en": "Language of messages: kk, ru or en.",
    },
    "cli.help.init": {
        "kk": "Деректер қалтасын жасап, дерекқордың барлық миграцияларын қолдану.",
        "ru": "Создать каталог данных и применить все миграции базы данных.",
        "en": "Create the data directory and apply every database migration.",
    },
    "cli.help.version": {
        "kk": "Dalel нұсқасын шығару.",
        "ru": "Показать версию Dalel.",
        "en": "Print Dalel's version.",
    },
    "cli.help.serve": {
        "kk": "Миграцияларды қолданып, HTTP API мен беттерді іске қосу.",
        "ru": "Применить миграции и запустить HTTP API и страницы.",
        "en": "Apply migrations and serve the HTTP API and pages.",
    },
    "cli.help.host": {
        "kk": "Тыңдалатын желі интерфейсі.",
        "ru": "Сетевой интерфейс для приёма подключений.",
        "en": "Interface to listen on.",
    },
    "cli.help.port": {"kk": "TCP порты.", "ru": "TCP-порт.", "en": "TCP port."},
    "cli.help.serve.role": {
        "kk": "Рөлі: all | issuer | verifier | ministry (әдепкісі: DALEL_ROLE).",
        "ru": "Роль: all | issuer | verifier | ministry (по умолчанию: DALEL_ROLE).",
        "en": "all | issuer | verifier | ministry (default: DALEL_ROLE).",
    },
    "cli.help.serve.workers": {
        "kk": "Жұмыс процестерінің саны.",
        "ru": "Число рабочих процессов.",
        "en": "Worker processes.",
    },
    "cli.help.serve.tls_cert": {
        "kk": "Осы PEM сертификатымен HTTPS арқылы қызмет ету.",
        "ru": "Работать по HTTPS с этим сертификатом PEM.",
        "en": "Serve HTTPS with this PEM certificate.",
    },
    "cli.help.serve.tls_key": {
        "kk": "--tls-cert сертификатының жабық кілті (PEM).",
        "ru": "Закрытый ключ (PEM) сертификата --tls-cert.",
        "en": "Private key (PEM) of --tls-cert.",
    },
    "cli.help.demo": {
        "kk": "Жаңадан келгеннің алғашқы командасы: демо деректері бар дайын деректер қалтасы, содан кейін сервер.",
        "ru": "Первая команда новичка: готовый каталог данных с демо-данными, затем сервер.",
        "en": "A newcomer's first command: a ready data directory with demo data, then the server.",
    },
    "cli.help.demo.no_serve": {
        "kk": "Демоны дайындап, серверді қоспай шығу.",
        "ru": "Подготовить демо и выйти, не запуская сервер.",
        "en": "Prepare the demo and exit without serving.",
    },
    "cli.help.demo.out": {
        "kk": "Демо куәліктерін (JSON), QR кодтарын (PNG), қол қойылған PDF дипломдарын және manifest.json "
        "файлын (0600: тіркеуші токені, түлектердің ЖСН) осы қалтаға жазу.",
        "ru": "Записать в этот каталог удостоверения демо (JSON), QR-коды (PNG), подписанные PDF-дипломы и "
        "manifest.json (0600: токен регистратора, ИИН выпускников).",
        "en": "Write the demo's credentials (JSON), QR codes (PNG), signed PDF diplomas and manifest.json "
        "(0600: the registrar's token, the graduates' IINs) to this directory.",
    },
    # ------------------------------------------------------------------ status
    "cli.help.revoke": {
        "kk": "Диплом мен оның қосымшасын кері қайтару (біржола).",
        "ru": "Отозвать диплом и приложение к нему (окончательно).",
        "en": "Revoke a diploma and its supplement (final).",
    },
    "cli.help.suspend": {
        "kk": "Диплом мен оның қосымшасының әрекетін тоқтата тұру (қалпына келтірілгенге дейін).",
        "ru": "Приостановить действие диплома и приложения к нему (до восстановления).",
        "en": "Suspend a diploma and its supplement (until reinstated).",
    },
    "cli.help.reinstate": {
        "kk": "Тоқтата тұруды алып тастау (кері қайтаруды алып тастауға болмайды).",
        "ru": "Снять приостановку (отзыв снять нельзя).",
        "en": "Lift a suspension (a revocation cannot be lifted).",
    },
    "cli.help.status": {
        "kk": "Дипломның күйі (--at күні бойынша) және оның өзгерістер тарихы.",
        "ru": "Статус диплома (на дату --at) и история его изменений.",
        "en": "A diploma's status (as of --at) and its history of changes.",
    },
    "cli.help.series": {
        "kk": "Диплом сериясы, мысалы BD.",
        "ru": "Серия диплома, например BD.",
        "en": "Diploma series, e.g. BD.",
    },
    "cli.help.series_short": {
        "kk": "Диплом сериясы.",
        "ru": "Серия диплома.",
        "en": "Diploma series.",
    },
    "cli.help.number": {
        "kk": "Диплом нөмірі, мысалы 00012345.",
        "ru": "Номер диплома, например 00012345.",
        "en": "Diploma number, e.g. 00012345.",
    },
    "cli.help.number_short": {
        "kk": "Диплом нөмірі.",
        "ru": "Номер диплома.",
        "en": "Diploma number.",
    },
    "cli.help.status.reason": {
        "kk": "Себебі: issued_in_error | fraud | superseded_by_correction | court_decision | graduate_request | other",
        "ru": "Причина: issued_in_error | fraud | superseded_by_correction | court_decision | graduate_request | other",
        "en": "issued_in_error | fraud | superseded_by_correction | court_decision | graduate_request | other",
    },
    "cli.help.status.note": {
        "kk": "Күй тарихында сақталатын еркін мәтін (жарияланбайды).",
        "ru": "Свободный текст, сохраняемый в истории статусов (не публикуется).",
        "en": "Free text kept in the status history (not published).",
    },
    "cli.help.status.token": {
        "kk": "revoke рұқсаты бар токен (немесе DALEL_TOKEN).",
        "ru": "Токен с правом revoke (или DALEL_TOKEN).",
        "en": "Token with scope revoke (or DALEL_TOKEN).",
    },
    "cli.help.status.person": {
        "kk": "Консоль операторы: нұсқау берген жауапты тұлғаның id-і.",
        "ru": "Оператор консоли: id ответственного лица, давшего указание.",
        "en": "Console operator: id of the responsible person who instructed it.",
    },
    "cli.help.status.at": {
        "kk": "Күні: YYYY-MM-DD немесе уақыт белдеуі бар күн мен уақыт.",
        "ru": "Дата: YYYY-MM-DD или дата и время с часовым поясом.",
        "en": "YYYY-MM-DD or a date-time with zone.",
    },
    "cli.help.json": {
        "kk": "JSON түрінде шығару.",
        "ru": "Вывести в формате JSON.",
        "en": "Print JSON.",
    },
    # ------------------------------------------------------------------ verify, bundle
    "cli.help.verify": {
        "kk": "Дипломды тексеру: шығу коды 0 — жарамды, 3 — сенімсіз, 1 — жарамсыз, 4 — анықталмаған, "
        "2 — кіріс оқылмады.",
        "ru": "Проверить диплом: код выхода 0 — действителен, 3 — недоверенный, 1 — недействителен, "
        "4 — не определено, 2 — входные данные не прочитаны.",
        "en": "Verify a diploma: exit 0 valid, 3 untrusted, 1 invalid, 4 indeterminate, 2 unreadable input.",
    },
    "cli.help.verify.input": {
        "kk": "Куәлік не ұсыным файлы (JSON, JWT), PDF диплом, QR кодтың суреті, stdin үшін - немесе URL.",
        "ru": "Файл удостоверения или презентации (JSON, JWT), PDF-диплом, фото QR-кода, - для stdin или URL.",
        "en": "A credential or presentation file (JSON, JWT), a PDF diploma, a photo of a QR code, - for stdin, or a URL.",
    },
    "cli.help.verify.format": {
        "kk": "Шығару пішімі: text | json",
        "ru": "Формат вывода: text | json",
        "en": "text | json",
    },
    "cli.help.verify.lang": {
        "kk": "Есеп тілі: kk | ru | en",
        "ru": "Язык отчёта: kk | ru | en",
        "en": "kk | ru | en",
    },
    "cli.help.verify.bundle": {
        "kk": "Офлайн бума қалтасы.",
        "ru": "Каталог офлайн-пакета.",
        "en": "Offline bundle directory.",
    },
    "cli.help.verify.at": {
        "kk": "Осы күндегі жағдай бойынша тексеру (YYYY-MM-DD немесе dateTime).",
        "ru": "Проверить на эту дату (YYYY-MM-DD или dateTime).",
        "en": "Verify as of this date (YYYY-MM-DD or dateTime).",
    },
    "cli.help.bundle": {
        "kk": "Желіден оқшауланған тексеруге арналған офлайн бумалар.",
        "ru": "Офлайн-пакеты для проверки без доступа к сети.",
        "en": "Offline bundles for air-gapped verification.",
    },
    "cli.help.bundle.build": {
        "kk": "Жұмыс істеп тұрған Dalel-ден офлайн бума жазу (сенім тізімдері, DID құжаттары, күй тізімдері).",
        "ru": "Записать офлайн-пакет (списки доверия, DID-документы, списки статусов) из работающего Dalel.",
        "en": "Write an offline bundle (trust lists, DID documents, status lists) from a running Dalel.",
    },
    "cli.help.bundle.out": {
        "kk": "Бума жазылатын қалта.",
        "ru": "Каталог, в который записать пакет.",
        "en": "Directory to write the bundle to.",
    },
    "cli.help.bundle.from": {
        "kk": "Жұмыс істеп тұрған Dalel URL-і (әдепкісі: DALEL_PUBLIC_URL).",
        "ru": "URL работающего Dalel (по умолчанию: DALEL_PUBLIC_URL).",
        "en": "URL of a running Dalel (default: DALEL_PUBLIC_URL).",
    },
    "cli.help.bundle.credential": {
        "kk": "Ресурстары бумаға қосылатын куәлік файлдары.",
        "ru": "Файлы удостоверений, ресурсы которых включить в пакет.",
        "en": "Credential files whose resources to include.",
    },
    # ------------------------------------------------------------------ export, graduate
    "cli.help.export": {
        "kk": "Дипломды қол қойылған PDF, JSON-LD куәлігі, VC-JWT, ұсыным немесе QR сурет ретінде жазу.",
        "ru": "Записать диплом как подписанный PDF, удостоверение JSON-LD, VC-JWT, презентацию или QR-изображение.",
        "en": "Write a diploma as a signed PDF, credential JSON-LD, VC-JWT, presentation or QR image.",
    },
    "cli.help.export.format": {
        "kk": "Пішімі: pdf | json | jwt | vp | qr-png | qr-svg",
        "ru": "Формат: pdf | json | jwt | vp | qr-png | qr-svg",
        "en": "pdf | json | jwt | vp | qr-png | qr-svg",
    },
    "cli.help.export.out": {
        "kk": "Шығыс файлы (әдепкісі: diploma-SERIES-NUMBER.EXT).",
        "ru": "Выходной файл (по умолчанию: diploma-SERIES-NUMBER.EXT).",
        "en": "Output file (default: diploma-SERIES-NUMBER.EXT).",
    },
    "cli.help.graduate": {
        "kk": "Түлектің кіруі: бір реттік кіру сілтемелері.",
        "ru": "Доступ выпускника: одноразовые ссылки для входа.",
        "en": "The graduate's access: one-time login links.",
    },
    "cli.help.graduate.login_link": {
        "kk": "Дипломның иесі — түлекке бір реттік кіру URL-ін шығару (оны түлекке жіберіңіз).",
        "ru": "Вывести одноразовую ссылку для входа выпускника — владельца диплома (отправьте её ему).",
        "en": "Print a one-time login URL for the graduate who holds the diploma (send it to them).",
    },
    "cli.help.graduate.minutes": {
        "kk": "Сілтеменің жарамдылық мерзімі (минут).",
        "ru": "Срок действия ссылки (в минутах).",
        "en": "Validity of the link.",
    },
    "cli.help.graduate.token": {
        "kk": "Диплом берген ұйым тіркеушісінің токені (issue немесе correct рұқсаты).",
        "ru": "Токен регистратора организации, выдавшей диплом (право issue или correct).",
        "en": "A registrar's token (scope issue or correct) of the diploma's institution.",
    },
    # ------------------------------------------------------------------ keys
    "cli.help.keys": {
        "kk": "Берушінің қол қою кілттері: жасау, тізім, ауыстыру, қолданыстан шығару, құпиясы ашылды деп белгілеу.",
        "ru": "Ключи подписи эмитента: создание, список, смена, вывод из использования, компрометация.",
        "en": "Issuer signing keys: create, list, rotate, retire, compromise.",
    },
    "cli.help.keys.create": {
        "kk": "Ұйым үшін жаңа белсенді қол қою кілтін жасау.",
        "ru": "Создать новый действующий ключ подписи для организации.",
        "en": "Create a new active signing key for an institution.",
    },
    "cli.help.keys.institution": {
        "kk": "Ұйымның қысқа атауы (slug), мысалы demo.",
        "ru": "Краткий идентификатор (slug) организации, например demo.",
        "en": "Institution slug, e.g. demo.",
    },
    "cli.help.keys.alg": {
        "kk": "Алгоритм: ed25519 (әдепкі) немесе p256.",
        "ru": "Алгоритм: ed25519 (по умолчанию) или p256.",
        "en": "ed25519 (default) or p256.",
    },
    "cli.help.keys.list": {
        "kk": "Барлық кілттердің тізімі: күйі, did:key және did:web.",
        "ru": "Список всех ключей со статусом, did:key и did:web.",
        "en": "List every key with its status, did:key and did:web.",
    },
    "cli.help.keys.only_institution": {
        "kk": "Тек осы ұйым.",
        "ru": "Только эта организация.",
        "en": "Only this institution.",
    },
    "cli.help.keys.rotate": {
        "kk": "Жаңа белсенді кілт жасау; ескісі қолданыстан шығып, бұрынғы дипломдарды тексеруге жарамды болып қалады.",
        "ru": "Создать новый действующий ключ; старый выводится из использования и по-прежнему проверяет старые дипломы.",
        "en": "Create a new active key; the old one is retired and keeps verifying old diplomas.",
    },
    "cli.help.keys.retire": {
        "kk": "Кілтпен қол қоюды тоқтату; бұрын қойылған қолтаңбалар жарамды болып қалады.",
        "ru": "Прекратить подписывать ключом; ранее сделанные подписи остаются действительными.",
        "en": "Stop signing with a key; signatures made before stay valid.",
    },
    "cli.help.keys.key_id": {
        "kk": "Кілт id-і, мысалы key-3xQ…",
        "ru": "Идентификатор ключа, например key-3xQ…",
        "en": "Key id, e.g. key-3xQ…",
    },
    "cli.help.keys.compromise": {
        "kk": "Кілтті --at уақытынан бастап құпиясы ашылған деп белгілеу: осы уақыттан кейінгі қолтаңбалар тексеруден өтпейді.",
        "ru": "Отметить ключ скомпрометированным с момента --at: подписи, датированные с этого момента, не пройдут проверку.",
        "en": "Mark a key compromised from --at: signatures dated from then on fail verification.",
    },
    "cli.help.keys.at": {
        "kk": "Кілттің құпиясы ашылуы мүмкін ең ерте уақыт, уақыт белдеуі бар ISO 8601.",
        "ru": "Самый ранний момент возможной утечки ключа, ISO 8601 с часовым поясом.",
        "en": "Earliest time the key may have leaked, ISO 8601 with timezone.",
    },
    # ------------------------------------------------------------------ registrar
    "cli.help.institution": {
        "kk": "Ұйымдар (университеттер).",
        "ru": "Организации (университеты).",
        "en": "Institutions (universities).",
    },
    "cli.help.institution.add": {
        "kk": "Ұйымды, оның did:web идентификаторын және алғашқы қол қою кілтін қосу.",
        "ru": "Добавить организацию, её did:web и первый ключ подписи.",
        "en": "Add an institution, its did:web and its first signing key.",
    },
    "cli.help.institution.slug": {
        "kk": "URL мен DID ішіндегі идентификатор (a-z, 0-9, -).",
        "ru": "Идентификатор в URL и DID (a-z, 0-9, -).",
        "en": "Identifier in URLs and the DID (a-z, 0-9, -).",
    },
    "cli.help.institution.bin": {
        "kk": "Бизнес-сәйкестендіру нөмірі, БСН (12 цифр).",
        "ru": "Бизнес-идентификационный номер, БИН (12 цифр).",
        "en": "Business identification number (12 digits).",
    },
    "cli.help.name_kk": {
        "kk": "Қазақ тіліндегі атауы.",
        "ru": "Название на казахском языке.",
        "en": "Name in Kazakh.",
    },
    "cli.help.name_ru": {
        "kk": "Орыс тіліндегі атауы.",
        "ru": "Название на русском языке.",
        "en": "Name in Russian.",
    },
    "cli.help.name_en": {
        "kk": "Ағылшын тіліндегі атауы.",
        "ru": "Название на английском языке.",
        "en": "Name in English.",
    },
    "cli.help.institution.country": {
        "kk": "Ел коды (ISO 3166-1 alpha-2).",
        "ru": "Код страны (ISO 3166-1 alpha-2).",
        "en": "Country code (ISO 3166-1 alpha-2).",
    },
    "cli.help.institution.address": {
        "kk": "Пошталық мекенжайы.",
        "ru": "Почтовый адрес.",
        "en": "Postal address.",
    },
    "cli.help.accreditation.agency": {
        "kk": "Аккредиттеу агенттігі.",
        "ru": "Аккредитационное агентство.",
        "en": "Accreditation agency.",
    },
    "cli.help.person.name": {
        "kk": "Толық аты-жөні.",
        "ru": "Фамилия, имя и отчество.",
        "en": "Full name.",
    },
    "cli.help.person.position": {
        "kk": "Лауазымы.",
        "ru": "Должность.",
        "en": "Position (job title).",
    },
    "cli.help.institution.list": {
        "kk": "Ұйымдар тізімі.",
        "ru": "Список организаций.",
        "en": "List institutions.",
    },
    "cli.help.accreditation": {
        "kk": "Аккредиттеу жазбалары (сенім тізімінің деректері).",
        "ru": "Записи об аккредитации (данные списка доверия).",
        "en": "Accreditation records (trust list data).",
    },
    "cli.help.accreditation.add": {
        "kk": "Аккредиттеуді тіркеу (сенім тізімінде жарияланады).",
        "ru": "Зарегистрировать аккредитацию (публикуется в списке доверия).",
        "en": "Record an accreditation (published in the trust list).",
    },
    "cli.help.date": {
        "kk": "Күні: YYYY-MM-DD",
        "ru": "Дата: YYYY-MM-DD",
        "en": "YYYY-MM-DD",
    },
    "cli.help.accreditation.scope": {
        "kk": "Аумағы: institution | programme",
        "ru": "Область: institution | programme",
        "en": "institution | programme",
    },
    "cli.help.accreditation.programme": {
        "kk": "Бағдарлама коды (programme аумағы үшін).",
        "ru": "Код программы (для области programme).",
        "en": "Programme code (scope programme).",
    },
    "cli.help.programme": {
        "kk": "Білім беру бағдарламалары.",
        "ru": "Образовательные программы.",
        "en": "Educational programmes.",
    },
    "cli.help.programme.add": {
        "kk": "Білім беру бағдарламасын қосу.",
        "ru": "Добавить образовательную программу.",
        "en": "Add an educational programme.",
    },
    "cli.help.programme.code": {
        "kk": "Білім беру бағдарламаларының тізіліміндегі коды.",
        "ru": "Код в Реестре образовательных программ.",
        "en": "Code in the Register of Educational Programmes.",
    },
    "cli.help.programme.level": {
        "kk": "ҰБШ деңгейі, 1-8.",
        "ru": "Уровень НРК, 1-8.",
        "en": "NQF level 1-8.",
    },
    "cli.help.programme.credits": {
        "kk": "ECTS кредиттері.",
        "ru": "Кредиты ECTS.",
        "en": "ECTS credits.",
    },
    "cli.help.programme.isced": {
        "kk": "ISCED-F 2013 бойынша сала коды, мысалы 0613.",
        "ru": "Код области по ISCED-F 2013, например 0613.",
        "en": "ISCED-F 2013 field code, e.g. 0613.",
    },
    "cli.help.programme.mode": {
        "kk": "Оқу нысаны: full-time | part-time | distance | evening | blended",
        "ru": "Форма обучения: full-time | part-time | distance | evening | blended",
        "en": "full-time | part-time | distance | evening | blended",
    },
    "cli.help.programme.language": {
        "kk": "Оқыту тілі (тілдері), мысалы kk немесе kk,ru,en",
        "ru": "Язык(и) обучения, например kk или kk,ru,en",
        "en": "Language(s) of instruction, e.g. kk or kk,ru,en",
    },
    "cli.help.person": {
        "kk": "Жауапты тұлғалар.",
        "ru": "Ответственные лица.",
        "en": "Responsible persons.",
    },
    "cli.help.person.add": {
        "kk": "Жауапты тұлғаны қосу; оның id-ін шығарады.",
        "ru": "Добавить ответственное лицо; выводит его id.",
        "en": "Add a responsible person; prints their id.",
    },
    "cli.help.person.order_number": {
        "kk": "Тағайындау туралы бұйрықтың нөмірі.",
        "ru": "Номер приказа о назначении.",
        "en": "Number of the appointing order.",
    },
    "cli.help.person.active_until": {
        "kk": "Күні: YYYY-MM-DD (осы күн кірмейді)",
        "ru": "Дата: YYYY-MM-DD (не включая этот день)",
        "en": "YYYY-MM-DD (exclusive)",
    },
    "cli.help.token": {
        "kk": "Жауапты тұлғалардың API токендері.",
        "ru": "API-токены ответственных лиц.",
        "en": "API tokens of responsible persons.",
    },
    "cli.help.token.create": {
        "kk": "Bearer токенін жасау; ол бір-ақ рет көрсетіледі.",
        "ru": "Создать bearer-токен; он выводится один раз.",
        "en": "Create a bearer token; prints it once.",
    },
    "cli.help.token.person": {
        "kk": "Жауапты тұлғаның id-і.",
        "ru": "Id ответственного лица.",
        "en": "Responsible person id.",
    },
    "cli.help.token.scopes": {
        "kk": "Үтір арқылы рұқсаттар: issue,revoke,correct",
        "ru": "Права через запятую: issue,revoke,correct",
        "en": "Comma-separated: issue,revoke,correct",
    },
    "cli.help.token.revoke": {
        "kk": "Токенді кері қайтару.",
        "ru": "Отозвать токен.",
        "en": "Revoke a token.",
    },
    "cli.help.token.token_id": {
        "kk": "Токен id-і.",
        "ru": "Id токена.",
        "en": "Token id.",
    },
    "cli.help.issue": {
        "kk": "Дипломдар мен қосымшаларды беру.",
        "ru": "Выдача дипломов и приложений.",
        "en": "Issue diplomas and supplements.",
    },
    "cli.help.issue.batch": {
        "kk": "Түлектер файлын тексеріп, ондағы барлық дипломдар мен қосымшаларды беру (немесе ештеңе бермеу).",
        "ru": "Проверить файл выпуска и выдать все дипломы и приложения из него (или ничего).",
        "en": "Validate a cohort file and issue every diploma and supplement in it (or nothing).",
    },
    "cli.help.issue.file": {
        "kk": "Түлектердің CSV немесе XLSX файлы.",
        "ru": "Файл выпуска в формате CSV или XLSX.",
        "en": "CSV or XLSX cohort file.",
    },
    "cli.help.issue.supplements": {
        "kk": "Қосымшалар жолдары (CSV/XLSX).",
        "ru": "Строки приложений (CSV/XLSX).",
        "en": "Supplement rows (CSV/XLSX).",
    },
    "cli.help.issue.dry_run": {
        "kk": "Тек тексеру; ештеңе берілмейді.",
        "ru": "Только проверить; ничего не выдавать.",
        "en": "Validate only; issue nothing.",
    },
    "cli.help.issue.manifest": {
        "kk": "Манифест JSON осы жерге жазылады.",
        "ru": "Записать сюда манифест JSON.",
        "en": "Write the manifest JSON here.",
    },
    "cli.help.issue.token": {
        "kk": "Bearer токені (немесе DALEL_TOKEN).",
        "ru": "Bearer-токен (или DALEL_TOKEN).",
        "en": "Bearer token (or DALEL_TOKEN).",
    },
    "cli.help.issue.template": {
        "kk": "Түлектер файлының үлгісін жазу (docs/BATCH-IMPORT.md қараңыз).",
        "ru": "Записать шаблон файла выпуска (см. docs/BATCH-IMPORT.md).",
        "en": "Write the cohort template (see docs/BATCH-IMPORT.md).",
    },
    "cli.help.issue.template_out": {
        "kk": "cohort.xlsx (екі парақ) немесе cohort.csv (екі CSV файл).",
        "ru": "cohort.xlsx (два листа) или cohort.csv (два файла CSV).",
        "en": "cohort.xlsx (two sheets) or cohort.csv (two CSV files).",
    },
    "cli.help.audit": {
        "kk": "Аудит журналы.",
        "ru": "Журнал аудита.",
        "en": "The audit log.",
    },
    "cli.help.audit.verify": {
        "kk": "Аудит журналының хэш тізбегін тексеру (кез келген жазба өзгертілсе, жойылса "
        "немесе орны ауыстырылса, шығу коды 1).",
        "ru": "Проверить хэш-цепочку журнала аудита (код выхода 1, если какая-либо запись изменена, "
        "удалена или перемещена).",
        "en": "Check the hash chain of the audit log (exit 1 if any row was edited, deleted or moved).",
    },
    "cli.help.audit.json": {
        "kk": "Есепті JSON түрінде шығару.",
        "ru": "Вывести отчёт в формате JSON.",
        "en": "Print the report as JSON.",
    },
}

# Typer's and Click's own words in help and usage-error output.
FIXED: dict[str, dict[str, str]] = {
    "cli.click.usage": {"kk": "Қолданылуы: ", "ru": "Использование: ", "en": "Usage: "},
    "cli.click.options_metavar": {"kk": "[ОПЦИЯЛАР]", "ru": "[ПАРАМЕТРЫ]", "en": "[OPTIONS]"},
    "cli.click.subcommand_metavar": {
        "kk": "КОМАНДА [АРГУМЕНТТЕР]...",
        "ru": "КОМАНДА [АРГУМЕНТЫ]...",
        "en": "COMMAND [ARGS]...",
    },
    "cli.click.help_option": {
        "kk": "Осы анықтаманы көрсетіп, шығу.",
        "ru": "Показать эту справку и выйти.",
        "en": "Show this message and exit.",
    },
    "cli.click.arguments": {"kk": "Аргументтер", "ru": "Аргументы", "en": "Arguments"},
    "cli.click.options": {"kk": "Опциялар", "ru": "Параметры", "en": "Options"},
    "cli.click.commands": {"kk": "Командалар", "ru": "Команды", "en": "Commands"},
    "cli.click.error": {"kk": "Қате", "ru": "Ошибка", "en": "Error"},
    "cli.click.aborted": {"kk": "Тоқтатылды.", "ru": "Прервано.", "en": "Aborted."},
    "cli.click.deprecated": {"kk": "(ескірген) ", "ru": "(устарело) ", "en": "(deprecated) "},
    "cli.click.default": {"kk": "[әдепкісі: {}]", "ru": "[по умолчанию: {}]", "en": "[default: {}]"},
    "cli.click.envvar": {"kk": "[орта айнымалысы: {}]", "ru": "[переменная окружения: {}]", "en": "[env var: {}]"},
    "cli.click.required": {"kk": "[міндетті]", "ru": "[обязательно]", "en": "[required]"},
    "cli.click.try_help": {
        "kk": "Анықтама: [blue]'{command_path} {help_option}'[/]",
        "ru": "Справка: [blue]'{command_path} {help_option}'[/]",
        "en": "Try [blue]'{command_path} {help_option}'[/] for help.",
    },
    "cli.click.invalid_value_for": {
        "kk": "{hint} мәні жарамсыз: {message}",
        "ru": "Недопустимое значение {hint}: {message}",
        "en": "Invalid value for {hint}: {message}",
    },
    "cli.click.invalid_value": {
        "kk": "Мәні жарамсыз: {message}",
        "ru": "Недопустимое значение: {message}",
        "en": "Invalid value: {message}",
    },
    "cli.click.detail.integer": {
        "kk": "бүтін сан болуы керек",
        "ru": "нужно целое число",
        "en": "Input should be a valid integer",
    },
    "cli.click.detail.min": {
        "kk": "мәні кемінде {n} болуы керек",
        "ru": "значение должно быть не меньше {n}",
        "en": "Input should be greater than or equal to {n}",
    },
    "cli.click.detail.max": {
        "kk": "мәні ең көбі {n} болуы керек",
        "ru": "значение должно быть не больше {n}",
        "en": "Input should be less than or equal to {n}",
    },
    "cli.click.detail.missing": {
        "kk": "{label} {path} жоқ.",
        "ru": "{label} {path} не существует.",
        "en": "{label} {path} does not exist.",
    },
    "cli.click.detail.is_dir": {
        "kk": "{label} {path} — қалта.",
        "ru": "{label} {path} является каталогом.",
        "en": "{label} {path} is a directory.",
    },
    "cli.click.detail.is_file": {
        "kk": "{label} {path} — файл.",
        "ru": "{label} {path} является файлом.",
        "en": "{label} {path} is a file.",
    },
    "cli.click.detail.unreadable": {
        "kk": "{label} {path} оқылмайды.",
        "ru": "{label} {path} недоступен для чтения.",
        "en": "{label} {path} is not readable.",
    },
    "cli.click.detail.unwritable": {
        "kk": "{label} {path} жазылмайды.",
        "ru": "{label} {path} недоступен для записи.",
        "en": "{label} {path} is not writable.",
    },
    "cli.click.label.file": {"kk": "файл", "ru": "файл", "en": "file"},
    "cli.click.label.directory": {"kk": "қалта", "ru": "каталог", "en": "directory"},
    "cli.click.label.path": {"kk": "жол", "ru": "путь", "en": "path"},
    "cli.click.missing.argument": {
        "kk": "{hint} аргументі берілмеген.",
        "ru": "Не указан аргумент {hint}.",
        "en": "Missing argument {hint}.",
    },
    "cli.click.missing.option": {
        "kk": "{hint} опциясы берілмеген.",
        "ru": "Не указан параметр {hint}.",
        "en": "Missing option {hint}.",
    },
    "cli.click.missing.parameter": {
        "kk": "{hint} параметрі берілмеген.",
        "ru": "Не указан параметр {hint}.",
        "en": "Missing parameter {hint}.",
    },
    "cli.click.no_such_option": {
        "kk": "Мұндай опция жоқ: {name}",
        "ru": "Нет такого параметра: {name}",
        "en": "No such option: {name}",
    },
    "cli.click.possible_options": {
        "kk": "(мүмкін опциялар: {names})",
        "ru": "(возможные параметры: {names})",
        "en": "(Possible options: {names})",
    },
    "cli.click.no_such_command": {
        "kk": "Мұндай команда жоқ: {name}.",
        "ru": "Нет такой команды: {name}.",
        "en": "No such command {name}.",
    },
    "cli.click.did_you_mean": {
        "kk": "Бәлкім, {names}?",
        "ru": "Возможно, вы имели в виду {names}?",
        "en": "Did you mean {names}?",
    },
    "cli.click.missing_command": {
        "kk": "Команда берілмеген.",
        "ru": "Не указана команда.",
        "en": "Missing command.",
    },
    "cli.click.extra_arguments": {
        "kk": "Артық аргумент(тер): ({args})",
        "ru": "Лишние аргументы: ({args})",
        "en": "Got unexpected extra argument(s) ({args})",
    },
    "cli.click.requires_argument": {
        "kk": "{name} опциясына мән қажет.",
        "ru": "Параметру {name} нужно значение.",
        "en": "Option {name} requires an argument.",
    },
    "cli.click.takes_no_value": {
        "kk": "{name} опциясы мән қабылдамайды.",
        "ru": "Параметр {name} не принимает значения.",
        "en": "Option {name} does not take a value.",
    },
}

i18n.register(HELP)
i18n.register(FIXED)
