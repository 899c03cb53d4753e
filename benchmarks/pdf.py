"""How long the ten print PDFs (leaflet and guidebook, five languages) take.

Times ``guidebook.site.make_print`` (print HTML, WeasyPrint in a process pool
over the machine's cores, crop marks and CMYK when the profile asks) for the
sample data or for N synthetic institutions, and the same jobs on one worker
as the baseline in the same run. Prints each file's pages and seconds, then
medians; the last line is machine-readable::

    data=sample pdfs=10 pages=P pdf_s=X.XX one_worker_s=Y.YY speedup=Z.ZZ

Run from the project root:

    .venv/bin/python benchmarks/pdf.py [--institutions N] [--repeat 3] [--cmyk] [--crop-marks]
    .venv/bin/python benchmarks/pdf.py --cache [--institutions N]

``--cache`` times the full set (leaflet, guidebook, forms in every language)
through the PDF cache: cold, again with no change, and after an edit of one
Chinese page; the last line is::

    data=sample pdfs=15 cold_s=X rebuild_s=Y rebuild_rendered=0 zh_edit_s=Z zh_edit_rendered=2
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))  # tests.conftest: the site languages
sys.path.insert(0, str(Path(__file__).parent))

from tests.conftest import CHAPTERS, LANGS
from guidebook.build import downloads  # noqa: E402
from guidebook.data.load import load_file  # noqa: E402
from guidebook.printing.html import PrintProfile  # noqa: E402
from synthetic import write_dataset  # noqa: E402


def dataset_for(n: int | None, work: Path):
    path = ROOT / "data" / "institutions.yaml"
    if n:
        path = work / "institutions.yaml"
        write_dataset(path, n, 0)
    return load_file(path, LANGS).dataset


def one_run(dataset, work: Path, profile: PrintProfile, workers: int | None) -> tuple[float, list]:
    out = Path(tempfile.mkdtemp(dir=work))
    start = time.perf_counter()
    results = downloads.make_print(dataset, site_dir=out, docs_dir=ROOT / "content",
                              site_url="https://guide.example.org/", profile=profile,
                              progress=lambda r: None, workers=workers)
    return time.perf_counter() - start, results


def cache_run(dataset, work: Path, profile: PrintProfile, label: str) -> None:
    import shutil

    from guidebook.forms.model import load_forms

    docs = work / "content"
    shutil.copytree(ROOT / "content", docs, ignore=shutil.ignore_patterns("institutions", "forms"))
    forms = load_forms(ROOT / "data" / "forms", LANGS).forms
    cache = work / "cache"

    def build() -> tuple[float, list]:
        out = Path(tempfile.mkdtemp(dir=work))
        start = time.perf_counter()
        results = downloads.make_print(dataset, site_dir=out, docs_dir=docs,
                                       site_url="https://guide.example.org/", profile=profile,
                                       progress=lambda r: None, forms=forms, cache_dir=cache)
        return time.perf_counter() - start, results

    cold, results = build()
    again, second = build()
    page = docs / "help.zh.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n另有说明。\n", encoding="utf-8")
    edit, third = build()
    for r in results:
        print(f"  {r.target.name:<20} {r.pages:4d} pages  {r.seconds:5.2f} s  "
              f"{r.target.stat().st_size / 1024:7.0f} KB")
    print(f"data={label} pdfs={len(results)} cold_s={cold:.2f} rebuild_s={again:.2f} "
          f"rebuild_rendered={sum(not r.cached for r in second)} zh_edit_s={edit:.2f} "
          f"zh_edit_rendered={sum(not r.cached for r in third)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--institutions", "-n", type=int, default=None,
                        help="synthetic institutions (default: the sample data)")
    parser.add_argument("--repeat", "-r", type=int, default=3)
    parser.add_argument("--cmyk", action="store_true")
    parser.add_argument("--crop-marks", action="store_true")
    parser.add_argument("--cache", action="store_true", help="cold, unchanged and one-language edit")
    args = parser.parse_args()
    profile = PrintProfile(cmyk=args.cmyk, crop_marks=args.crop_marks, chapters=CHAPTERS)
    if args.cache:
        with tempfile.TemporaryDirectory(prefix="guidebook-pdf-bench-") as tmp:
            work = Path(tmp)
            label = f"n{args.institutions}" if args.institutions else "sample"
            cache_run(dataset_for(args.institutions, work), work, profile, label)
        return 0
    with tempfile.TemporaryDirectory(prefix="guidebook-pdf-bench-") as tmp:
        work = Path(tmp)
        dataset = dataset_for(args.institutions, work)
        pooled, single, results = [], [], []
        for i in range(args.repeat):
            seconds, results = one_run(dataset, work, profile, None)
            pooled.append(seconds)
            single.append(one_run(dataset, work, profile, 1)[0])
            print(f"run {i + 1}: pool {pooled[-1]:.2f} s, one worker {single[-1]:.2f} s", flush=True)
    for r in results:
        print(f"  {r.target.name:<20} {r.pages:4d} pages ({r.blanks} blank)  {r.seconds:5.2f} s")
    pdf_s, one_s = statistics.median(pooled), statistics.median(single)
    label = f"n{args.institutions}" if args.institutions else "sample"
    print(f"data={label} pdfs={len(results)} pages={sum(r.pages for r in results)} "
          f"pdf_s={pdf_s:.2f} one_worker_s={one_s:.2f} speedup={one_s / pdf_s:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
