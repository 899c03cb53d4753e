"""sitemap.xml from the pages each language build recorded."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from guidebook.serving.sitemap import Entry, render, write

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_every_entry_with_bcp47_alternates_and_x_default() -> None:
    entries = [Entry("./", (("en", "./"), ("zh", "zh/"))),
               Entry("zh/help/", (("zh", "zh/help/"), ("en", "help/"), ("ar", "ar/help/")))]
    root = ElementTree.fromstring(render("https://guide.example.org/", entries, "en"))
    urls = root.findall("s:url", NS)
    assert [u.findtext("s:loc", namespaces=NS) for u in urls] == [
        "https://guide.example.org/", "https://guide.example.org/zh/help/"]
    links = [(a.get("hreflang"), a.get("href")) for a in urls[1].findall("x:link", NS)]
    assert links == [("zh-Hans", "https://guide.example.org/zh/help/"),
                     ("en", "https://guide.example.org/help/"),
                     ("ar", "https://guide.example.org/ar/help/"),
                     ("x-default", "https://guide.example.org/help/")]


def test_urls_are_escaped_and_the_file_is_written_in_language_order(tmp_path: Path) -> None:
    path = write(tmp_path, "https://x.org/guide", [[Entry("a&b/", (("en", "a&b/"),))],
                                                   [Entry("ru/c/", (("ru", "ru/c/"),))]], "en")
    xml = path.read_text(encoding="utf-8")
    assert "<loc>https://x.org/guide/a&amp;b/</loc>" in xml
    assert xml.index("a&amp;b/") < xml.index("ru/c/")
    ElementTree.fromstring(xml)  # well-formed
