"""How much of the guide exists in each language: ``guidebook coverage``.

Counts, per language, the record fields (names are required, summaries fall
back to English), the hand-written pages (present, and reviewed), and the
interface strings of the gettext catalog.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from babel.messages.pofile import read_po

from .i18n import TRANSLATIONS_DIR, catalog_path
from .forms import Form
from .forms import unreviewed as unreviewed_languages
from .model import Dataset
from .quality import REVIEW_KEY, content_pages, front_matter, is_reviewed


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


def report(dataset: Dataset, docs_dir: Path, translations_root: Path = TRANSLATIONS_DIR,
           forms: Sequence[Form] = ()) -> dict:
    languages = dataset.languages
    pages = content_pages(docs_dir, languages)
    out: dict[str, dict] = {}
    for lang in languages:
        insts = dataset.institutions
        no_summary = [i.id for i in insts if not i.summary.get(lang)]
        not_reviewed = [f.id for f in forms if lang in unreviewed_languages(f)]
        absent = sorted(p for p, files in pages.items() if lang not in files)
        unreviewed = sorted(p for p, files in pages.items()
                            if lang in files
                            and not is_reviewed(front_matter(files[lang]), lang, languages[0]))
        out[lang] = {
            "names": _count(len(insts), len(insts), []),  # required: the loader refuses gaps
            "summaries": _count(len(insts) - len(no_summary), len(insts), no_summary),
            "pages": _count(len(pages) - len(absent), len(pages), absent),
            "reviewed_pages": _count(len(pages) - len(absent) - len(unreviewed),
                                     len(pages), unreviewed + absent),
            "strings": _strings(lang, translations_root, languages[0]),
            "reviewed_forms": _count(len(forms) - len(not_reviewed), len(forms), not_reviewed),
        }
    return out


def format_report(data: dict) -> str:
    """The report as a table for a terminal, then what is missing."""
    parts = ["names", "summaries", "pages", "reviewed_pages", "strings", "reviewed_forms"]
    lines = ["lang  " + "  ".join(f"{p:>16}" for p in parts)]
    for lang, row in data.items():
        cells = [f"{row[p]['done']}/{row[p]['total']} {row[p]['percent']:5.1f}%" for p in parts]
        lines.append(f"{lang:<4}  " + "  ".join(f"{c:>16}" for c in cells))
    for lang, row in data.items():
        for part in parts:
            if row[part]["missing"]:
                shown = ", ".join(map(str, row[part]["missing"][:12]))
                more = len(row[part]["missing"]) - 12
                lines.append(f"{lang} {part} missing: {shown}" + (f" (+{more} more)" if more > 0 else ""))
    lines.append(f"(pages: '{REVIEW_KEY}: reviewed' or 'source' in the front matter counts as reviewed)")
    return "\n".join(lines)
