"""Each language's 404 page (guidebook/not_found.py)."""

from __future__ import annotations

from pathlib import Path

from guidebook.serving import not_found


def test_not_found_pages_are_written_per_language_with_root_links(tmp_path: Path) -> None:
    for prefix in ("", "zh/"):
        folder = tmp_path / prefix / "not-found"
        folder.mkdir(parents=True)
        (folder / "index.html").write_text('<a href="../help/">h</a>', encoding="utf-8")
    written = not_found.write_not_found_pages(tmp_path, "/guide/", ("en", "zh", "ar"))
    assert written == [tmp_path / "404.html", tmp_path / "zh" / "404.html"]
    assert (tmp_path / "zh" / "404.html").read_text(encoding="utf-8") == '<a href="/guide/zh/help/">h</a>'
