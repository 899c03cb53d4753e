"""Before MkDocs reads a page: every input validated, the catalogs compiled,
the generated pages written, and what a release would refuse.

The i18n plugin runs the whole build once per language; the loaded files are
cached while they are unchanged, so the work is done once per build.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from guidebook.common.i18n import compile_catalogs
from guidebook.forms.pages import FORMS_DIR
from guidebook.forms.model import Form, load_forms
from guidebook.data.load import LoadError, Loaded, load_file, load_model
from guidebook.data.model import Dataset, validation_context
from guidebook.build.pages import sync_form_pages, sync_generated_pages
from guidebook.checks.inputs import (check_catalogs, check_content, check_paths, check_settings,
                                     shown)
from guidebook.checks.quality import (Problem, by_role, data_problems, form_problems, is_stale,
                                      language_problems, name_problems, page_problems, publishable,
                                      site_url_problems)
from guidebook.web.render import GENERATED_DIR
from guidebook.data.search_words import SearchWords
from guidebook.data.settings import Settings


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
    files = [p for p in settings.docs_dir.rglob("*")  # pages, pictures, links: all are checked
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
    return _content_cache[key] + tuple(check_settings(settings))


def release_problems(settings: Settings, loaded: Loaded, forms: Sequence[Form]) -> list[Problem]:
    """Everything a release refuses that can be known before building, each
    at its file and line: sample data, stale records, ended partners, pages
    and forms not reviewed or not translated, the placeholder site_url."""
    ref, policy = settings.reference_date, settings.guidebook.release
    return (site_url_problems(settings.site_url, settings.root / "mkdocs.yml",
                              shown(settings.root / "mkdocs.yml").as_posix())
            + data_problems(loaded.dataset, ref, policy, loaded.marks,
                            shown(settings.data_file).as_posix())
            + name_problems(loaded.dataset, loaded.marks, shown(settings.data_file).as_posix(),
                            settings.guidebook.new_languages)
            + page_problems(settings.docs_dir, settings.languages, shown(settings.docs_dir).as_posix())
            + form_problems(forms, settings.forms_dir, shown(settings.forms_dir).as_posix())
            + language_problems(settings))


def prepare(settings: Settings) -> Prepared:
    """Everything that must happen before MkDocs reads the docs folder:
    validate every input, compile the catalogs, write the generated pages."""
    data_file, docs_dir, policy = settings.data_file, settings.docs_dir, settings.guidebook.release
    ref = settings.reference_date
    new = settings.guidebook.new_languages
    outside = check_paths(settings)
    if outside:  # read nothing from outside the project
        raise DataError(tuple(outside))
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
        super().__init__(head + "\n" + by_role(problems))
