"""schema.org JSON-LD for an institution page, so search engines and map apps
read the same facts the page shows."""

from __future__ import annotations

import json

from markupsafe import Markup

from guidebook.common.i18n import site_language
from guidebook.data.model import Institution

SCHEMA_TYPE = {
    "tertiary": "Hospital", "general": "Hospital", "hospital": "Hospital",
    "clinic": "MedicalClinic", "korean_medicine": "MedicalClinic", "dental": "Dentist",
    "facilitator": "TravelAgency", "wellness": "HealthAndBeautyBusiness",
    "lodging": "LodgingBusiness", "restaurant": "Restaurant",
}
# Our specialties as schema.org MedicalSpecialty members, where one exists.
MEDICAL_SPECIALTY = {
    "internal_medicine": "PrimaryCare", "orthopedics": "Musculoskeletal",
    "neurosurgery": "Neurologic", "neurology": "Neurologic", "stroke": "Neurologic",
    "cardiology": "Cardiovascular", "oncology": "Oncologic", "obstetrics_gynecology": "Obstetric",
    "pediatrics": "Pediatric", "dermatology": "Dermatology", "plastic_surgery": "PlasticSurgery",
    "otolaryngology": "Otolaryngologic", "urology": "Urologic", "psychiatry": "Psychiatric",
    "dentistry": "Dentistry", "family_medicine": "PrimaryCare", "rehabilitation": "PhysicalTherapy",
    "health_screening": "PrimaryCare",
}


def institution_jsonld(inst: Institution, lang: str, page_url: str) -> dict[str, object]:
    """The schema.org object of one institution as its page in ``lang`` shows it."""
    default = inst.name.default_language or lang
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPE[inst.category],
        "@id": page_url,
        "url": page_url,
        "name": inst.name[lang],
        "alternateName": [inst.name["ko"]] + ([inst.name[default]] if lang != default else []),
        "inLanguage": site_language(lang).html_lang,
    }
    if inst.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": inst.address.ko,
                           "addressCountry": "KR"}
    if inst.location:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": inst.location.lat,
                       "longitude": inst.location.lon}
    if inst.contact.phone:
        data["telephone"] = inst.contact.phone
    if inst.contact.email:
        data["email"] = inst.contact.email
    if inst.contact.website:
        data["sameAs"] = [inst.contact.website]
    if inst.languages:
        data["availableLanguage"] = list(inst.languages)
    specialties = sorted({MEDICAL_SPECIALTY[s] for s in inst.specialties if s in MEDICAL_SPECIALTY})
    if specialties and data["@type"] in ("Hospital", "MedicalClinic", "Dentist"):
        data["medicalSpecialty"] = [f"https://schema.org/{s}" for s in specialties]
    return data


def script_tag(data: dict[str, object]) -> Markup:
    """A ``<script type="application/ld+json">`` element that no data can break
    out of: ``<``, ``>`` and ``&`` are written as JSON escapes.

    >>> str(script_tag({"name": "</script><b>"}))
    '<script type="application/ld+json">{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}</script>'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')
