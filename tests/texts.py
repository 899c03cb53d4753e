"""Running text in each language's own script, for tests and benchmarks that
need what a patient with a lot to say would type: the guide's own pages
(realistic letters and words, no repetition), without their markup."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=None)
def prose(lang: str) -> str:
    text = ""
    for path in sorted((ROOT / "content").glob(f"*.{lang}.md")):
        body = re.sub(r"^---.*?---", "", path.read_text(encoding="utf-8"), flags=re.S)
        text += " " + re.sub(r"<[^>]+>|https?\S+|[#*`\[\]()|!_{}=>-]", " ", body)
    # Not the Korean the pages quote for the reader to point at (names, the
    # reception's words): a patient types in their own language.
    text = re.sub(r"[\uac00-\ud7a3\u3131-\u318e]+", " ", text) if lang != "ko" else text
    return re.sub(r"\s+", " ", text)
