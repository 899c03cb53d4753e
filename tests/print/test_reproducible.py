"""A PDF rendered twice from the same inputs, with no cache between the two, is
the same file byte for byte. (The build tests share one PDF cache to save time,
so their two-build comparisons see cached copies: this test renders for real.)"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from guidebook.common.i18n import site_language, translations
from guidebook.data.load import load_file
from guidebook.printing.html import PrintProfile, guidebook_html, notes_html
from guidebook.printing.pdf import PdfJob, render_job
from tests.conftest import CHAPTERS, FIXTURES, LANGS, ROOT


def test_a_booklet_rendered_twice_without_a_cache_is_byte_identical(tmp_path: Path) -> None:
    dataset = load_file(FIXTURES / "institutions.yaml", LANGS).dataset
    lang = "ar"  # right to left, two scripts, a booklet filled with notes pages
    args = dict(site_url="https://guide.example.org/", docs_dir=ROOT / "content",
                profile=PrintProfile(crop_marks=True, chapters=CHAPTERS), created=dt.date(2026, 3, 9))
    html = guidebook_html(dataset, lang, translations(lang), **args)
    notes = notes_html(dataset, lang, translations(lang), **args)
    digests, sizes = [], []
    for run in ("one", "two"):
        job = PdfJob(html, tmp_path / f"{run}.pdf", args["profile"], booklet=True, title="t",
                     filler_html=notes, lang=site_language(lang).html_lang, created=args["created"])
        result = render_job(job)
        assert result.pages % 4 == 0 and not result.cached
        digests.append(hashlib.sha256(job.target.read_bytes()).hexdigest())
        sizes.append(job.target.stat().st_size)
    assert sizes[0] > 50_000
    assert digests[0] == digests[1]
