"""What the MkDocs hooks need from the core, as plain functions (no MkDocs imports).

The hook file only moves values between MkDocs' objects and these functions,
so everything here is testable without building a site.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from jinja2 import TemplateNotFound
from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import Markup, escape

from . import share
from .html_post import relocatable
from .i18n import KOREAN, compile_catalogs, html_lang, site_language, translations
from .formpages import FORMS_DIR
from .forms import Form, load_forms
from .load import LoadError, Loaded, load_file, load_model
from .model import Dataset, validation_context
from .offline import AppName
from .pages import sync_form_pages, sync_generated_pages
from .inputs import check_catalogs, check_content, shown
from .quality import (Problem, data_problems, form_problems, is_reviewed, is_stale,
                      language_problems, page_problems, publishable, site_url_problems)
from .render import GENERATED_DIR, expand_placeholders
from .search_words import SearchWords
from .settings import Settings
from .share_image import Card

_cache: dict[tuple[Path, tuple[str, ...], tuple[str, ...]], tuple[tuple[int, int], Loaded]] = {}

# Keys the hooks keep in MkDocs' ``config.extra`` (which lives as long as one
# build of the five languages): each language's sitemap entries, and the flag
# guidebook/parallel.py sets for the post-build event of the whole site.
SITEMAP_ENTRIES = "guidebook_sitemap_entries"
ALL_LANGUAGES_BUILT = "guidebook_all_languages_built"


class DataError(Exception):
    """The data file has errors; ``str()`` is the complete, bilingual report."""

    def __init__(self, errors: tuple[LoadError, ...]):
        self.errors = errors
        count = len(errors)
        files = ", ".join(sorted({e.file for e in errors}))
        head = (f"{count} problem{'s' if count != 1 else ''} in {files}; nothing was built. "
                f"{files}에 문제가 {count}개 있어 사이트를 만들지 않았습니다.")
        super().__init__(head + "\n" + "\n".join(e.format() for e in errors))


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
        return stat.st_mtime_ns, stat.st_size
    except OSError:
        return 0, 0


def loaded_cached(path: Path, languages: tuple[str, ...],
                  new_languages: tuple[str, ...] = ()) -> Loaded:
    """The data file loaded and validated (or its errors); the i18n plugin
    builds once per language, so the result is reused while the file is
    unchanged. Messages name it as ``guidebook check`` does."""
    key = _stamp(path.resolve())
    cached = _cache.get((path.resolve(), languages, new_languages))
    if cached is None or cached[0] != key:
        cached = (key, load_file(shown(path), languages, new_languages))
        _cache[(path.resolve(), languages, new_languages)] = cached
    return cached[1]


def load_cached(path: Path, languages: tuple[str, ...],
                new_languages: tuple[str, ...] = ()) -> Dataset:
    """The valid dataset of ``path`` (cached). Raises DataError."""
    loaded = loaded_cached(path, languages, new_languages)
    if not loaded.ok:
        raise DataError(loaded.errors)
    assert loaded.dataset is not None
    return loaded.dataset


_forms_cache: dict[tuple, tuple[Form, ...]] = {}


def forms_stamp(folder: Path) -> tuple:
    return tuple((p.name, _stamp(p)) for p in sorted(folder.glob("*.yaml")))


def load_forms_cached(folder: Path, languages: tuple[str, ...],
                      new_languages: tuple[str, ...] = ()) -> tuple[Form, ...]:
    """The forms of ``folder`` (guidebook/forms.py), reused while no file
    changed; raises DataError with every problem."""
    key = (folder.resolve(), languages, new_languages, forms_stamp(folder))
    if key not in _forms_cache:
        loaded = load_forms(folder, languages, new_languages)
        if not loaded.ok:
            raise DataError(loaded.errors)
        _forms_cache.clear()
        _forms_cache[key] = loaded.forms
    return _forms_cache[key]


def load_search_words(path: Path, languages: tuple[str, ...]) -> SearchWords | None:
    """The patients' words (search_words.py), or None without the file.
    Raises DataError, as for the data file."""
    if not path.exists():
        return None
    loaded = load_model(path, SearchWords, context=validation_context(languages))
    if not loaded.ok:
        raise DataError(loaded.errors)
    return loaded.value


@dataclass(frozen=True)
class Prepared:
    dataset: Dataset  # what is published: partners whose term ended are left out
    problems: list[Problem]  # what a release build refuses
    forms: tuple[Form, ...] = ()  # the medical forms (data/forms/*.yaml)


_content_cache: dict[tuple, tuple[LoadError, ...]] = {}


def content_errors(settings: Settings) -> tuple[LoadError, ...]:
    """The problems of the pages, print texts and catalogs (guidebook/inputs.py),
    checked again only when one of those files changed."""
    files = [p for p in settings.docs_dir.rglob("*.md")
             if p.relative_to(settings.docs_dir).parts[0] not in (GENERATED_DIR, FORMS_DIR)]
    files += sorted(settings.translations_dir.glob("*/LC_MESSAGES/*.po"))
    key = (settings.docs_dir, settings.languages, settings.make_pdfs,
           tuple((p, _stamp(p)) for p in sorted(files)))
    if key not in _content_cache:
        _content_cache.clear()
        _content_cache[key] = tuple(
            check_content(settings.docs_dir, settings.languages, shown(settings.docs_dir).as_posix(),
                          settings.make_pdfs)
            + check_catalogs(settings.translations_dir, settings.languages,
                             shown(settings.translations_dir).as_posix()))
    return _content_cache[key]


def release_problems(settings: Settings, loaded: Loaded, forms: Sequence[Form]) -> list[Problem]:
    """Everything a release refuses that can be known before building, each
    at its file and line: sample data, stale records, ended partners, pages
    and forms not reviewed or not translated, the placeholder site_url."""
    ref, policy = settings.reference_date, settings.guidebook.release
    return (site_url_problems(settings.site_url, settings.root / "mkdocs.yml",
                              shown(settings.root / "mkdocs.yml").as_posix())
            + data_problems(loaded.dataset, ref, policy, loaded.marks,
                            shown(settings.data_file).as_posix())
            + page_problems(settings.docs_dir, settings.languages, shown(settings.docs_dir).as_posix())
            + form_problems(forms, settings.forms_dir, shown(settings.forms_dir).as_posix())
            + language_problems(settings))


def prepare(settings: Settings) -> Prepared:
    """Everything that must happen before MkDocs reads the docs folder:
    validate every input, compile the catalogs, write the generated pages."""
    data_file, docs_dir, policy = settings.data_file, settings.docs_dir, settings.guidebook.release
    ref = settings.reference_date
    new = settings.guidebook.new_languages
    loaded = loaded_cached(data_file, settings.languages, new)
    errors = list(loaded.errors)
    try:
        forms = load_forms_cached(settings.forms_dir, settings.languages, new)
    except DataError as exc:
        forms, errors = (), errors + list(exc.errors)
    errors += content_errors(settings)
    if errors:  # all of them at once, whichever file they are in
        raise DataError(tuple(sorted(errors, key=lambda e: (e.file, e.line, e.column))))
    full = loaded.dataset
    compile_catalogs(settings.translations_dir)
    # The i18n plugin runs the whole build once per language: the pages of
    # all languages are written by the first run, and again only when an
    # input changed (the data, a catalog, a setting or the reference date).
    mo_files = sorted(settings.translations_dir.glob("*/*/*.mo"))
    key = (settings, _stamp(data_file.resolve()), forms_stamp(settings.forms_dir), ref,
           tuple(p.stat().st_mtime_ns for p in mo_files))
    problems = release_problems(settings, loaded, forms)
    markers = [docs_dir / folder / f"index.{settings.default_language}.md"
               for folder in (GENERATED_DIR, FORMS_DIR)]
    if key in _prepared and all(m.exists() for m in markers):
        return Prepared(_prepared[key], problems, forms)
    dataset = publishable(full, ref)
    stale = {i.id for i in dataset.institutions if is_stale(i, ref, policy)}
    sync_generated_pages(dataset, docs_dir, settings.translations_dir, stale_ids=stale,
                         max_age_months=policy.max_age_months, site_url=settings.site_url,
                         words=load_search_words(settings.search_words_file, settings.languages))
    sync_form_pages(forms, docs_dir, settings.languages, settings.translations_dir)
    _prepared.clear()
    _prepared[key] = dataset
    return Prepared(dataset, problems, forms)


_prepared: dict[tuple, Dataset] = {}  # the last inputs and the dataset they gave


class ReleaseError(Exception):
    """A release build found problems; ``str()`` lists them all, in both languages."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        head = (f"Release refused: {len(problems)} problem(s). "
                f"배포할 수 없습니다: 문제 {len(problems)}개.")
        super().__init__(head + "\n" + "\n".join(p.format() for p in problems))


def to_language_root(page_url: str, lang: str, default_language: str) -> str:
    """The relative path from a page up to its language's home page.

    >>> to_language_root("zh/muslim-friendly/", "zh", "en"), to_language_root("help/", "en", "en")
    ('../', '../')
    >>> to_language_root("", "en", "en")
    ''
    """
    prefix = site_language(lang).url_prefix(default_language)
    rel = page_url[len(prefix):] if page_url.startswith(prefix) else page_url
    return "../" * rel.count("/")


def page_markdown(markdown: str, lang: str, file_lang: str, meta: Mapping[str, object],
                  dataset: Dataset, page_url: str) -> str:
    """A content page's Markdown as it is shown in ``lang``: lists from the
    data filled in, and a notice on an untranslated or unreviewed page."""
    tr = translations(lang)
    default = dataset.languages[0]
    markdown = expand_placeholders(markdown, dataset, lang, tr,
                                   to_language_root(page_url, lang, default))
    head, body = _split_title(markdown)
    if file_lang != lang:  # the i18n plugin fell back to the default language's page
        notice = untranslated_notice(lang)
        source = site_language(file_lang)
        marks = f'lang="{source.html_lang}" dir="{source.direction}"'
        if head:  # the title stays first, for MkDocs to find it, marked with its language
            head = head.rstrip("\n") + f" {{ {marks} }}\n"
        return (f'{head}\n<p class="gb-notice">{escape(notice)}</p>\n\n'
                f'<div {marks} markdown="1">\n\n{body}\n\n</div>\n')
    if not is_reviewed(meta, lang, default):
        notice = tr.gettext("This translation has not been checked by a reviewer yet.")
        return f'{head}\n<p class="gb-notice">{escape(notice)}</p>\n\n{body}'
    return markdown


def untranslated_notice(lang: str) -> str:
    """What a page shown in English because it is not translated says first."""
    return translations(lang).gettext("This page is not translated yet. The English text follows.")


def page_share(settings: Settings, dataset: Dataset, lang: str, file_lang: str, title: str,
               meta: Mapping[str, object], content: str,
               canonical_url: str | None) -> tuple[Markup, list[tuple[str, str]]]:
    """A page's description, escaped for Material's ``<meta name="description">``,
    and its Open Graph / Twitter tags as (name, text) for the theme template
    (none without ``site_url``: they need absolute URLs)."""
    site_name = dataset.district.site_name[lang]
    text = share.description(meta, content, untranslated_notice(lang) if file_lang != lang else None,
                             share.joined([share.plain(title), site_name]))
    if not (settings.site_url and canonical_url):
        return escape(text), []
    title = share.plain(title) if file_lang == lang else site_name
    preview = share.page_share(lang=lang, languages=settings.languages, title=title,
                               description=text, canonical_url=canonical_url,
                               site_url=settings.site_url, site_name=site_name,
                               territories=settings.guidebook.share.territories,
                               picture=str(meta.get("guidebook_picture") or "") or None)
    return escape(text), preview.tags()


def share_cards(dataset: Dataset, settings: Settings) -> list[Card]:
    """What each language's share image says, in the settings' colours."""
    colours = settings.guidebook.share
    return [Card(lang, dataset.district.site_name[lang], dataset.district.name[KOREAN],
                 colours.background, colours.band, colours.foreground)
            for lang in settings.languages]


def _split_title(markdown: str) -> tuple[str, str]:
    r"""The Markdown up to and including its ``# title`` line, and the rest.

    >>> _split_title("intro\n# Title\ntext\n")
    ('intro\n# Title\n', 'text\n')
    >>> _split_title("no title\n")
    ('', 'no title\n')
    """
    match = re.search(r"^# .*\n?", markdown, re.M)
    if not match:
        return "", markdown
    return markdown[:match.end()], markdown[match.end():]


def language_prefix(lang: str, default_language: str) -> str:
    """A language's folder below the site root.

    >>> language_prefix("zh", "en"), language_prefix("en", "en")
    ('zh/', '')
    """
    return site_language(lang).url_prefix(default_language)


def app_names(dataset: Dataset, languages: tuple[str, ...]) -> dict[str, AppName]:
    """Each language's name of the guide as an installed web app: the guide's
    title, and the district's name under the home screen icon."""
    district = dataset.district
    return {lang: AppName(district.site_name[lang], district.name[lang]) for lang in languages}


def language_names(languages: tuple[str, ...]) -> dict[str, str]:
    """Each site language's name for itself, for the language switcher."""
    return {code: site_language(code).native_name for code in languages}


def permalink_title(site_language: str) -> str:
    """The tooltip of a heading's permalink, in the page's language."""
    return translations(site_language).gettext("Permanent link")


def url_path(site_url: str | None) -> str:
    """The path part of ``site_url``, ending in ``/``.

    >>> url_path("https://guide.example.org/"), url_path("https://x.kr/guide"), url_path(None)
    ('/', '/guide/', '/')
    """
    path = urlparse(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


NOT_FOUND_PAGE = "not-found/index.html"


def write_not_found_pages(site_dir: Path, base_path: str, languages: tuple[str, ...]) -> list[Path]:
    """Each language's ``404.html`` (``zh/404.html``…), from its not-found page with
    links made root-relative: a server shows it at whatever URL was missing.
    The web server maps ``/zh/*`` misses to ``/zh/404.html`` (README.md)."""
    written = []
    for lang in languages:
        prefix = site_language(lang).url_prefix(languages[0])
        folder = site_dir / prefix
        source = folder / NOT_FOUND_PAGE
        if not source.exists():
            continue
        page_path = f"{base_path}{prefix}not-found/"
        (folder / "404.html").write_text(relocatable(source.read_text(encoding="utf-8"), page_path),
                                         encoding="utf-8")
        written.append(folder / "404.html")
    return written


class MemoryBytecodeCache(BytecodeCache):
    """Compiled theme templates kept in memory across the i18n plugin's five
    builds in one process (MkDocs makes a new Jinja environment for each)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


THEME_BYTECODE = MemoryBytecodeCache()


_HEADING = re.compile(r'<h([12]) id="([^"]+)"[^>]*>(.*?)(?:<a class="headerlink"[^>]*>.*?</a>)?</h\1>',
                      re.S)


def toc_tokens(html: str) -> list[dict]:
    """The table of contents of a generated page (its h1 and h2), in the form
    of Markdown's toc extension, for MkDocs' ``get_toc``.

    >>> toc_tokens('<h1 id="a">A</h1><h2 id="b">B<a class="headerlink" href="#b">¶</a></h2>')
    [{'level': 1, 'id': 'a', 'name': 'A', 'html': 'A', 'data-toc-label': '', 'children': [{'level': 2, 'id': 'b', 'name': 'B', 'html': 'B', 'data-toc-label': '', 'children': []}]}]
    """
    tokens: list[dict] = []
    for level, ident, inner in _HEADING.findall(html):
        name = re.sub(r"<[^>]+>", "", inner).strip()
        token = {"level": int(level), "id": ident, "name": name, "html": inner.strip(),
                 "data-toc-label": "", "children": []}
        if token["level"] == 2 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens


_THEME_KEY = re.compile(r'^\s*"([a-z][a-z.-]*)":', re.M)


def theme_strings(env, language: str) -> dict[str, str]:  # noqa: ANN001 - a Jinja environment
    """Material's interface strings for ``language`` (English where it has none),
    looked up once, with the page language's BCP 47 tag as "language"."""
    strings: dict[str, str] = {}
    for lang in ("en", language):
        name = f"partials/languages/{lang}.html"
        try:
            source = env.loader.get_source(env, name)[0]
        except TemplateNotFound:  # Material has no file for this language (kk): English
            continue
        module = env.get_template(name).module
        for key in _THEME_KEY.findall(source):
            value = str(module.t(key)).strip()
            if value:
                strings[key] = value
    strings["language"] = html_lang(language)
    return strings
