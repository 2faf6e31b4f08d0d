"""The apps below `trajectories` never import it, not even inside a function."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("app", ["portal", "network", "casestudies"])
def test_lower_apps_do_not_import_trajectories(app):
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in (ROOT / app).rglob("*.py")
        for module in imported_modules(path)
        if module == "trajectories" or module.startswith("trajectories.")
    ]
    assert offenders == []


@pytest.mark.parametrize("app", ["portal", "network", "casestudies"])
def test_lower_templates_load_nothing_of_trajectories(app):
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates" / app).rglob("*.html")
        if "trajectories/" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
