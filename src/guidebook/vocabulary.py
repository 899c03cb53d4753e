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
