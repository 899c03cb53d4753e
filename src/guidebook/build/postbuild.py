"""After every language is built: the post-build work, in its order, without MkDocs.

The hooks (or any other generator's adapter) call :func:`finish_site` once, when
the last language is in ``site_dir``. The order matters: the PDFs and form files
exist before the link check reads the pages; the web-server files read the
finished pages (their inline-script hashes); the ``.gz``/``.br`` copies come
last, when every file is final.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from guidebook.build import downloads, page_text, prepare
from guidebook.checks import quality
from guidebook.checks.quality import Problem
from guidebook.data.model import Dataset
from guidebook.data.settings import Settings
from guidebook.forms import pages as formpages
from guidebook.forms import handover, vendor
from guidebook.serving import not_found, offline, precompress, search, sitemap
from guidebook.serving import policy as serving
from guidebook.web import share_image

#: What the post-build may fail with: each has an editor-readable message.
ERRORS = (downloads.PrintError, search.SearchIndexError, vendor.VendorError,
          share_image.ShareImageError)


@dataclass(frozen=True)
class BuiltSite:
    """What the generator knows once every language is built."""

    site_dir: Path
    site_url: str | None
    docs_dir: Path
    sitemap_entries: Sequence[Sequence[sitemap.Entry]]  # one list per built language, in build order
    command: str | None = None  # "serve" for the live preview: no server files, nothing compressed

    @property
    def base_path(self) -> str:
        return not_found.url_path(self.site_url)


def finish_site(settings: Settings, published: Dataset, site: BuiltSite,
                log: logging.Logger) -> list[Problem]:
    """Print files, form files, share images, 404 pages, offline files, sitemap,
    search index, link check, server files and compressed copies; returns the
    broken links (a release refuses them). Raises one of :data:`ERRORS`."""
    forms = prepare.load_forms_cached(settings.forms_dir, settings.languages,
                                      settings.guidebook.new_languages)
    _make_downloads(settings, published, site, forms, log)
    if forms:
        versions = {f.id: handover.readable_versions(settings.forms_dir, f) for f in forms}
        formpages.write_site_files(site.site_dir, forms, settings.languages,
                                   vendor.qr_package(settings.root), site.site_url, versions)
    share_image.write_images(site.site_dir, page_text.share_cards(published, settings))
    # Pagefind indexes on its own process while the link check runs here;
    # neither depends on the other (404 pages are not indexed).
    indexing = search.start_indexing(site.site_dir)
    not_found.write_not_found_pages(site.site_dir, site.base_path, settings.languages)
    offline.write_offline_files(site.site_dir, settings.languages,
                                app_names(published, settings.languages))
    if site.site_url:
        sitemap.write(site.site_dir, site.site_url, site.sitemap_entries, settings.default_language)
    # One reading of the finished pages for the link check and the CSP's
    # inline hashes (not for the preview, which serves no CSP).
    inline = None if site.command == "serve" else serving.Inline()
    broken = quality.broken_links(
        site.site_dir, site.base_path, None if inline is None else lambda where, html: inline.add(html, where))
    stats = search.finish_indexing(indexing, site.site_dir)
    log.info(f"Search index: {stats.pages} pages in {stats.languages} languages")
    if inline is not None:  # last: the headers read the finished pages, and every file is final
        _write_server_files(settings, site, inline, log)
    return broken


def _make_downloads(settings: Settings, published: Dataset, site: BuiltSite,
                    forms: Sequence, log: logging.Logger) -> None:
    profile = downloads.print_profile(settings)
    if profile is None:
        log.info("PDFs are turned off: site/ has no leaflet or guidebook PDFs")
        return
    downloads.make_print(published, site_dir=site.site_dir, docs_dir=site.docs_dir,
                         site_url=site.site_url, profile=profile,
                         source_date=settings.source_date, release=settings.release_build,
                         forms=forms, cache_dir=settings.cache_dir / "pdf",
                         review_dir=settings.review_dir if settings.review_pngs and profile.review_pngs else None,
                         progress=lambda r: log.info(
                             f"PDF {r.target.name}: {r.pages} pages, unchanged (cache)" if r.cached
                             else f"PDF {r.target.name}: {r.pages} pages ({r.fillers} notes, "
                                  f"{r.blanks} blank) in {r.seconds:.1f} s"))


def _write_server_files(settings: Settings, site: BuiltSite, inline: serving.Inline,
                        log: logging.Logger) -> None:
    """Web-server files (CSP with the pages' inline hashes), then .gz/.br copies."""
    written = serving.write_server_files(site.site_dir, site.base_path, settings.languages, inline)
    for problem in written.inline.problems:  # logged as warnings: a strict build fails on these
        log.warning(f"{problem}: blocked by the Content-Security-Policy (use a script file)")
    if precompress.enabled(settings.precompress, site.command):
        stats = precompress.precompress(site.site_dir, cache_dir=settings.cache_dir / "precompress")
        log.info(f"Precompressed {stats.files} files: {stats.raw} bytes -> "
            f"gzip {stats.gzip_bytes}, brotli {stats.brotli_bytes} "
            f"({stats.reused} copies from the cache)")


def app_names(dataset: Dataset, languages: tuple[str, ...]) -> dict[str, offline.AppName]:
    """Each language's name of the guide as an installed web app: the guide's
    title, and the district's name under the home screen icon."""
    district = dataset.district
    return {lang: offline.AppName(district.site_name[lang], district.name[lang]) for lang in languages}
