"""``guidebook add-language`` and ``remove-language``: a site language in one step.

Adding a language writes two things and nothing else: its entry in the i18n
plugin's ``languages`` in mkdocs.yml (the one list every other part reads),
marked as being translated in ``extra.guidebook.new_languages``, and its
gettext catalog, initialised from ``translations/messages.pot``. While the
language is new, names and texts the data lacks in it fall back to the
default language, and a release refuses it. Removing a language is the
reverse: after ``add-language xx`` and ``remove-language xx`` the project is
byte for byte what it was.

mkdocs.yml is edited as text, line by line, so that its comments, order and
MkDocs' own tags stay as the editor wrote them.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po, write_po
from babel.plural import to_gettext

from guidebook.common.i18n import catalog_path, site_language
from guidebook.data.settings import Settings, load_settings

ENTRY = "        - locale: {code}\n          name: {code}  # its own name comes from CLDR\n"
NEW_LINE = "    new_languages: [{codes}]  # being translated: fall back to the default language\n"
_NEW = re.compile(r"^    new_languages: \[([^\]]*)\].*\n", re.M)


class LanguageSetupError(Exception):
    """The language cannot be added or removed; ``str()`` says why, in both languages."""


@dataclass(frozen=True)
class Changed:
    files: tuple[Path, ...]


def add_language(config_file: Path, code: str) -> Changed:
    settings = load_settings(config_file, {})
    try:
        site_language(code)
    except ValueError:
        raise LanguageSetupError(f"'{code}' is not a language code CLDR knows (e.g. ja, vi, kk, fa). "
                                 f"'{code}'은(는) CLDR에 없는 언어 코드입니다.") from None
    if code in settings.languages or code == "ko":
        raise LanguageSetupError(f"'{code}' is already a language of this guide. "
                                 f"'{code}'은(는) 이미 이 안내서의 언어입니다.")
    text = config_file.read_text(encoding="utf-8")
    text = _insert_entry(text, code)
    text = _set_new_languages(text, [*settings.guidebook.new_languages, code])
    config_file.write_text(text, encoding="utf-8")
    po = _init_catalog(settings, code)
    return Changed((config_file, po))


def remove_language(config_file: Path, code: str) -> Changed:
    settings = load_settings(config_file, {})
    if code not in settings.languages:
        raise LanguageSetupError(f"'{code}' is not a language of this guide. "
                                 f"'{code}'은(는) 이 안내서의 언어가 아닙니다.")
    if code == settings.default_language:
        raise LanguageSetupError("the default language cannot be removed. "
                                 "기본 언어는 지울 수 없습니다.")
    text = config_file.read_text(encoding="utf-8")
    entry = re.compile(rf"^        - locale: {re.escape(code)}\n(?:          .*\n)*", re.M)
    text, count = entry.subn("", text, count=1)
    if count != 1:
        raise LanguageSetupError(f"{config_file}: no entry '- locale: {code}' to remove")
    text = _set_new_languages(text, [c for c in settings.guidebook.new_languages if c != code])
    config_file.write_text(text, encoding="utf-8")
    folder = catalog_path(code, root=settings.translations_dir).parent.parent
    if folder.exists():
        shutil.rmtree(folder)
    return Changed((config_file, folder))


def _insert_entry(text: str, code: str) -> str:
    """The new entry after the last one of the i18n plugin's languages."""
    block = re.search(r"^      languages:\n(?:(?:        .*|\s*#.*)\n)+", text, re.M)
    if block is None:
        raise LanguageSetupError("mkdocs.yml: the i18n plugin's 'languages:' list was not found")
    return text[:block.end()] + ENTRY.format(code=code) + text[block.end():]


def _set_new_languages(text: str, codes: list[str]) -> str:
    """``extra.guidebook.new_languages`` set to ``codes``; the line goes away
    when none is left."""
    line = NEW_LINE.format(codes=", ".join(codes)) if codes else ""
    if _NEW.search(text):
        return _NEW.sub(lambda m: line, text, count=1)
    if not codes:
        return text
    anchor = re.search(r"^  guidebook:\n", text, re.M)
    if anchor is None:
        raise LanguageSetupError("mkdocs.yml: 'extra: guidebook:' was not found")
    return text[:anchor.end()] + line + text[anchor.end():]


def _init_catalog(settings: Settings, code: str) -> Path:
    """The language's catalog from the template, as ``pybabel init`` writes it."""
    template = settings.translations_dir / "messages.pot"
    po = catalog_path(code, root=settings.translations_dir)
    if po.exists():
        return po
    cldr = site_language(code).cldr
    # Read without a locale: Babel would check the template's two plural
    # slots against its own older plural table (one form for Persian) and
    # print "WARNING: Problem on line …" for every plural message.
    with template.open("rb") as f:
        catalog = read_po(f)
    catalog.locale = cldr
    catalog.mime_headers = [*((k, v) for k, v in catalog.mime_headers if k.lower() != "plural-forms"),
                            ("Plural-Forms", to_gettext(Locale.parse(cldr).plural_form))]
    catalog.fuzzy = False
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as f:
        write_po(f, catalog, width=76)
    return po
