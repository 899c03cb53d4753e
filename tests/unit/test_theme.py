"""What Material's templates get from the core (guidebook/theme.py)."""

from __future__ import annotations

from pathlib import Path

import jinja2

from guidebook.adapter import theme

MATERIAL = Path(jinja2.__file__).parents[1] / "material" / "templates"


def test_language_names_are_each_languages_own() -> None:
    assert theme.language_names(("en", "mn", "ar")) == {"en": "English", "mn": "Монгол",
                                                        "ar": "العربية"}


def test_theme_strings_fall_back_to_english_where_material_has_no_language() -> None:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(MATERIAL)))
    kazakh = theme.theme_strings(env, "kk")
    english = theme.theme_strings(env, "en")
    assert kazakh["language"] == "kk-Cyrl"
    assert {k: v for k, v in kazakh.items() if k != "language"} == \
        {k: v for k, v in english.items() if k != "language"}
    assert theme.theme_strings(env, "ru")["search.placeholder"] != english["search.placeholder"]


def test_bytecode_cache_keeps_compiled_templates_across_environments() -> None:
    cache = theme.MemoryBytecodeCache()
    loader = jinja2.DictLoader({"t.html": "{{ 1 + 1 }}"})
    jinja2.Environment(loader=loader, bytecode_cache=cache).get_template("t.html")
    assert len(cache.store) == 1
    again = jinja2.Environment(loader=loader, bytecode_cache=cache)
    assert again.get_template("t.html").render() == "2"
