"""The hand-over of a form's answers from the patient's phone to the desk.

The patient's summary carries its answers in QR codes whose text is a link to
the Korean reading page, the answers in the URL fragment (``#…``, which a
browser never sends to a server). ``overrides/assets/handover.js`` makes and
reads them in the browser; this module is the same format in Python, for the
build (each form's version), ``guidebook check`` and the tests.

A code's text::

    <reader URL>#2/<FORM>/<VERSION>/<LANG>/<MADE>/<K>.<N>/<PART>

- ``2``: the format. ``FORM``: the form's id. ``VERSION``: :func:`version`, a
  hash of what the answers mean (item ids and types, answer codes,
  conditions, limits), so a code is never read against another version of
  the form. ``LANG``: the patient's language. ``MADE``: when the summary was
  made, seconds since 1970 in base 36. ``K.N``: this is part K of N.
- The payload is the UTF-8 JSON ``{"a": {item id: answer}}`` (an answer is a
  string, or a list of option codes), compressed with zlib (deflate with an
  Adler-32 check: a damaged code is refused, not misread), written with the
  43 characters of :data:`ALPHABET` (two bytes in three characters) and cut
  into N parts of about equal length.
- Everything after ``#`` is upper case and within the QR alphanumeric set,
  which packs 5.5 bits per character against 8 in byte mode: with this
  encoding a code holds about 30 % more than with base64. The reading page
  reads the header case-insensitively.

A form's published versions are kept in ``data/forms/versions/<form>.json``
(the Korean reading table of each), so a code made before a form edit is
read with the version it was made with; a version the site does not have is
refused with a Korean message.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from guidebook.common.i18n import KOREAN
from guidebook.forms.model import YES_NO_KO, Form

FORMAT = "2"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$*+-.:/"
BASE = len(ALPHABET)
assert BASE == 43 and BASE ** 3 >= 1 << 16 and BASE ** 2 >= 1 << 8
HEADER_FIELDS = 6  # FORMAT, FORM, VERSION, LANG, MADE, K.N


def meaning(form: Form) -> list[list[object]]:
    """What an answer means, per item, sorted by id: the ids, types, answer
    codes, conditions and limits (not the wording, nor the order)."""
    rows = []
    for item in sorted(form.items, key=lambda i: i.id):
        rows.append([item.id, item.type, sorted(item.answer_codes()),
                     [item.when.item, sorted(item.when.any_of)] if item.when else None,
                     item.min, item.max])
    return rows


def version(form: Form) -> str:
    """A form's version: eight hex digits of the hash of :func:`meaning`.

    Reordering items or options, or rewording them, keeps it; adding,
    removing or retyping an item, or changing an answer code, changes it.
    """
    text = json.dumps(meaning(form), separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:8].upper()


def reading_table(form: Form) -> dict[str, object]:
    """What the Korean reading page needs to show one version of a form: per
    item its id, type, Korean label, answer codes with their Korean labels,
    condition (by item id) and limits. Kept per published version in
    ``data/forms/versions/<form>.json``."""
    sections = {item.id: s.id for s in form.sections for item in s.items}
    items = []
    for item in form.items:
        entry: dict[str, object] = {"id": item.id, "type": item.type, "ko": item.label[KOREAN],
                                    "section": sections[item.id]}
        if item.type in ("choice", "multi", "yesno"):
            labels = ({c: YES_NO_KO[c] for c in item.answer_codes()} if item.type == "yesno"
                      else {o.code: o.label[KOREAN] for o in item.options})
            entry["options"] = [[c, labels[c]] for c in item.answer_codes()]
        if item.when:
            entry["when"] = [item.when.item, list(item.when.any_of)]
        if item.required:
            entry["required"] = True
        for key in ("min", "max"):
            if getattr(item, key) is not None:
                entry[key] = getattr(item, key)
        if item.unit:
            entry["unitKo"] = item.unit[KOREAN]
        items.append(entry)
    return {"form": form.id, "version": version(form), "titleKo": form.title[KOREAN],
            "items": items}


# ---- the published versions -------------------------------------------------

VERSIONS_DIR = "versions"  # below the forms folder


def archive_path(forms_dir: Path, form_id: str) -> Path:
    return forms_dir / VERSIONS_DIR / f"{form_id}.json"


def load_archive(forms_dir: Path, form_id: str) -> dict[str, dict[str, object]]:
    """The reading tables of a form's recorded versions (version -> table)."""
    path = archive_path(forms_dir, form_id)
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return dict(data.get("versions", {}))


def readable_versions(forms_dir: Path, form: Form) -> dict[str, dict[str, object]]:
    """Every version of a form the reading page reads: the recorded ones and
    the current one (its current wording wins)."""
    tables = load_archive(forms_dir, form.id)
    tables[version(form)] = reading_table(form)
    return tables


def record(forms_dir: Path, forms: Sequence[Form]) -> list[Path]:
    """Add each form's current version to its archive (``guidebook forms-record``);
    the files written."""
    written = []
    for form in forms:
        tables = load_archive(forms_dir, form.id)
        current = version(form)
        if tables.get(current) == reading_table(form):
            continue
        tables[current] = reading_table(form)
        path = archive_path(forms_dir, form.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"form": form.id, "versions": tables}, ensure_ascii=False, indent=1,
                          sort_keys=True)
        path.write_text(text + "\n", encoding="utf-8")
        written.append(path)
    return written


def unrecorded(forms_dir: Path, forms: Sequence[Form]) -> list[tuple[Form, list[str]]]:
    """The forms whose current version is not recorded, with the versions
    that are (empty: never recorded)."""
    return [(form, sorted(load_archive(forms_dir, form.id))) for form in forms
            if version(form) not in load_archive(forms_dir, form.id)]


def to_text(data: bytes) -> str:
    """Bytes in the alphabet: each two bytes as three characters, least
    significant first; a last odd byte as two.

    >>> to_text(b"\\x00\\x01\\xff")
    '100.5'
    """
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] << 8 | data[i + 1]
        out.append(ALPHABET[n % BASE] + ALPHABET[n // BASE % BASE] + ALPHABET[n // BASE ** 2])
    if len(data) % 2:
        n = data[-1]
        out.append(ALPHABET[n % BASE] + ALPHABET[n // BASE])
    return "".join(out)


def from_text(text: str) -> bytes:
    """The inverse of :func:`to_text`; ``ValueError`` for anything it cannot have made."""
    if len(text) % 3 == 1:
        raise ValueError("truncated")
    out = bytearray()
    for i in range(0, len(text), 3):
        chunk = text[i:i + 3]
        try:
            digits = [ALPHABET.index(c) for c in chunk]
        except ValueError:
            raise ValueError("a character outside the alphabet") from None
        n = sum(d * BASE ** k for k, d in enumerate(digits))
        if len(chunk) == 3:
            if n > 0xFFFF:
                raise ValueError("out of range")
            out += bytes((n >> 8, n & 0xFF))
        else:
            if n > 0xFF:
                raise ValueError("out of range")
            out.append(n)
    return bytes(out)


def base36(n: int) -> str:
    digits = ALPHABET[:36]
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


@dataclass(frozen=True)
class Record:
    form: str
    version: str
    lang: str
    made: int
    answers: dict[str, object]


def encode(record: Record, parts: int = 1) -> list[str]:
    """The fragments (without ``#``) of a record, cut into ``parts`` codes."""
    data = json.dumps({"a": record.answers}, ensure_ascii=False, separators=(",", ":"))
    payload = to_text(zlib.compress(data.encode(), 9))
    size = -(-len(payload) // parts)
    size += (3 - size % 3) % 3  # cut between groups: each part is whole groups
    chunks = [payload[i * size:(i + 1) * size] for i in range(parts)]
    head = [FORMAT, record.form.upper(), record.version, record.lang.upper(), base36(record.made)]
    return ["/".join([*head, f"{k + 1}.{parts}", chunk]) for k, chunk in enumerate(chunks)]


class Refused(ValueError):
    """A fragment that cannot be read as it was made (the reason, in Korean)."""


def decode(fragments: Sequence[str], versions: Mapping[str, Mapping[str, object]]) -> Record:
    """The record of all the parts of one summary, in any order, checked
    against the version of the form it was made with (``versions``: form id ->
    version -> that version's reading table, ``client_definition`` without a
    language). ``Refused`` unless every part, and every answer, fits."""
    heads, chunks = set(), {}
    count = None
    for fragment in fragments:
        fields = fragment.lstrip("#").split("/", HEADER_FIELDS)
        if len(fields) != HEADER_FIELDS + 1 or fields[0] != FORMAT:
            raise Refused("이 주소는 문진표 답변의 형식이 아닙니다.")
        head = tuple(f.lower() for f in fields[1:5])
        k, _, n = fields[5].partition(".")
        if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
            raise Refused("QR 코드의 번호가 잘못되었습니다.")
        heads.add(head)
        count = int(n) if count is None else count
        if int(n) != count:
            raise Refused("서로 다른 요약의 QR 코드입니다.")
        chunks[int(k)] = fields[6]
    if len(heads) != 1:
        raise Refused("서로 다른 요약의 QR 코드입니다.")
    if len(chunks) != count:
        raise Refused("QR 코드가 모두 모이지 않았습니다.")
    form_id, ver, lang, made = heads.pop()
    table = versions.get(form_id, {}).get(ver.upper())
    if table is None:
        raise Refused("이 QR 코드는 이 사이트에 없는 문진표 버전으로 만들어졌습니다. "
                      "환자의 화면을 직접 보세요.")
    try:
        data = json.loads(zlib.decompress(from_text("".join(chunks[k] for k in sorted(chunks)))))
    except (ValueError, zlib.error):
        raise Refused("QR 코드의 답변이 손상되었거나 잘렸습니다. 다시 읽어 주세요.") from None
    answers = data.get("a") if isinstance(data, dict) else None
    if not isinstance(answers, dict) or not _fits(answers, table):
        raise Refused("QR 코드의 답변이 이 문진표와 맞지 않습니다. 환자의 화면을 직접 보세요.")
    return Record(form_id, ver.upper(), lang, int(made, 36), answers)


def _fits(answers: Mapping[str, object], table: Mapping[str, object]) -> bool:
    """Every answer is of an item of this version, of its type, with its codes."""
    items = {item["id"]: item for item in table["items"]}  # type: ignore[index]
    for key, value in answers.items():
        item = items.get(key)
        if item is None:
            return False
        codes = [code for code, _ in item.get("options", ())]
        if item["type"] == "multi":
            if not (isinstance(value, list) and value and all(v in codes for v in value)):
                return False
        elif codes:
            if value not in codes:
                return False
        elif not isinstance(value, str):
            return False
    return True
