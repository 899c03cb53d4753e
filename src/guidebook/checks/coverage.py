"""How much of the guide exists in each language: ``guidebook coverage``.

Counts, per language, the record fields (names and summaries not yet
translated fall back to English), the hand-written pages (present, and reviewed), and the
interface strings of the gettext catalog.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from babel.messages.pofile import read_po

from guidebook.common.i18n import catalog_path
from guidebook.forms.model import Form
from guidebook.forms.model import unreviewed as unreviewed_languages
from guidebook.data.model import Dataset
from guidebook.checks.quality import REVIEW_KEY, content_pages, front_matter, is_reviewed


def _count(done: int, total: int, missing: list[str]) -> dict[str, object]:
    return {"done": done, "total": total,
            "percent": round(100 * done / total, 1) if total else 100.0, "missing": missing}


def _strings(lang: str, root: Path, default_language: str) -> dict[str, object]:
    if lang == default_language:
        return _count(1, 1, [])  # msgids are the English text
    path = catalog_path(lang, root=root)
    if not path.exists():
        return _count(0, 1, [str(path)])
    with path.open("rb") as f:
        catalog = read_po(f)
    messages = [m for m in catalog if m.id]
    missing = [m.id if isinstance(m.id, str) else m.id[0] for m in messages
               if m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,))]
    return _count(len(messages) - len(missing), len(messages), missing)


def report(dataset: Dataset, docs_dir: Path, translations_root: Path,
           forms: Sequence[Form] = ()) -> dict:
    languages = dataset.languages
    pages = content_pages(docs_dir, languages)
    out: dict[str, dict] = {}
    for lang in languages:
        insts = dataset.institutions
        no_name = [i.id for i in insts if not i.name.get(lang)]
        no_summary = [i.id for i in insts if not i.summary.get(lang)]
        not_reviewed = [f.id for f in forms if lang in unreviewed_languages(f)]
        absent = sorted(p for p, files in pages.items() if lang not in files)
        unreviewed = sorted(p for p, files in pages.items()
                            if lang in files
                            and not is_reviewed(front_matter(files[lang]), lang, languages[0]))
        out[lang] = {
            "names": _count(len(insts) - len(no_name), len(insts), no_name),  # shown in English
            "summaries": _count(len(insts) - len(no_summary), len(insts), no_summary),
            "pages": _count(len(pages) - len(absent), len(pages), absent),
            "reviewed_pages": _count(len(pages) - len(absent) - len(unreviewed),
                                     len(pages), unreviewed + absent),
            "strings": _strings(lang, translations_root, languages[0]),
            "reviewed_forms": _count(len(forms) - len(not_reviewed), len(forms), not_reviewed),
        }
    return out


# Column headers: English above, Korean below (the district's editors read
# the Korean; translators abroad the English).
HEADERS = {
    "names": ("names", "이름"),
    "summaries": ("summaries", "소개"),
    "pages": ("pages", "페이지"),
    "reviewed_pages": ("reviewed pages", "검수된 페이지"),
    "strings": ("strings", "화면 문구"),
    "reviewed_forms": ("reviewed forms", "검수된 서식"),
}


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (Hangul is two wide)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _right(text: str, width: int) -> str:
    return " " * max(0, width - _width(text)) + text


def format_report(data: dict, limit: int | None = None) -> str:
    """The report as a table for a terminal, then everything that is missing
    (the first ``limit`` of each list with a count of the rest, when given)."""
    parts = list(HEADERS)
    width = 16
    lines = ["lang  " + "  ".join(_right(HEADERS[p][0], width) for p in parts),
             "언어  " + "  ".join(_right(HEADERS[p][1], width) for p in parts)]
    for lang, row in data.items():
        cells = [f"{row[p]['done']}/{row[p]['total']} {row[p]['percent']:5.1f}%" for p in parts]
        lines.append(f"{lang:<4}  " + "  ".join(_right(c, width) for c in cells))
    for lang, row in data.items():
        for part in parts:
            missing = list(map(str, row[part]["missing"]))
            if not missing:
                continue
            shown = missing if limit is None else missing[:limit]
            more = len(missing) - len(shown)
            en, ko = HEADERS[part]
            lines.append(f"{lang} {en} missing ({ko} 없음, {len(missing)}): " + ", ".join(shown)
                         + (f" (+{more} more, --all lists them; {more}개 더)" if more else ""))
    lines.append(f"(pages: '{REVIEW_KEY}: reviewed' or 'source' in the front matter counts as reviewed. "
                 f"머리말에 '{REVIEW_KEY}: reviewed' 또는 'source'가 있으면 검수된 것으로 셉니다.)")
    return "\n".join(lines)
