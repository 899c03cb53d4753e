"""A preview of one language (``GUIDEBOOK_ONLY_LANG=zh mkdocs serve``) keeps
the English fallback of the full build.

mkdocs-static-i18n builds a single language by making it the default one
(``build_only_locale``), so a page that exists only in the real default
language (English: the documented first step of adding a page) is not among
that build's files; strict mode then stops the preview at the nav entry or
at the first link to it. The full build shows such a page in English with the
"not translated" notice; :func:`add_fallback_pages` gives the one-language
build the same pages, made the way the plugin makes its own.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import Files, get_files


def only_language(config: Any) -> str | None:
    """The language a one-language build makes, or None for the full build."""
    return config.plugins["i18n"].config.build_only_locale or None


def add_fallback_pages(files: Files, config: Any, default_language: str) -> Files:
    """``files`` with every page of ``default_language`` (the guide's real
    default, from mkdocs.yml's languages) that the built language has no
    file of, as the full build would show it in that language."""
    from mkdocs_static_i18n import suffix  # noqa: PLC0415 - the plugin's own way to make its files

    built = only_language(config)
    if built is None or built == default_language:
        return files
    i18n = config.plugins["i18n"]
    have = {getattr(f, "norm_src_uri", f.src_uri) for f in files.documentation_pages()}
    suffix_ = f".{default_language}.md"
    # MkDocs' own listing, with exclude_docs and not_in_nav applied as for the build.
    for page in get_files(config).documentation_pages():
        if (page.src_uri.endswith(suffix_) and not page.inclusion.is_excluded()
                and page.src_uri.removesuffix(suffix_) + ".md" not in have):
            files.append(suffix.create_i18n_file(page, built, i18n.default_language,
                                                 i18n.all_languages, config))
    # The plugin finds a nav entry's or a link's page in the built language,
    # then in its default (here the same): look in the guide's default too.
    # (This build's Files object only; the next build makes a new one.)
    own_lookup = files.get_file_from_path

    def lookup(path: str):  # noqa: ANN202 - MkDocs' File | None
        found = own_lookup(path)
        if found is None and path.endswith(".md"):
            found = files.src_uris.get(f"{path.removesuffix('.md')}.{default_language}.md")
        return found

    files.get_file_from_path = lookup  # type: ignore[method-assign]
    return files
