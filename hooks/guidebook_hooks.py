"""MkDocs hooks: thin adapters between MkDocs and the guidebook core.

Each handler moves values between MkDocs' objects and the core's modules
(``guidebook.build.prepare``, ``page_text``, ``theme``, ``not_found``, ``downloads``
…); the logic worth testing lives in the core.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import get_toc

from guidebook.build import downloads
from guidebook.forms import pages as formpages
from guidebook.serving import html_post
from guidebook.serving import not_found
from guidebook.serving import offline
from guidebook.build import page_text
from guidebook.serving import precompress
from guidebook.build import prepare
from guidebook.adapter import preview
from guidebook.checks import quality
from guidebook.serving import search
from guidebook.serving import policy as serving
from guidebook.web import share_image
from guidebook.serving import sitemap
from guidebook.adapter import theme
from guidebook.forms import vendor
from guidebook.common.i18n import html_lang, site_language, translations
from guidebook.web.render import PlaceholderError
from guidebook.data.settings import Settings, SettingsError, load_settings

log = logging.getLogger("mkdocs.hooks.guidebook")
# Release problems in a preview build: shown, but not counted as MkDocs
# warnings (strict mode would turn them into a failed preview).
problems_log = logging.getLogger("guidebook.preview")
if not problems_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  [preview] %(message)s"))
    problems_log.addHandler(_handler)
    problems_log.propagate = False
SETTINGS = "guidebook_settings"  # key in config.extra: the Settings of this build
_command: str | None = None  # "build", "serve", "gh-deploy"; None when built by guidebook build

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from guidebook.data.model import Dataset


def _settings(config: MkDocsConfig) -> Settings:
    """The guide's settings, read once per configuration (on_config)."""
    return config.extra[SETTINGS]


def _published(config: MkDocsConfig) -> Dataset:
    """The (cached) data without partners whose term has ended."""
    settings = _settings(config)
    return quality.publishable(prepare.load_cached(settings.data_file, settings.languages,
                                                 settings.guidebook.new_languages),
                               settings.reference_date)


def _outside_language_loop(config: MkDocsConfig) -> bool:
    """True in the first (default) language build and once all are built; false
    in the builds the i18n plugin runs from its post-build event, and in the
    one-language builds of ``guidebook build``'s workers (guidebook/parallel.py)
    until it sets ``ALL_LANGUAGES_BUILT`` for the whole site's post-build event."""
    return (not config.plugins["i18n"].building
            or bool(config.extra.get(prepare.ALL_LANGUAGES_BUILT)))


def on_startup(command: str, dirty: bool) -> None:
    """Remember the command: `mkdocs serve` skips the precompressed files."""
    global _command
    _command = command


@event_priority(50)  # before the i18n plugin (-100) reads the languages and the docs folder
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read the settings, validate the data, write the generated pages, name the languages."""
    try:
        # `guidebook build` passes its own (with --release); else read them here.
        settings = (config.extra.get(SETTINGS) or load_settings(config.config_file_path)).model_copy(
            update={"site_url": config.site_url or None, "docs_dir": Path(config.docs_dir)})
        config.extra[SETTINGS] = settings
        prepared = prepare.prepare(settings)
        if settings.release_build and prepared.problems:
            raise prepare.ReleaseError(prepared.problems)
        if prepared.forms:
            vendor.qr_package(settings.root)  # fail now, not after the languages are built
        share_image.check(settings.languages)  # the same for the share images' fonts
    except (SettingsError, prepare.DataError, prepare.ReleaseError, FileExistsError,
            vendor.VendorError, share_image.ShareImageError) as exc:
        preview.report_failure(str(exc))  # for the browser, when serving
        raise PluginError(str(exc)) from None
    if _outside_language_loop(config):
        for line in quality.summarized(prepared.problems):
            problems_log.warning(line)
    config.extra["guidebook_sample"] = prepared.dataset.sample
    # Written once from every language's pages (on_post_build), not by the
    # theme's template, which would see only the languages built before it.
    # (The i18n plugin adds its own sitemap template folder when overrides/
    # has none; with sitemap.xml not rendered, that folder is never read.)
    config.theme.static_templates.discard("sitemap.xml")
    names = theme.language_names(settings.languages)
    for language in config.plugins["i18n"].config.languages:
        language.name = names.get(language.locale, language.name)
        language.site_name = prepared.dataset.district.site_name[language.locale]
    return config


def on_serve(server, config: MkDocsConfig, builder):  # noqa: ANN001, ANN201 - MkDocs' server
    """`mkdocs serve`: a failed rebuild shows its problems in the browser
    (guidebook/preview.py says how) instead of leaving it waiting."""
    return preview.guard(server)


def on_pre_build(config: MkDocsConfig) -> None:
    """Per-language Markdown settings (pages are rendered before on_env)."""
    language = config.theme["language"]
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = theme.permalink_title(language)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Give the theme templates this language's catalog and HTML language tag;
    record this language's pages for the sitemap (their front matter is read
    by now)."""
    language = config.theme["language"]
    config.extra.setdefault(prepare.SITEMAP_ENTRIES, {})[language] = [
        sitemap.Entry(file.url, tuple((lang, alt.url) for lang, alt in file.alternates.items()))
        for file in files.documentation_pages()
        if file.page is not None and not file.page.meta.get("guidebook_not_found")]
    env.bytecode_cache = theme.THEME_BYTECODE
    env.globals["guidebook_theme_strings"] = theme.theme_strings(env, language)
    # This language's folder below the site root ("" or "zh/"): the header's
    # search link, the web app manifest and the service worker live there.
    env.globals["guidebook_language_prefix"] = site_language(language).url_prefix(
        _settings(config).default_language)
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Lists from the data, and notices on untranslated or unreviewed pages."""
    if page.meta.get("guidebook_page"):
        # Generated from the data as finished HTML: skip Markdown, which would
        # only re-parse it (most of the build's time at 500 institutions).
        page.guidebook_html = markdown  # type: ignore[attr-defined]
        return ""
    language = config.theme["language"]
    try:
        return page_text.page_markdown(markdown, language, getattr(page.file, "locale", language),
                                  page.meta, _published(config), page.url)
    except PlaceholderError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A generated page's own HTML, with its table of contents."""
    generated = getattr(page, "guidebook_html", None)
    if generated is None:
        return html
    page.toc = get_toc(theme.toc_tokens(generated))
    return generated


@event_priority(-50)  # after the i18n plugin (50) has set this page's alternates
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """hreflang and the switcher's lang with BCP 47 tags (zh-Hans, not zh);
    the page's description and link-preview tags (guidebook/share.py)."""
    # The i18n plugin gives each page its own copy as an attribute of `extra`
    # (which Jinja reads before the key): change only that copy.
    for alternate in getattr(config.extra, "alternate", None) or []:
        alternate["lang"] = html_lang(alternate["lang"])
    language = config.theme["language"]
    description, tags = page_text.page_share(
        _settings(config), _published(config), language, getattr(page.file, "locale", language),
        page.title or "", page.meta, page.content or "", page.canonical_url)
    page.meta["description"] = description  # escaped: Material prints it as it is
    context["guidebook_share"] = tags
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Absolute hreflang alternates, with x-default (search engines want both);
    heading permalinks (¶) kept out of search titles."""
    output = html_post.permalinks_out_of_search(output)
    if not config.site_url:
        return output
    return html_post.absolute_alternates(output, config.site_url.rstrip("/") + "/" + page.url)


@event_priority(-200)  # after the i18n plugin has built every language
def on_post_build(config: MkDocsConfig) -> None:
    """Leaflet pages and PDFs, share images, then a check of every internal
    link, once, when the last language is built."""
    if not _outside_language_loop(config):
        return  # a language build inside the i18n plugin's loop
    settings = _settings(config)
    site_dir, base_path = Path(config.site_dir), not_found.url_path(config.site_url)
    try:
        _make_downloads(config)
        _write_form_files(config)
        share_image.write_images(site_dir, page_text.share_cards(_published(config), settings))
        # Pagefind indexes on its own process while the link check runs here;
        # neither depends on the other (404 pages are not indexed).
        indexing = search.start_indexing(site_dir)
        not_found.write_not_found_pages(site_dir, base_path, settings.languages)
        offline.write_offline_files(site_dir, settings.languages,
                                    theme.app_names(_published(config), settings.languages))
        if config.site_url:
            recorded = config.extra.get(prepare.SITEMAP_ENTRIES, {})
            sitemap.write(site_dir, config.site_url,
                          [recorded.get(lang, []) for lang in config.plugins["i18n"].build_languages],
                          settings.default_language)
        # One reading of the finished pages for the link check and the CSP's
        # inline hashes (not for the preview, which serves no CSP).
        inline = None if _command == "serve" else serving.Inline()
        broken = quality.broken_links(
            site_dir, base_path, None if inline is None else lambda where, html: inline.add(html, where))
        stats = search.finish_indexing(indexing, site_dir)
    except (downloads.PrintError, search.SearchIndexError, vendor.VendorError,
            share_image.ShareImageError) as exc:
        raise PluginError(str(exc)) from None
    log.info(f"Search index: {stats.pages} pages in {stats.languages} languages")
    # Last: the headers read the finished pages, and every file is final.
    if inline is not None:
        _write_server_files(config, site_dir, base_path, inline)
    if broken and settings.release_build:
        raise PluginError(str(prepare.ReleaseError(broken)))
    for line in quality.summarized(broken):
        problems_log.warning(line)


def _write_form_files(config: MkDocsConfig) -> None:
    """The forms' reading page, QR library and FHIR Questionnaires, once per site."""
    settings = _settings(config)
    forms = prepare.load_forms_cached(settings.forms_dir, settings.languages,
                                         settings.guidebook.new_languages)
    if forms:
        formpages.write_site_files(Path(config.site_dir), forms, settings.languages,
                                   vendor.qr_package(settings.root), config.site_url)


def _make_downloads(config: MkDocsConfig) -> None:
    settings = _settings(config)
    profile = downloads.print_profile(settings)
    if profile is None:
        log.info("PDFs are turned off: site/ has no leaflet or guidebook PDFs")
        return
    downloads.make_print(_published(config), site_dir=Path(config.site_dir),
                         docs_dir=Path(config.docs_dir), site_url=config.site_url, profile=profile,
                         source_date=settings.source_date, release=settings.release_build,
                         forms=prepare.load_forms_cached(settings.forms_dir, settings.languages,
                                                         settings.guidebook.new_languages),
                         cache_dir=settings.cache_dir / "pdf",
                         review_dir=settings.review_dir if profile.review_pngs else None,
                         progress=lambda r: log.info(
                             f"PDF {r.target.name}: {r.pages} pages, unchanged (cache)" if r.cached
                             else f"PDF {r.target.name}: {r.pages} pages ({r.fillers} notes, "
                                  f"{r.blanks} blank) in {r.seconds:.1f} s"))


def _write_server_files(config: MkDocsConfig, site_dir: Path, base_path: str,
                        inline: serving.Inline) -> None:
    """Web-server files (CSP with the pages' inline hashes), then .gz/.br copies;
    neither for `mkdocs serve`'s preview, which must stay fast."""
    written = serving.write_server_files(site_dir, base_path, _settings(config).languages, inline)
    for problem in written.inline.problems:  # a strict build fails on these
        log.warning(f"{problem}: blocked by the Content-Security-Policy (use a script file)")
    if precompress.enabled(_settings(config).precompress, _command):
        stats = precompress.precompress(site_dir, cache_dir=_settings(config).cache_dir / "precompress")
        log.info(f"Precompressed {stats.files} files: {stats.raw} bytes -> "
                 f"gzip {stats.gzip_bytes}, brotli {stats.brotli_bytes} "
                 f"({stats.reused} copies from the cache)")
