"""Synthetic ``data/institutions.yaml`` files for benchmarks.

The build's cost depends on how many pages there are and on what is on them
(Korean, Chinese, Cyrillic and Arabic text, fallback spans, contact lists), so
the records here look like the real ones: names in six scripts built from the
Korean pronunciation of a proper name plus a type word, summaries of two or
three sentences with some languages left out (the English fallback path),
Seoul phone numbers, addresses, coordinates and messenger channels. Every
record is invented; the file is marked ``sample: true``.

    .venv/bin/python benchmarks/synthetic.py OUT.yaml --institutions 200 [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path
from typing import Any, NamedTuple

import phonenumbers
import yaml

from guidebook.data.load import load_file

NAME_LANGS = ("ko", "en", "zh", "mn", "ru", "ar")
TEXT_LANGS = ("en", "zh", "mn", "ru", "ar")
SPOKEN = ("en", "zh", "mn", "ru", "ar", "ja", "vi", "kk", "uz", "th")

# One Korean syllable as each script writes it: Hangul, romanised, a Chinese
# character of the same sound, Mongolian Cyrillic, Russian Cyrillic, Arabic.
SYLLABLES = [
    ("한", "han", "韩", "хан", "хан", "هان"), ("서", "seo", "瑞", "сө", "со", "سو"),
    ("성", "seong", "成", "сөн", "сон", "سونغ"), ("미", "mi", "美", "ми", "ми", "مي"),
    ("연", "yeon", "延", "ён", "ён", "يون"), ("세", "se", "世", "сэ", "се", "سي"),
    ("우", "u", "宇", "ү", "у", "وو"), ("리", "ri", "利", "ри", "ри", "ري"),
    ("정", "jeong", "正", "жөн", "чон", "جونغ"), ("민", "min", "民", "мин", "мин", "مين"),
    ("하", "ha", "夏", "ха", "ха", "ها"), ("나", "na", "娜", "на", "на", "نا"),
    ("도", "do", "道", "до", "до", "دو"), ("아", "a", "雅", "а", "а", "ا"),
    ("진", "jin", "真", "жин", "чин", "جين"), ("율", "yul", "律", "юл", "юль", "يول"),
    ("보", "bo", "宝", "бо", "бо", "بو"), ("국", "guk", "国", "гүк", "кук", "كوك"),
    ("명", "myeong", "明", "мён", "мён", "ميونغ"), ("인", "in", "仁", "ин", "ин", "إين"),
    ("강", "gang", "江", "ган", "кан", "كانغ"), ("태", "tae", "泰", "тэ", "тхэ", "تاي"),
    ("영", "yeong", "英", "ён", "ён", "يونغ"), ("희", "hui", "熙", "хүй", "хи", "هي"),
    ("준", "jun", "俊", "жүн", "чун", "جون"), ("은", "eun", "恩", "өн", "ын", "أون"),
]
_SYLLABLE_LANGS = ("ko", "en", "zh", "mn", "ru", "ar")


class Kind(NamedTuple):
    """A type of institution: category, specialties, name pattern and what it offers."""

    category: str
    weight: int
    specialties: tuple[str, ...]  # always listed
    optional: tuple[str, ...]  # some of these are added
    names: tuple[str, ...]  # ko en zh mn ru ar, {p} is the proper name
    focus: tuple[str, ...]  # en zh mn ru ar


KINDS = [
    Kind("hospital", 8, ("ophthalmology",), ("plastic_surgery",),
         ("{p}안과병원", "{p} Eye Hospital", "{p}眼科医院", "{p} нүдний эмнэлэг",
          "Глазная больница {p}", "مستشفى {p} للعيون"),
         ("cataract, retina and LASIK surgery", "白内障、视网膜和激光近视手术",
          "болор цайлт, торлог бүрхэвч болон LASIK мэс засал",
          "хирургия катаракты, сетчатки и LASIK", "جراحة الساد والشبكية والليزك")),
    Kind("clinic", 6, ("ophthalmology",), (),
         ("{p}안과의원", "{p} Eye Clinic", "{p}眼科诊所", "{p} нүдний клиник",
          "Офтальмологическая клиника {p}", "عيادة {p} للعيون"),
         ("eye examinations, dry-eye treatment and vision correction", "眼科检查、干眼症治疗和视力矫正",
          "нүдний үзлэг, хуурай нүдний эмчилгээ, хараа засал",
          "осмотры глаз, лечение сухости глаз и коррекция зрения",
          "فحص العيون وعلاج جفاف العين وتصحيح النظر")),
    Kind("dental", 10, ("dentistry",), (),
         ("{p}치과", "{p} Dental Clinic", "{p}牙科诊所", "{p} шүдний эмнэлэг",
          "Стоматология {p}", "عيادة {p} لطب الأسنان"),
         ("implants, orthodontics and aesthetic dentistry", "种植牙、牙齿矫正和美容牙科",
          "шүдний имплант, гажиг засал, гоо сайхны шүдний эмчилгээ",
          "имплантация, ортодонтия и эстетическая стоматология",
          "زراعة الأسنان وتقويمها وطب الأسنان التجميلي")),
    Kind("general", 10, ("internal_medicine",),
         ("general_surgery", "orthopedics", "cardiology", "neurology", "urology", "family_medicine"),
         ("{p}병원", "{p} Hospital", "{p}医院", "{p} эмнэлэг", "Больница {p}", "مستشفى {p}"),
         ("internal medicine, surgery and health screening", "内科、外科和健康体检",
          "дотор өвчин, мэс засал, эрүүл мэндийн үзлэг",
          "терапия, хирургия и медицинские обследования", "الطب الباطني والجراحة والفحوص الصحية")),
    Kind("tertiary", 3, ("oncology", "cardiology"),
         ("neurosurgery", "stroke", "burns", "thyroid_surgery", "breast_surgery", "pediatrics"),
         ("{p}대학교병원", "{p} University Hospital", "{p}大学医院", "{p} их сургуулийн эмнэлэг",
          "Университетская больница {p}", "مستشفى جامعة {p}"),
         ("cancer, heart and stroke care, transplants and burn treatment",
          "癌症、心脏病和脑卒中治疗、器官移植及烧伤治疗",
          "хорт хавдар, зүрх, тархины цус харвалтын эмчилгээ, эрхтэн шилжүүлэн суулгалт, түлэгдлийн эмчилгээ",
          "лечение рака, болезней сердца и инсульта, трансплантация и лечение ожогов",
          "علاج السرطان وأمراض القلب والسكتة الدماغية وزراعة الأعضاء وعلاج الحروق")),
    Kind("hospital", 8, ("spine", "orthopedics"), ("neurosurgery", "rehabilitation"),
         ("{p}척추병원", "{p} Spine Hospital", "{p}脊椎医院", "{p} нурууны эмнэлэг",
          "Больница позвоночника {p}", "مستشفى {p} للعمود الفقري"),
         ("non-surgical spine treatment, joint surgery and rehabilitation", "脊椎非手术治疗、关节手术和康复",
          "нурууны мэс заслын бус эмчилгээ, үе мөчний мэс засал, нөхөн сэргээх эмчилгээ",
          "безоперационное лечение позвоночника, хирургия суставов и реабилитация",
          "علاج العمود الفقري دون جراحة وجراحة المفاصل وإعادة التأهيل")),
    Kind("clinic", 10, ("dermatology",), ("plastic_surgery",),
         ("{p}피부과의원", "{p} Skin Clinic", "{p}皮肤科诊所", "{p} арьсны клиник",
          "Дерматологическая клиника {p}", "عيادة {p} للأمراض الجلدية"),
         ("laser skin treatment, acne and pigmentation care", "激光皮肤治疗、痤疮和色素治疗",
          "лазер арьс эмчилгээ, батга болон пигментийн эмчилгээ",
          "лазерная терапия кожи, лечение акне и пигментации",
          "علاج البشرة بالليزر وعلاج حب الشباب والتصبغات")),
    Kind("clinic", 6, ("obstetrics_gynecology",), (),
         ("{p}여성의원", "{p} Women's Clinic", "{p}女性诊所", "{p} эмэгтэйчүүдийн клиник",
          "Женская клиника {p}", "عيادة {p} للنساء"),
         ("fertility treatment, prenatal care and gynaecological check-ups", "不孕不育治疗、产前检查和妇科检查",
          "үргүйдлийн эмчилгээ, жирэмсний хяналт, эмэгтэйчүүдийн үзлэг",
          "лечение бесплодия, ведение беременности и гинекологические осмотры",
          "علاج العقم ورعاية الحوامل والفحوص النسائية")),
    Kind("korean_medicine", 6, ("korean_medicine",), (),
         ("{p}한의원", "{p} Korean Medicine Clinic", "{p}韩医院", "{p} уламжлалт анагаахын эмнэлэг",
          "Клиника корейской медицины {p}", "عيادة {p} للطب الكوري التقليدي"),
         ("acupuncture, herbal medicine and chuna manual therapy", "针灸、韩药和推拿疗法",
          "зүү эмчилгээ, ургамлын эм, чуна засал",
          "иглоукалывание, фитотерапия и мануальная терапия чуна",
          "الوخز بالإبر والأدوية العشبية والعلاج اليدوي تشونا")),
    Kind("clinic", 5, ("health_screening",), ("internal_medicine",),
         ("{p}건강검진센터", "{p} Health Screening Center", "{p}健康体检中心",
          "{p} эрүүл мэндийн үзлэгийн төв", "Центр медицинских обследований {p}", "مركز {p} للفحص الصحي"),
         ("one-day check-ups with endoscopy, CT and MRI", "包括内镜、CT和MRI的一日体检",
          "дуран, CT, MRI бүхий нэг өдрийн үзлэг", "обследования за один день с эндоскопией, КТ и МРТ",
          "فحوص شاملة في يوم واحد تشمل التنظير والأشعة المقطعية والرنين المغناطيسي")),
    Kind("clinic", 5, ("otolaryngology",), (),
         ("{p}이비인후과의원", "{p} ENT Clinic", "{p}耳鼻喉科诊所", "{p} чих хамар хоолойн клиник",
          "ЛОР-клиника {p}", "عيادة {p} للأنف والأذن والحنجرة"),
         ("sinus, allergy and sleep apnoea treatment", "鼻窦炎、过敏和睡眠呼吸暂停治疗",
          "синус, харшил, нойрны апноэгийн эмчилгээ", "лечение синусита, аллергии и апноэ сна",
          "علاج الجيوب الأنفية والحساسية وانقطاع النفس أثناء النوم")),
    Kind("lodging", 5, (), (),
         ("{p}호텔", "Hotel {p}", "{p}酒店", "{p} зочид буудал", "Отель {p}", "فندق {p}"),
         ("rooms for patients and their families, with long-stay rates", "面向患者及陪同家属的客房，长住可享优惠",
          "өвчтөн болон гэр бүлийнхэнд нь зориулсан өрөө, урт хугацааны хөнгөлөлт",
          "номера для пациентов и сопровождающих, скидки при длительном проживании",
          "غرفًا للمرضى ومرافقيهم بأسعار مخفضة للإقامات الطويلة")),
    Kind("lodging", 3, (), (),
         ("{p}레지던스", "{p} Residence", "{p}公寓酒店", "{p} резиденс", "Апарт-отель {p}", "شقق {p} الفندقية"),
         ("serviced flats with kitchens for long recovery stays", "带厨房的服务式公寓，适合长期康复住宿",
          "гал тогоотой, удаан хугацаагаар нөхөн сэргээхэд тохиромжтой байр",
          "апартаменты с кухней для длительного восстановления",
          "شققًا مخدومة مزودة بمطابخ للإقامات الطويلة خلال فترة التعافي")),
    Kind("restaurant", 4, (), (),
         ("{p}식당", "{p} Restaurant", "{p}餐厅", "{p} ресторан", "Ресторан {p}", "مطعم {p}"),
         ("Korean home cooking, rice porridge and soups suitable after treatment",
          "适合治疗后食用的韩式家常菜、粥和汤",
          "эмчилгээний дараа идэхэд тохиромжтой солонгос гэрийн хоол, будааны зутан, шөл",
          "корейская домашняя кухня, каши и супы, подходящие после лечения",
          "أطباقًا كورية منزلية وعصيدة وحساء مناسبة بعد العلاج")),
    Kind("restaurant", 2, (), (),
         ("{p}할랄식당", "{p} Halal Restaurant", "{p}清真餐厅", "{p} халал ресторан",
          "Халяль-ресторан {p}", "مطعم {p} الحلال"),
         ("certified halal Korean and Middle Eastern dishes", "经认证的清真韩餐和中东菜",
          "халал гэрчилгээтэй солонгос болон Ойрхи Дорнодын хоол",
          "сертифицированные халяльные блюда корейской и ближневосточной кухни",
          "أطباقًا كورية وشرق أوسطية حلالًا معتمدة")),
    Kind("facilitator", 4, (), (),
         ("{p}메디컬", "{p} Medical Travel", "{p}医疗旅游", "{p} эмнэлгийн аялал",
          "{p} Медикал", "{p} للسياحة العلاجية"),
         ("hospital appointments, interpreters, airport transfers and visa letters",
          "医院预约、翻译、机场接送和签证邀请函",
          "эмнэлгийн цаг захиалга, орчуулагч, нисэх буудлын тээвэр, визийн урилга",
          "запись в клиники, переводчики, трансфер из аэропорта и визовые приглашения",
          "حجز المواعيد في المستشفيات والترجمة والنقل من المطار ورسائل التأشيرة")),
    Kind("wellness", 2, (), (),
         ("{p}스파", "{p} Spa", "{p}水疗中心", "{p} спа төв", "Спа-центр {p}", "منتجع {p} الصحي"),
         ("sauna, massage and recovery programmes", "桑拿、按摩和康复疗程",
          "саун, иллэг, нөхөн сэргээх хөтөлбөр", "сауна, массаж и восстановительные программы",
          "الساونا والتدليك وبرامج التعافي")),
]

# Sentences by language: en zh mn ru ar.
INTRO = ("{name} has been open in Yeongdeungpo-gu since {year}.",
         "{name}自{year}年起在永登浦区营业。",
         "{name} {year} оноос хойш Ёндынпхо дүүрэгт үйл ажиллагаа явуулж байна.",
         "{name} работает в районе Ёндынпхо с {year} года.",
         "يعمل {name} في منطقة يونغدونغبو منذ عام {year}.")
OFFERS = ("It offers {focus}.", "主要提供{focus}。", "Үндсэн үйлчилгээ: {focus}.",
          "Основные направления: {focus}.", "يقدم {focus}.")
EXTRA_MEDICAL = [
    ("An international patient desk arranges interpreters in Chinese, Russian and Mongolian.",
     "国际患者服务台可安排中文、俄语和蒙古语翻译。",
     "Гадаад өвчтөний төв хятад, орос, монгол хэлний орчуулагч зохион байгуулдаг.",
     "Отдел для иностранных пациентов организует переводчиков с китайского, русского и монгольского.",
     "يوفر مكتب المرضى الدوليين مترجمين باللغات الصينية والروسية والمنغولية."),
    ("Most consultations can be booked online a week in advance.", "大多数门诊可提前一周在线预约。",
     "Ихэнх үзлэгт долоо хоногийн өмнө онлайнаар цаг захиалж болно.",
     "На большинство консультаций можно записаться онлайн за неделю.",
     "يمكن حجز معظم الاستشارات عبر الإنترنت قبل أسبوع."),
    ("Test results and discharge summaries are available in English on request.",
     "检查结果和出院小结可应要求提供英文版。",
     "Шинжилгээний хариу болон эмнэлгээс гарах тэмдэглэлийг хүсэлтээр англи хэлээр өгнө.",
     "Результаты анализов и выписки по запросу выдаются на английском языке.",
     "تتوفر نتائج الفحوص وملخصات الخروج باللغة الإنجليزية عند الطلب."),
]
EXTRA_COMMON = [
    ("Yeouido and Yeongdeungpo stations are a short walk away.", "距汝矣岛站和永登浦站步行仅需几分钟。",
     "Ёидо болон Ёндынпхо буудал хүртэл алхаад хэдхэн минут.",
     "Станции Ёидо и Ёндынпхо находятся в нескольких минутах ходьбы.",
     "تقع محطتا يوئيدو ويونغدونغبو على بعد دقائق سيرًا على الأقدام."),
    ("Staff at the front desk speak English and some Chinese.", "前台工作人员会说英语和一些中文。",
     "Хүлээн авахын ажилтнууд англи болон бага зэрэг хятад хэлээр ярьдаг.",
     "Сотрудники на ресепшене говорят по-английски и немного по-китайски.",
     "يتحدث موظفو الاستقبال الإنجليزية وبعض الصينية."),
    ("Cards are accepted, including UnionPay.", "可使用银行卡付款，包括银联卡。",
     "UnionPay зэрэг картаар төлбөр төлж болно.", "Принимаются банковские карты, включая UnionPay.",
     "يُقبل الدفع بالبطاقات، بما فيها بطاقات يونيون باي."),
]
MEDICAL = {"tertiary", "general", "hospital", "clinic", "dental", "korean_medicine"}
SERVICE_POOLS = {
    True: ("interpreter", "international_desk", "airport_pickup", "halal_meals", "prayer_room",
           "female_doctor", "wheelchair_access", "vat_refund", "medical_visa_support"),
    False: ("interpreter", "airport_pickup", "halal_meals", "prayer_room", "wheelchair_access",
            "lodging_booking"),
}
ROADS = [("여의대로", "Yeoui-daero"), ("국제금융로", "Gukjegeumyung-ro"), ("영등포로", "Yeongdeungpo-ro"),
         ("당산로", "Dangsan-ro"), ("문래로", "Mullae-ro"), ("신길로", "Singil-ro"),
         ("도림로", "Dorim-ro"), ("경인로", "Gyeongin-ro"), ("선유로", "Seonyu-ro"),
         ("양평로", "Yangpyeong-ro"), ("대림로", "Daerim-ro"), ("버드나루로", "Beodeunaru-ro")]
HOURS = ("Mo-Fr 09:00-18:00; Sa 09:00-13:00", "Mo-Fr 08:30-17:30", "Mo-Su 11:00-22:00",
         "Mo-Sa 10:00-19:00", "24/7")

DISTRICT: dict[str, Any] = {
    "name": {"ko": "영등포구", "en": "Yeongdeungpo-gu", "zh": "永登浦区", "mn": "Ёндынпхо дүүрэг",
             "ru": "район Ёндынпхо", "ar": "منطقة يونغدونغبو"},
    "site_name": {"ko": "영등포 의료관광 안내", "en": "Yeongdeungpo Medical Tourism Guide",
                  "zh": "永登浦医疗旅游指南", "mn": "Ёндынпхо эмнэлгийн аялал жуулчлалын хөтөч",
                  "ru": "Путеводитель по медицинскому туризму в Ёндынпхо",
                  "ar": "دليل السياحة العلاجية في يونغدونغبو"},
    "website": "https://www.ydp.go.kr",
    "help_desk": {
        "name": {"ko": "영등포구 의료관광안내센터", "en": "Yeongdeungpo Medical Tourism Information Center",
                 "zh": "永登浦区医疗旅游咨询中心",
                 "mn": "Ёндынпхо дүүргийн эмнэлгийн аялал жуулчлалын мэдээллийн төв",
                 "ru": "Информационный центр медицинского туризма района Ёндынпхо",
                 "ar": "مركز معلومات السياحة العلاجية في يونغدونغبو"},
        "address": {"ko": "서울특별시 영등포구 문래로 196", "en": "196 Mullae-ro, Yeongdeungpo-gu, Seoul"},
        "phone": "+82 2-2670-3114",
        "email": "help@district.example.org",
    },
}


def _proper_name(rng: random.Random, syllables: int) -> dict[str, str]:
    """A proper name in every script, from the same Korean syllables."""
    picked = [dict(zip(_SYLLABLE_LANGS, s)) for s in rng.sample(SYLLABLES, syllables)]
    name = {lang: "".join(s[lang] for s in picked) for lang in _SYLLABLE_LANGS}
    for lang in ("en", "mn", "ru"):
        name[lang] = name[lang][:1].upper() + name[lang][1:]
    return name


def _names(rng: random.Random, kind: Kind, used: set[str]) -> dict[str, str]:
    """The record's names; the Korean name is unique in the file, as in real data."""
    for attempt in range(200):
        proper = _proper_name(rng, 2 if attempt < 50 else 3)
        names = {lang: tpl.format(p=proper[lang]) for lang, tpl in zip(NAME_LANGS, kind.names)}
        if names["ko"] not in used:
            break
    used.add(names["ko"])
    return names


def _summary(rng: random.Random, kind: Kind, names: dict[str, str]) -> dict[str, str] | None:
    """Two or three sentences; English always, each other language only sometimes
    (so that pages show the English text marked as untranslated)."""
    if rng.random() < 0.05:
        return None
    year = rng.randint(1975, 2022)
    pool = (EXTRA_MEDICAL if kind.category in MEDICAL else []) + EXTRA_COMMON
    extras = rng.sample(pool, rng.choice((0, 1)))
    out = {}
    for i, lang in enumerate(TEXT_LANGS):
        if lang != "en" and rng.random() < 0.3:
            continue
        sentences = [INTRO[i].format(name=names[lang], year=year),
                     OFFERS[i].format(focus=kind.focus[i])] + [e[i] for e in extras]
        out[lang] = ("" if lang == "zh" else " ").join(sentences)
    return out


def _valid_phone(rng: random.Random, pattern: str) -> str:
    """A number phonenumbers accepts (the model refuses the others)."""
    while True:
        number = pattern.format(a=rng.randint(0, 999), b=rng.randint(0, 9999), m=rng.randint(2000, 9999))
        if phonenumbers.is_valid_number(phonenumbers.parse(number, "KR")):
            return number


def _contact(rng: random.Random, handle: str) -> dict[str, Any]:
    """Phone for most, web and e-mail for many, messenger channels for some."""
    contact: dict[str, Any] = {}
    if rng.random() < 0.75:
        contact["phone"] = _valid_phone(rng, "+82 2-2{a:03d}-{b:04d}")
    if rng.random() < 0.6:
        contact["email"] = f"info@{handle}.example.org"
    if rng.random() < 0.7:
        contact["website"] = f"https://www.{handle}.example.org"
    channels = {
        "wechat": handle.replace("-", "_"), "weibo": f"https://weibo.com/{handle}",
        "whatsapp": _valid_phone(rng, "+82 10-{m}-{b:04d}"), "telegram": f"@{handle.replace('-', '_')}",
        "vk": f"https://vk.com/{handle}", "facebook": f"https://www.facebook.com/{handle}",
        "instagram": f"https://www.instagram.com/{handle}", "kakaotalk": f"https://pf.kakao.com/_{handle}",
        "line": handle,
    }
    chosen = rng.sample(sorted(channels), rng.choice((0, 0, 1, 2, 3, 4)))
    if chosen:
        contact["messengers"] = {c: channels[c] for c in sorted(chosen)}
    return contact


def _place(rng: random.Random, record: dict[str, Any]) -> None:
    """An address for most records, coordinates inside Seoul for most of those."""
    if rng.random() < 0.35:
        return
    ko_road, en_road = rng.choice(ROADS)
    number = rng.randint(1, 250)
    record["address"] = {"ko": f"서울특별시 영등포구 {ko_road} {number}",
                         "en": f"{number} {en_road}, Yeongdeungpo-gu, Seoul"}
    if rng.random() < 0.8:
        record["location"] = {"lat": round(rng.uniform(37.4, 37.7), 5),
                              "lon": round(rng.uniform(126.8, 127.1), 5)}


def _record(rng: random.Random, index: int, used: set[str]) -> dict[str, Any]:
    """One institution with every optional field present with a realistic probability."""
    kind = rng.choices(KINDS, weights=[k.weight for k in KINDS])[0]
    names = _names(rng, kind, used)
    record: dict[str, Any] = {"id": f"inst-{index:04d}", "category": kind.category, "name": names}
    extra = rng.sample(kind.optional, rng.randint(0, len(kind.optional)))
    if kind.specialties or extra:
        record["specialties"] = list(kind.specialties) + extra
    spoken = rng.sample(SPOKEN[1:], rng.randint(0, 4))
    if spoken or rng.random() < 0.7:
        record["languages"] = ["en"] + spoken
    services = rng.sample(SERVICE_POOLS[kind.category in MEDICAL], rng.randint(0, 5))
    if services:
        record["services"] = services
    summary = _summary(rng, kind, names)
    if summary:
        record["summary"] = summary
    _place(rng, record)
    handle = "-".join(names["en"].lower().replace("'", "").split()[:2]) + f"-{index}"
    record["contact"] = _contact(rng, handle)
    if rng.random() < 0.5:
        record["opening_hours"] = rng.choice(HOURS)
    record["last_verified"] = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 660))
    if rng.random() < 0.6:
        record["partner"] = {"from": dt.date(rng.randint(2015, 2025), rng.randint(1, 12), 1)}
    record["source"] = "Synthetic benchmark record (invented)"
    return record


class _NoAliases(yaml.SafeDumper):
    """The loader refuses anchors and aliases, so never write any."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_dataset(path: Path, n: int, seed: int = 0) -> Path:
    """Write ``n`` invented institutions to ``path`` (same ``seed``, same file) and
    check the result with the real loader, so a benchmark never times a build
    that fails on its data."""
    rng = random.Random(seed)
    used: set[str] = set()
    data = {"sample": True, "district": DISTRICT,
            "institutions": [_record(rng, i, used) for i in range(1, n + 1)]}
    header = f"# Synthetic benchmark data ({n} invented institutions, seed {seed}). Not real.\n"
    text = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + text, encoding="utf-8")
    loaded = load_file(path, TEXT_LANGS)
    if not loaded.ok:
        raise ValueError("synthetic data is invalid:\n" + "\n".join(e.format() for e in loaded.errors))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", type=Path)
    parser.add_argument("--institutions", "-n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write_dataset(args.output, args.institutions, args.seed)
    print(f"wrote {args.output}: {args.institutions} institutions (seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
