"""Controlled vocabularies of the data file and their English labels.

The codes are what editors write in YAML; the labels are gettext msgids with a
context (``category``, ``specialty``, ``service``) so that a word used in two
vocabularies can be translated differently in each. Translations live in
``translations/<lang>/LC_MESSAGES/messages.po``.
"""

from __future__ import annotations


def N_(context: str, message: str) -> tuple[str, str]:
    """Mark a (context, message) pair for extraction without translating it."""
    return context, message


CATEGORIES: dict[str, tuple[str, str]] = {
    "tertiary": N_("category", "Tertiary hospital"),
    "general": N_("category", "General hospital"),
    "hospital": N_("category", "Hospital"),
    "clinic": N_("category", "Clinic"),
    "dental": N_("category", "Dental clinic"),
    "korean_medicine": N_("category", "Korean medicine clinic"),
    "facilitator": N_("category", "Medical tourism facilitator"),
    "wellness": N_("category", "Wellness"),
    "lodging": N_("category", "Lodging"),
    "restaurant": N_("category", "Restaurant"),
}

# The order of this dict is the order of sections on the directory page.
CATEGORY_GROUPS: dict[str, tuple[str, str]] = {
    "medical": N_("category-group", "Hospitals and clinics"),
    "facilitator": N_("category-group", "Facilitators"),
    "wellness": N_("category-group", "Wellness"),
    "lodging": N_("category-group", "Lodging"),
    "restaurant": N_("category-group", "Restaurants"),
}

GROUP_OF_CATEGORY: dict[str, str] = {
    "tertiary": "medical",
    "general": "medical",
    "hospital": "medical",
    "clinic": "medical",
    "dental": "medical",
    "korean_medicine": "medical",
    "facilitator": "facilitator",
    "wellness": "wellness",
    "lodging": "lodging",
    "restaurant": "restaurant",
}

SPECIALTIES: dict[str, tuple[str, str]] = {
    "internal_medicine": N_("specialty", "Internal medicine"),
    "general_surgery": N_("specialty", "General surgery"),
    "orthopedics": N_("specialty", "Orthopedics"),
    "spine": N_("specialty", "Spine"),
    "neurosurgery": N_("specialty", "Neurosurgery"),
    "neurology": N_("specialty", "Neurology"),
    "stroke": N_("specialty", "Stroke care"),
    "cardiology": N_("specialty", "Cardiology"),
    "oncology": N_("specialty", "Cancer care"),
    "breast_surgery": N_("specialty", "Breast surgery"),
    "thyroid_surgery": N_("specialty", "Thyroid surgery"),
    "obstetrics_gynecology": N_("specialty", "Obstetrics and gynecology"),
    "pediatrics": N_("specialty", "Pediatrics"),
    "ophthalmology": N_("specialty", "Ophthalmology"),
    "dermatology": N_("specialty", "Dermatology"),
    "plastic_surgery": N_("specialty", "Plastic surgery"),
    "otolaryngology": N_("specialty", "Ear, nose and throat"),
    "urology": N_("specialty", "Urology"),
    "rehabilitation": N_("specialty", "Rehabilitation medicine"),
    "burns": N_("specialty", "Burn care"),
    "health_screening": N_("specialty", "Health screening"),
    "dentistry": N_("specialty", "Dentistry"),
    "korean_medicine": N_("specialty", "Korean medicine"),
    "psychiatry": N_("specialty", "Psychiatry"),
    "family_medicine": N_("specialty", "Family medicine"),
}

# Common complaints and the department a patient asks for (the page
# "Which department do I need?", <!-- guidebook:symptoms -->): the complaint
# in the reader's language (gettext, context "symptom"), its Korean to point
# at, and the specialty code the directory filters by. A general guide, not a
# diagnosis; what cannot wait is the emergency box above it (119).
SYMPTOMS: dict[str, tuple[tuple[str, str], str, str]] = {
    "toothache": (N_("symptom", "Toothache or a broken tooth"), "치통 또는 이가 깨짐", "dentistry"),
    "eyes": (N_("symptom", "Eye pain, red eyes or blurred vision"), "눈 통증, 충혈 또는 시야 흐림",
             "ophthalmology"),
    "skin": (N_("symptom", "A rash, itching or another skin problem"), "발진, 가려움 또는 피부 문제",
             "dermatology"),
    "fever": (N_("symptom", "Fever, cough or a cold"), "발열, 기침 또는 감기", "internal_medicine"),
    "stomach": (N_("symptom", "Stomach ache, diarrhoea or vomiting"), "복통, 설사 또는 구토",
                "internal_medicine"),
    "ear_nose_throat": (N_("symptom", "Ear pain, a blocked nose or a sore throat"),
                        "귀 통증, 코막힘 또는 목 통증", "otolaryngology"),
    "bones": (N_("symptom", "A sprain, back pain, or a bone or joint injury"),
              "삠, 허리 통증, 뼈나 관절 부상", "orthopedics"),
    "child": (N_("symptom", "A child is ill"), "아이가 아파요", "pediatrics"),
    "pregnancy": (N_("symptom", "Pregnancy, or a women's health problem"), "임신 또는 여성 질환",
                  "obstetrics_gynecology"),
    "urine": (N_("symptom", "Pain or a problem when passing urine"), "소변 볼 때 통증이나 문제",
              "urology"),
    "headache": (N_("symptom", "Headache, dizziness or numbness"), "두통, 어지러움 또는 저림",
                 "neurology"),
    "mood": (N_("symptom", "Anxiety, low mood or sleeplessness"), "불안, 우울 또는 불면",
             "psychiatry"),
    "checkup": (N_("symptom", "A health check-up"), "건강검진", "health_screening"),
}
# What cannot wait for a department: call 119 (the emergency box of the page).
EMERGENCY_SIGNS = (N_("symptom", "Chest pain, trouble breathing, sudden weakness or drooping of one "
                                 "side of the face or body, heavy bleeding, or someone who has lost "
                                 "consciousness"),
                   "가슴 통증, 호흡 곤란, 갑자기 얼굴이나 몸 한쪽에 힘이 빠지거나 처짐, 심한 출혈, 의식을 잃음")

SERVICES: dict[str, tuple[str, str]] = {
    "interpreter": N_("service", "Interpreter"),
    "international_desk": N_("service", "International patient desk"),
    "airport_pickup": N_("service", "Airport pickup"),
    "halal_meals": N_("service", "Halal meals"),
    "prayer_room": N_("service", "Prayer room"),
    "female_doctor": N_("service", "Female doctor on request"),
    "wheelchair_access": N_("service", "Wheelchair access"),
    "vat_refund": N_("service", "VAT refund for eligible procedures"),
    "medical_visa_support": N_("service", "Medical visa invitation letter"),
    "lodging_booking": N_("service", "Lodging booking"),
}

# Messenger and social channels a record may list, in no particular order; the
# order shown to a reader depends on the reader's market (see render.py).
CHANNELS: dict[str, tuple[str, str]] = {
    "wechat": N_("channel", "WeChat"),
    "weibo": N_("channel", "Weibo"),
    "whatsapp": N_("channel", "WhatsApp"),
    "telegram": N_("channel", "Telegram"),
    "vk": N_("channel", "VK"),
    "facebook": N_("channel", "Facebook"),
    "messenger": N_("channel", "Messenger"),
    "instagram": N_("channel", "Instagram"),
    "kakaotalk": N_("channel", "KakaoTalk"),
    "line": N_("channel", "LINE"),
}

# The Korean word an editor would use for each code, per vocabulary: "did you
# mean dermatology (피부과)?" when 피부과 is typed where a code belongs. The
# editors' guide (docs/editors.ko.md, tables 6.1-6.3) shows the same pairs; a
# test keeps the two in step.
KOREAN_LABELS: dict[str, dict[str, str]] = {
    "category": {
        "tertiary": "상급종합병원", "general": "종합병원", "hospital": "병원", "clinic": "의원",
        "dental": "치과", "korean_medicine": "한의원", "facilitator": "외국인환자 유치업체",
        "wellness": "웰니스", "lodging": "숙박", "restaurant": "음식점",
    },
    "specialty": {
        "internal_medicine": "내과", "general_surgery": "외과", "orthopedics": "정형외과",
        "spine": "척추", "neurosurgery": "신경외과", "neurology": "신경과", "stroke": "뇌졸중",
        "cardiology": "심장내과", "oncology": "암 치료", "breast_surgery": "유방외과",
        "thyroid_surgery": "갑상선외과", "obstetrics_gynecology": "산부인과",
        "pediatrics": "소아청소년과", "ophthalmology": "안과", "dermatology": "피부과",
        "plastic_surgery": "성형외과", "otolaryngology": "이비인후과", "urology": "비뇨의학과",
        "rehabilitation": "재활의학과", "burns": "화상 치료", "health_screening": "건강검진",
        "dentistry": "치과 진료", "korean_medicine": "한방 진료", "psychiatry": "정신건강의학과",
        "family_medicine": "가정의학과",
    },
    "service": {
        "interpreter": "통역", "international_desk": "국제진료센터 (외국인 환자 창구)",
        "airport_pickup": "공항 픽업", "halal_meals": "할랄 식사", "prayer_room": "기도실",
        "female_doctor": "요청 시 여성 의사 진료", "wheelchair_access": "휠체어 이용 가능",
        "vat_refund": "해당 시술 부가세 환급", "medical_visa_support": "의료비자 초청장 발급",
        "lodging_booking": "숙소 예약",
    },
}
assert KOREAN_LABELS["category"].keys() == CATEGORIES.keys()
assert KOREAN_LABELS["specialty"].keys() == SPECIALTIES.keys()
assert KOREAN_LABELS["service"].keys() == SERVICES.keys()


def korean_match(typed: str, codes: list[str] | tuple[str, ...]) -> tuple[str, str] | None:
    """The code among ``codes`` whose Korean label an editor typed (or nearly:
    spaces and a trailing 과 aside), with that label.

    >>> korean_match("피부과", ["dermatology", "urology"])
    ('dermatology', '피부과')
    >>> korean_match("치과", ["dental", "clinic"]), korean_match("dermatology", ["dermatology"])
    (('dental', '치과'), None)
    >>> korean_match("치과", ["dentistry", "urology"])
    ('dentistry', '치과 진료')
    """
    def norm(text: str) -> str:
        return "".join(text.split())

    wanted = norm(typed)
    if not wanted or not any("\uac00" <= ch <= "\ud7a3" for ch in wanted):
        return None
    tables = [t for t in KOREAN_LABELS.values() if set(t) == set(codes)] or KOREAN_LABELS.values()
    labels = [(code, label) for table in tables for code, label in table.items() if code in codes]
    for code, label in labels:
        if norm(label) == wanted or norm(label.split(" (")[0]) == wanted:
            return code, label
    for code, label in labels:  # 피부 for 피부과, 정형외과의원 for 정형외과
        if wanted.rstrip("과") == norm(label).rstrip("과") or norm(label) in wanted:
            return code, label
    # The word an editor uses for the kind of clinic, where a specialty's
    # label is longer: 치과 for 치과 진료, 한의원 for 한방 진료.
    wanted = CLINIC_WORDS.get(wanted, wanted)
    for code, label in labels:
        if len(wanted) >= 2 and label.split()[0] == wanted:
            return code, label
    return None


# Words for a kind of clinic that name a specialty's first word.
CLINIC_WORDS = {"한의원": "한방", "한의": "한방", "한의과": "한방", "치과의원": "치과", "치과병원": "치과"}
