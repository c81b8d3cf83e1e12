"""Architecture rules that keep the code honest (style.md F): no ORM in views/API, imports point one way."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "khuyenhoc"
# An app may import only apps listed before it (architecture.md).
RANK = {
    "core": 0, "bulk": 1, "places": 2, "orgs": 3, "accounts": 4, "people": 4, "titles": 5, "funds": 5, "programmes": 6, "reports": 7, "demo": 9,
}  # fmt: skip
ORDER = list(RANK)


def _http_modules() -> list[Path]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        # Every *views*.py module (citizen_views.py too), api.py, and the modules of a views/ package.
        if "views" in path.stem or path.stem == "api" or "views" in parts[:-1]:
            found.append(path)
    return found


def test_views_and_api_modules_never_query_models_directly():
    offenders = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in _http_modules()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute) and node.attr == "objects"
    ]

    assert offenders == [], "views/API must read through selectors: " + ", ".join(offenders)


def _imported_apps(path: Path) -> set[str]:
    apps = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if len(parts) > 1 and parts[0] == "khuyenhoc" and parts[1] in ORDER:
                apps.add(parts[1])
    return apps


def test_apps_import_only_apps_before_them():
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {other}"
        for app, rank in RANK.items()
        for path in (PACKAGE / app).rglob("*.py")
        if "tests" not in path.parts
        for other in _imported_apps(path)
        if other != app and RANK.get(other, 99) >= rank
    ]

    assert offenders == []
