"""Architecture rules that keep the code honest (style.md F): no ORM in views/API, imports and template
tag libraries point one way."""

import ast
import re
from collections import deque
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


_LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")


def _library_owners() -> dict[str, str]:
    """Each project tag library by name, with the app whose templatetags package holds it."""
    return {
        path.stem: path.relative_to(PACKAGE).parts[0]
        for path in PACKAGE.glob("*/templatetags/*.py")
        if path.stem != "__init__"
    }


def _loaded_libraries(path: Path) -> set[str]:
    names = set()
    for load in _LOAD.findall(path.read_text()):
        words = load.split()
        names |= {words[-1]} if "from" in words else set(words)  # {% load a b from library %}
    return names


def _templates() -> list[tuple[str, Path]]:
    """(owning app, template) for every app's templates; the project's own count as core's."""
    found = [("core", path) for path in (PACKAGE / "templates").rglob("*") if path.is_file()]
    for app in RANK:
        found += [
            (app, path) for path in (PACKAGE / app / "templates").rglob("*") if path.is_file()
        ]
    return found


def test_templates_load_only_tag_libraries_of_apps_before_them():
    owners = _library_owners()
    offenders = [
        f"{path.relative_to(PACKAGE)} loads {library} ({owners[library]})"
        for app, path in _templates()
        for library in _loaded_libraries(path)
        if library in owners
        and owners[library] != app
        and RANK.get(owners[library], 99) >= RANK[app]
    ]

    assert offenders == []


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """The khuyenhoc modules each module imports, at module level or inside a function."""
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}

    def known(name: str) -> str | None:  # "khuyenhoc.bulk.jobs.job_dir" → "khuyenhoc.bulk.jobs"
        while name and name not in paths:
            name = name.rpartition(".")[0]
        return name or None

    graph = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                targets |= {known(alias.name) for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(filter(None, [package.rsplit(".", node.level - 1)[0], base]))
                targets |= {known(f"{base}.{alias.name}") for alias in node.names}
        graph[name] = targets - {None, name}
    return graph


def _cycle_from(graph: dict[str, set[str]], start: str) -> list[str]:
    """The shortest chain of imports that leads from `start` back to it ([] when none does)."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        module = queue.popleft()
        for target in sorted(graph[module]):
            if target == start:
                chain = [module]
                while chain[-1] != start:
                    chain.append(came_from[chain[-1]])
                return [*reversed(chain), start]
            if target not in came_from:
                came_from[target] = module
                queue.append(target)
    return []


def test_no_module_imports_a_module_that_imports_it_back():
    graph = _import_graph()

    cycles = sorted(" → ".join(chain) for name in graph if (chain := _cycle_from(graph, name)))

    assert cycles == [], "import cycles, direct or through other modules: " + "; ".join(cycles)


# Calls that write rows (or run SQL). Outside a services module they are allowed only where this list
# says why; `super().save()` in a model's guard against editing is not a write path of its own.
WRITE_CALLS = {
    "save", "create", "update", "delete", "bulk_create", "bulk_update", "get_or_create",
    "update_or_create", "execute", "executemany", "raw", "bulk_create_with_history",
    "bulk_update_with_history",
}  # fmt: skip
WRITES_ALLOWED = {
    # The engine's raw loader (COPY / executemany) that import services call for their fast path.
    "core/bulkload.py": {"execute", "executemany"},
    # The window plan of a scoped page: one hand-written SELECT, no write.
    "core/listing.py": {"execute"},
    # Files, not rows: an XLSX template, a DOCX review, a dict of header aliases.
    "bulk/templating.py": {"save"},
    "reports/word.py": {"save"},
    "bulk/legacy.py": {"update"},  # a dict
    "programmes/bases.py": {"update"},  # a dict of counts
    # Deterministic builders for tests and benchmarks, beside the services they mostly call.
    "testing/factories.py": {"create", "update"},
    # Sets the test database's id sequences apart (khuyenhoc.testing.ids), before any test runs.
    "testing/ids.py": {"execute"},
    # Backups: SHA-256 digests (.update) and a snapshot's row counts and migrations read by SELECT on
    # a connection of their own (.execute, PRAGMA journal_mode on the copy); a restore writes through
    # SQLite's backup API or pg_restore, never row by row.
    "core/backups/archive.py": {"update"},
    "core/backups/media.py": {"update"},
    "core/backups/postgres.py": {"execute"},
    "core/backups/sqlite.py": {"execute"},
}


def _is_service(rel: Path) -> bool:
    return rel.stem == "services" or "services" in rel.parts[:-1]


def test_rows_are_written_only_by_services():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if "tests" in rel.parts or "migrations" in rel.parts or _is_service(rel):
            continue
        allowed = WRITES_ALLOWED.get(rel.as_posix(), set())
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute):
                name = func.attr
            else:  # a bare name: only django-simple-history's bulk writers
                name = getattr(func, "id", "")
                name = name if name.endswith("_with_history") else ""
            on_super = (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Call)
                and (getattr(func.value.func, "id", "") == "super")
            )
            if name in WRITE_CALLS and name not in allowed and not on_super:
                offenders.append(f"{rel}:{node.lineno} .{name}()")

    assert offenders == [], "writes belong in services: " + ", ".join(sorted(offenders))
