"""MkDocs hooks: thin adapters between MkDocs and the guidebook core.

Each handler moves values between MkDocs' objects and ``guidebook.site``; the
logic worth testing lives in the core.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guidebook import site
from guidebook.i18n import translations

log = logging.getLogger("mkdocs.hooks.guidebook")
DATA = "data/institutions.yaml"

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page


@event_priority(50)  # before the i18n plugin (-100) reads the languages and the docs folder
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate the data, write the generated pages, name the languages."""
    settings = config.extra.get("guidebook", {})
    base = Path(config.config_file_path).parent
    try:
        prepared = site.prepare(base / settings.get("data", DATA),
                                Path(config.docs_dir))
    except (site.DataError, FileExistsError) as exc:
        raise PluginError(str(exc)) from None
    config.extra["guidebook_sample"] = prepared.dataset.sample
    names = site.language_names()
    for language in config.plugins["i18n"].config.languages:
        language.name = names.get(language.locale, language.name)
        language.site_name = getattr(prepared.dataset.district.site_name, language.locale)
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Give the theme templates this language's catalog and HTML language tag."""
    language = config.theme["language"]
    config.extra["guidebook_html_lang"] = site.html_lang(language)
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = site.permalink_title(language)
    env.filters["bcp47"] = site.html_lang
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env


@event_priority(-50)  # after the i18n plugin (50) has set this page's alternates
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """hreflang and the switcher's lang with BCP 47 tags (zh-Hans, not zh)."""
    # The i18n plugin gives each page its own copy as an attribute of `extra`
    # (which Jinja reads before the key): change only that copy.
    for alternate in getattr(config.extra, "alternate", None) or []:
        alternate["lang"] = site.html_lang(alternate["lang"])
    return context


@event_priority(-200)  # after the i18n plugin has built every language
def on_post_build(config: MkDocsConfig) -> None:
    """Leaflet pages and PDFs, once, when the last language is built."""
    if config.plugins["i18n"].building:
        return  # a language build inside the i18n plugin's loop
    settings = config.extra.get("guidebook", {})
    try:
        profile = site.print_profile(settings.get("print", {}), os.environ)
        if profile is None:
            log.info("PDFs are turned off: site/ has no leaflet or guidebook PDFs")
            return
        site.make_print(site.load_cached(Path(config.config_file_path).parent
                                         / settings.get("data", DATA)),
                        site_dir=Path(config.site_dir), docs_dir=Path(config.docs_dir),
                        site_url=config.site_url, profile=profile,
                        progress=lambda r: log.info(f"PDF {r.target.name}: {r.pages} pages "
                                                    f"({r.blanks} blank) in {r.seconds:.1f} s"))
    except site.PrintError as exc:
        raise PluginError(str(exc)) from None
