"""The apps stack one way: an app imports only from the apps below it.

Read with `ast`, so imports inside functions count as much as those at the top
of a module, and so do the module names given to `importlib.import_module`. A
new app takes its place in APP_ORDER; an app missing from it fails the test.

Strings that only name an app, such as `include("network.urls")` in the project's
URLconf or the entries of INSTALLED_APPS, are wiring rather than imports: Django
resolves them when it starts, and they do not count.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bottom first. Apps that do not exist yet are skipped.
APP_ORDER = [
    "portal",
    "network",
    "casestudies",
    "experiences",
    "events",
    "trajectories",
    "digests",
    "home",
]


def local_apps():
    return sorted(path.parent.name for path in ROOT.glob("*/apps.py"))


def imported_modules(tree):
    """(line, dotted module name) for every absolute import in a module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif isinstance(node, ast.Call):
            func = node.func
            name = getattr(func, "attr", None) or getattr(func, "id", None)
            if (
                name == "import_module"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                yield node.lineno, node.args[0].value


def violations(app):
    rank = APP_ORDER.index(app)
    above = set(APP_ORDER[rank + 1 :])
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in imported_modules(tree):
            if module.split(".")[0] in above:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return found


def test_every_app_has_its_place_in_the_order():
    missing = [app for app in local_apps() if app not in APP_ORDER]
    assert not missing, f"Give {missing} a place in APP_ORDER."


@pytest.mark.parametrize("app", [app for app in APP_ORDER if (ROOT / app).is_dir()])
def test_app_imports_only_from_apps_below_it(app):
    found = violations(app)
    assert not found, "Imports against the order of the apps:\n" + "\n".join(found)


def test_the_check_sees_every_kind_of_import():
    source = (
        "import home.models\n"
        "from home import models\n"
        "def f():\n"
        "    from home.models import HomePage\n"
        "    importlib.import_module('home.demo')\n"
        "    import_module('home')\n"
        "from . import sibling\n"
    )
    modules = [module for _line, module in imported_modules(ast.parse(source))]
    assert sorted(modules) == [
        "home",
        "home",
        "home.demo",
        "home.models",
        "home.models",
    ]
