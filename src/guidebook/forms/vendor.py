"""Browser libraries from npm, copied into the site with their licence.

The site loads nothing from a CDN and the build downloads nothing: ``./dev.sh``
installs the packages of ``package.json`` / ``package-lock.json`` with
``npm ci`` in its install step, and the build copies the one file the pages
need into the site, next to its licence. A missing package fails the build
with the command that installs it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

QR_PACKAGE = "qrcode-generator"
QR_FILE = "dist/qrcode.js"
INSTALL = "run ./dev.sh build once, or `npm ci` in the repository"


class VendorError(Exception):
    """A browser library is missing; ``str()`` says how to install it (en, ko)."""


def qr_package(root: Path) -> Path:
    """The installed qrcode-generator package below ``root``; raises VendorError."""
    package = root / "node_modules" / QR_PACKAGE
    if not (package / QR_FILE).is_file():
        raise VendorError(
            f"The QR code library for the forms is not installed ({package / QR_FILE} is "
            f"missing): {INSTALL}. 문진표 QR 코드 라이브러리가 설치되지 않았습니다: "
            f"./dev.sh build를 한 번 실행하거나 저장소에서 `npm ci`를 실행하세요.")
    return package


def _licence(package: Path, root: Path) -> Path:
    """The package's own LICENSE file, else the copy in ``third_party/`` (the
    npm package of qrcode-generator 2.0.4 ships none, its code names MIT)."""
    for name in ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE"):
        if (package / name).is_file():
            return package / name
    return root / "third_party" / package.name / "LICENSE"


def copy_qr_library(package: Path, target: Path, root: Path | None = None) -> list[Path]:
    """Copy the library's browser file to ``target`` and its licence beside it.

    Refuses a package whose declared licence is not MIT (a changed licence must
    be read by a person before it is published)."""
    declared = json.loads((package / "package.json").read_text(encoding="utf-8")).get("license")
    if declared != "MIT":
        raise VendorError(f"{package.name}: licence '{declared}' is not the MIT licence "
                          f"the site was checked with. 라이선스가 MIT가 아닙니다.")
    # The repository the package was installed into (node_modules may be a link).
    root = root or package.resolve().parents[1]
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(package / QR_FILE, target)
    licence = target.parent / "LICENSE"
    shutil.copyfile(_licence(package, root), licence)
    return [target, licence]
