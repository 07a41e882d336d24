"""The direction between the apps is a rule, not a habit (issue 13 §2): the core apps never
import the apps built on them (the import-linter contract in pyproject.toml, also run by
`make lint`), no module imports itself back through others, and no import inside a function
hides such a cycle."""

import ast
import tomllib
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "pyproject.toml"
PACKAGES = tomllib.loads(CONFIG.read_text())["tool"]["importlinter"]["root_packages"]


def _is_test(module: str) -> bool:
    parts = module.split(".")
    return "tests" in parts or parts[-1].startswith("test_") or parts[-1] == "conftest"


def _python_files():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            if "migrations" not in path.parts and not _is_test(module):
                yield path


def local_imports(source: str) -> list[tuple[int, str]]:
    """Imports of Hearth's own modules inside a function (AppConfig.ready aside: that is where
    Django wants an app's receivers and checks registered)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name != "ready":
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and inner.level == 0 and inner.module:
                    names = [inner.module]
                elif isinstance(inner, ast.Import):
                    names = [alias.name for alias in inner.names]
                else:
                    continue
                found += [(inner.lineno, n) for n in names if n.split(".")[0] in PACKAGES]
    return found


def test_the_core_apps_do_not_import_the_apps_built_on_them(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(str(CONFIG), no_cache=True, no_logo=True) == 0  # its report says why


def test_no_module_imports_itself_back():
    graph = grimp.build_graph(*PACKAGES, include_external_packages=False, cache_dir=None)
    modules = {m for m in graph.modules if not _is_test(m) and ".migrations" not in m}
    cycles = []
    for module in sorted(modules):
        for imported in graph.find_modules_directly_imported_by(module) & modules:
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain and all(m in modules for m in chain):
                cycles.append((module, *chain))
    assert cycles == []


def test_no_import_inside_a_function_dodges_the_direction():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in _python_files()
        for line, name in local_imports(path.read_text())
    ]
    assert found == []


def test_the_local_import_finder_finds_one():
    source = (
        "def f():\n    from cases.models import Case\n\nclass A:\n    def ready(self):\n"
        "        from referrals import barriers\n"
    )
    assert local_imports(source) == [(2, "cases.models")]
