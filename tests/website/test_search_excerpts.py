"""#24 item 2 (part): what Pagefind indexes keeps a separator between block
lines, so a Korean address and its English line never run their numbers
together in an excerpt ("테스트로 11 Test-ro" for "테스트로 1" and "1 Test-ro")."""

from __future__ import annotations

import gzip
import json
import re
from html import unescape
from pathlib import Path


def contents(site: Path) -> dict[str, str]:
    """Each indexed page's text, as Pagefind stores it for excerpts."""
    found = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data["content"]
    return found


def test_an_address_and_its_english_line_stay_apart_in_the_index(fixture_site: Path) -> None:
    pages = contents(fixture_site)
    eye = [text for url, text in pages.items() if url.endswith("/institutions/test-eye-hospital/")]
    assert len(eye) == 5  # one per language
    for text in (t.replace("\u200b", "") for t in eye):  # Pagefind's word breaks in Chinese
        assert "테스트로 11 Test-ro" not in text
        assert "테스트로 1 1 Test-ro" in text or "테스트로 1. 1 Test-ro" in text, text[:400]
    # The hidden patient words come after everything the page shows, so an
    # excerpt of the page's own text does not show them.
    for lang_dir in ("", "zh/", "ru/"):
        html = (fixture_site / lang_dir / "institutions" / "test-eye-hospital" / "index.html").read_text(
            encoding="utf-8")
        hidden = re.search(r'<div class="gb-search-words"[^>]*>([^<]*)</div>', html).group(1)
        first = unescape(", ".join(hidden.split(", ")[:3]))  # the list as the index has it
        text = next(t for u, t in pages.items()
                    if u == f"/{lang_dir}institutions/test-eye-hospital/").replace("\u200b", "")
        assert text.index("Test-ro") < text.index(first), lang_dir
