"""Weight of a medical form on a phone, and the size of its QR code's payload.

1. Bytes a phone downloads on first view of a form page (HTML, CSS, JS, the
   QR library included, fonts and images), gzip-compressed as a web server
   would send them, measured in Debian's Chromium at 390 px with an empty
   cache (page_weight.py's method). Budget: 100 KB.
2. The reading page's URL a summary's QR code holds for a fully answered form
   (every item answered, conditions met so every conditional item shows too,
   every option of a multi chosen, free text of a typical length in the
   patient's script), against the 1,000-byte limit (formpages.QR_MAX_BYTES).
   The encoding mirrors ``encode()`` in overrides/assets/forms.js.

Last line::

    form_kb=X budget_kb=100 qr_bytes_max=B qr_limit=1000

Run from the project root: ``.venv/bin/python benchmarks/form_weight.py``
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).parent))
from build import make_project, python, timed  # noqa: E402
from page_weight import weigh  # noqa: E402
from search import FLAGS, serve  # noqa: E402

from guidebook.forms.model import Form, load_forms  # noqa: E402
from guidebook.forms.pages import QR_MAX_BYTES  # noqa: E402
from guidebook.data.settings import load_settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BUDGET_KB = 100
READER = "https://guide.example.org/forms/read/#"
# A name or a short answer as a patient types it (free text is sent as typed,
# percent-encoded: 6 bytes per Cyrillic or Arabic letter, 9 per Chinese one).
TYPED = {"en": "Jane Smith-Brown", "zh": "王小明", "mn": "Батбаярын Энхтуяа",
         "ru": "Анна Сергеевна Иванова", "ar": "فاطمة عبد الله"}
PAGES = ["/mn/forms/history/", "/ar/forms/registration/", "/forms/history/"]


def payload(form: Form, lang: str) -> str:
    """The fragment of a fully answered form (forms.js encode())."""
    parts = ["1", form.id, lang]
    for index, item in enumerate(form.items):
        if item.type == "choice":
            value = str(len(item.options) - 1)  # two digits where a list is long
        elif item.type == "multi":
            value = ",".join(str(n) for n in range(len(item.options)))
        elif item.type == "yesno":
            value = "y"
        elif item.type == "date":
            value = "20260309"
        elif item.type in ("number", "scale"):
            value = str(int(item.max or 100))
        else:
            value = quote(TYPED[lang], safe="-_.!~*'()")  # encodeURIComponent
        parts.append(f"{index}:{value}")
    return "/".join(parts)


def main() -> int:
    from playwright.sync_api import sync_playwright

    languages = load_settings(ROOT / "mkdocs.yml", {}).languages
    forms = load_forms(ROOT / "data" / "forms", languages).forms
    with tempfile.TemporaryDirectory(prefix="guidebook-form-weight-") as tmp:
        project = make_project(Path(tmp) / "project", 1, 0)
        (project / "data" / "institutions.yaml").write_text(
            (ROOT / "data" / "institutions.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        timed("build", [python(), "-m", "guidebook.cli", "build", "-f", str(project / "mkdocs.yml")],
              project, {"GUIDEBOOK_PDF": "0"})
        httpd, base = serve(project / "site")
        heaviest = 0.0
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for path in PAGES:
                kb, sizes, elsewhere = weigh(browser, base + path)
                heaviest = max(heaviest, kb)
                print(f"{path}: {kb:.1f} KB in {len(sizes)} responses, {elsewhere} to other hosts"
                      f" ({'within' if kb <= BUDGET_KB else 'OVER'} the {BUDGET_KB} KB budget)")
                for name, size in sorted(sizes, key=lambda x: -x[1])[:8]:
                    print(f"    {size / 1024:6.1f} KB  {name}")
            browser.close()
        httpd.shutdown()
    longest = 0
    print(f"QR payload of a fully answered form ({READER}…), limit {QR_MAX_BYTES} bytes:")
    for form in forms:
        row = []
        for lang in languages:
            size = len((READER + payload(form, lang)).encode())
            longest = max(longest, size)
            row.append(f"{lang} {size}")
        print(f"    {form.id}: " + ", ".join(row))
    print(f"form_kb={heaviest:.1f} budget_kb={BUDGET_KB} qr_bytes_max={longest} qr_limit={QR_MAX_BYTES}")
    return 0 if heaviest <= BUDGET_KB else 1


if __name__ == "__main__":
    raise SystemExit(main())
