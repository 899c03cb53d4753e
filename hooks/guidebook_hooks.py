"""MkDocs hooks: thin adapters between MkDocs and the guidebook core.

Each handler moves values between MkDocs' objects and the core's modules
(``guidebook.build.prepare``, ``page_text``, ``postbuild``, ``adapter.theme``
…); the logic worth testing lives in the core.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import get_toc

from guidebook.adapter import one_language, preview, theme
from guidebook.build import page_text, postbuild, prepare
from guidebook.checks import content_safety, quality
from guidebook.common.i18n import html_lang, site_language, translations, use_catalogs
from guidebook.data.settings import Settings, SettingsError, load_settings
from guidebook.forms import vendor
from guidebook.serving import html_post, sitemap
from guidebook.web import share_image
from guidebook.web.render import PlaceholderError

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
PUBLISHED = "guidebook_published"  # and the published Dataset
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
    """The data without partners whose term has ended (set once in on_config)."""
    return config.extra[PUBLISHED]


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
        use_catalogs(settings.translations_dir)  # every gettext lookup of this build reads these
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
    config.extra[PUBLISHED] = prepared.dataset  # already without ended partnerships
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
    return preview.guard(server, Path(config.docs_dir), Path(config.config_file_path))


def on_pre_build(config: MkDocsConfig) -> None:
    """Per-language Markdown settings (pages are rendered before on_env)."""
    language = config.theme["language"]
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = theme.permalink_title(language)


@event_priority(-150)  # after the i18n plugin (-100) has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """A one-language preview shows a page not yet translated in English, as the full build does."""
    return one_language.add_fallback_pages(files, config, _settings(config).default_language)


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
    """A generated page's own HTML, with its table of contents; on every page,
    what each help line's languages are when the reader's is not among them."""
    language = config.theme["language"]
    generated = getattr(page, "guidebook_html", None)
    if generated is None:
        # What the page's Markdown became, judged once more as rendered
        # (before the lines' annotations, which the guide itself writes).
        unsafe = content_safety.rendered_problems(
            html, Path(page.file.abs_src_path or ""),
            f"{prepare.shown(Path(config.docs_dir)).as_posix()}/{page.file.src_uri}")
        if unsafe:
            raise PluginError(str(prepare.DataError(tuple(unsafe))))
        return page_text.page_html(html, language, _published(config))
    page.toc = get_toc(theme.toc_tokens(generated))
    return page_text.page_html(generated, language, _published(config))


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
    return html_post.absolute_alternates(output, config.site_url.rstrip("/") + "/" + page.url,
                                         html_lang(_settings(config).default_language))


@event_priority(-200)  # after the i18n plugin has built every language
def on_post_build(config: MkDocsConfig) -> None:
    """The post-build work (guidebook/build/postbuild.py), once, when the last
    language is built; a release refuses broken links."""
    if not _outside_language_loop(config):
        return  # a language build inside the i18n plugin's loop
    settings = _settings(config)
    recorded = config.extra.get(prepare.SITEMAP_ENTRIES, {})
    site = postbuild.BuiltSite(Path(config.site_dir), config.site_url, Path(config.docs_dir),
                               [recorded.get(lang, []) for lang in config.plugins["i18n"].build_languages],
                               _command)
    try:
        broken = postbuild.finish_site(settings, _published(config), site, log)
    except postbuild.ERRORS as exc:
        raise PluginError(str(exc)) from None
    if broken and settings.release_build:
        raise PluginError(str(prepare.ReleaseError(broken)))
    for line in quality.summarized(broken):
        problems_log.warning(line)
