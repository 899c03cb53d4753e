"""The core's folders are stages, and imports run one way: a module may import
from its own stage or an earlier one, never a later one (docs/architecture.md).
The core never imports MkDocs or Material outside ``adapter/``, ``cli/`` and ``build/parallel.py``."""
from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "src" / "guidebook"

# Earlier stages first; guidebook/paths.py and guidebook/__init__.py count as "common".
STAGES = ("common", "data", "web", "forms", "printing", "serving", "checks", "build", "adapter", "cli")
MKDOCS_ALLOWED = {"adapter", "cli", "build/parallel.py"}


def stage_of(module: str) -> str:
    """The stage of a dotted module name inside the package.

    >>> stage_of("guidebook.web.render"), stage_of("guidebook.paths")
    ('web', 'common')
    """
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in STAGES else "common"


def imports(path: Path) -> list[tuple[int, str]]:
    """Every absolute module name ``path`` imports, with its line, lazy imports included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import; write guidebook.<stage>.<module>"
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def modules() -> list[tuple[str, Path]]:
    return [(".".join(("guidebook", *p.relative_to(CORE).with_suffix("").parts)), p)
            for p in sorted(CORE.rglob("*.py"))]


def test_every_module_sits_in_a_stage_folder() -> None:
    loose = [p.name for p in CORE.glob("*.py") if p.name not in ("__init__.py", "paths.py")]
    assert loose == []
    assert sorted(p.name for p in CORE.iterdir() if p.is_dir() and (p / "__init__.py").exists()) == sorted(STAGES)


def test_imports_never_run_up_a_stage() -> None:
    wrong = []
    for name, path in modules():
        own = STAGES.index(stage_of(name))
        for line, imported in imports(path):
            if imported.startswith("guidebook.") and STAGES.index(stage_of(imported)) > own:
                wrong.append(f"{path.relative_to(CORE)}:{line}: {stage_of(name)} imports {imported}")
    assert wrong == []


def test_only_the_adapter_knows_mkdocs() -> None:
    wrong = []
    for name, path in modules():
        rel = path.relative_to(CORE).as_posix()
        if rel.split("/")[0] in MKDOCS_ALLOWED or rel in MKDOCS_ALLOWED:
            continue
        wrong += [f"{rel}:{line}: {imported}" for line, imported in imports(path)
                  if imported.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n")]
    assert wrong == []


def test_the_check_sees_a_wrong_way_import(tmp_path: Path) -> None:
    sample = tmp_path / "model.py"
    sample.write_text("def f():\n    from guidebook.printing.pdf import make\n", encoding="utf-8")
    assert STAGES.index(stage_of("guidebook.printing.pdf")) > STAGES.index(stage_of("guidebook.data.model"))
    assert imports(sample) == [(2, "guidebook.printing.pdf.make")]


def test_every_import_of_the_package_resolves() -> None:
    """Lazy imports inside functions run only when their command does: check them all here."""
    import importlib

    missing = []
    for _, path in modules():
        for line, imported in imports(path):
            if not imported.startswith("guidebook."):
                continue
            module, _, name = imported.rpartition(".")
            try:
                importlib.import_module(imported)
                continue
            except ImportError:
                pass
            try:
                if hasattr(importlib.import_module(module), name):
                    continue
            except ImportError:
                pass
            missing.append(f"{path.relative_to(CORE)}:{line}: {imported}")
    assert missing == []
