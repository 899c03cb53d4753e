"""One answer to "where are the catalogs": the settings' translations folder,
for every text that comes from gettext (theme strings, notices, print labels,
FHIR), not a folder found from where the package is installed."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guidebook.adapter import theme
from guidebook.common import i18n
from guidebook.data.settings import load_settings
from tests.conftest import ROOT


def test_gettext_reads_the_catalogs_of_the_settings_in_use(tmp_path: Path) -> None:
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "translations", tmp_path / "translations",
                    ignore=shutil.ignore_patterns("*.mo"))
    po = tmp_path / "translations" / "zh" / "LC_MESSAGES" / "messages.po"
    ours = theme.permalink_title("zh")
    assert ours and ours != "Permanent link"
    po.write_text(po.read_text(encoding="utf-8").replace(f'msgstr "{ours}"', 'msgstr "本区的链接"', 1),
                  encoding="utf-8")
    try:
        i18n.use_catalogs(load_settings(tmp_path / "mkdocs.yml", {}).translations_dir)
        assert i18n.catalogs_root() == tmp_path / "translations"
        assert theme.permalink_title("zh") == "本区的链接"
    finally:
        i18n.use_catalogs(load_settings(ROOT / "mkdocs.yml", {}).translations_dir)
    assert theme.permalink_title("zh") == ours


def test_no_catalog_before_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_catalogs", None)
    with pytest.raises(RuntimeError, match="load the settings first"):
        i18n.translations("zh")
