"""Real-browser fixtures: Playwright drives Debian's chromium (installed by `make e2e-deps`).

No browser is ever downloaded: Playwright launches /usr/bin/chromium, headless and offline.
"""

import os
import shutil
from typing import Any

import pytest
from playwright.sync_api import expect

# Playwright's sync API keeps an asyncio event loop alive in the test thread, which makes Django
# refuse ORM calls from that thread (SynchronousOnlyOperation). The test code only builds data
# before and checks data after the browser steps, never concurrently with it, so this is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Generous for a loaded CI machine; a passing run waits only as long as the page needs.
expect.set_options(timeout=10_000)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # the suite may run as root (CI containers)
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch the system chromium instead of a Playwright-downloaded build."""
    executable = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    if not executable:
        pytest.fail(f"{CHROMIUM} is missing: run `make e2e-deps` (never `playwright install`)")
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "headless": browser_type_launch_args.get("headless", True),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A Vietnamese user's browser: the UI language follows Accept-Language."""
    return {
        **browser_context_args,
        "locale": "vi-VN",
        "timezone_id": "Asia/Ho_Chi_Minh",
        "viewport": {"width": 1280, "height": 900},
    }


# The pages run under the Content Security Policy: a script, style or frame it blocks is a bug (an inline
# handler, a style= attribute...). Chromium reports each one as a `securitypolicyviolation` event; this
# listener, installed before any page script, logs it to the console, where `watch_csp` collects it.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => console.error(
  "CSP violation: " + event.violatedDirective + " blocked " + (event.blockedURI || "inline code")
  + " at " + (event.sourceFile || document.URL) + ":" + event.lineNumber + " " + (event.sample || "")
));
"""


def watch_csp(page: Any) -> list[str]:
    """The CSP violations of the pages `page` loads from now on, as a list that fills as they come.

    A plain function called at the start of a test, not a fixture overriding pytest-playwright's `page`
    or `context`: such an override changes the order in which pytest-django sets up the database, and
    then `serialized_rollback` collides with the content types a flushing test recreated.
    """
    violations: list[str] = []
    page.add_init_script(CSP_LISTENER)

    def on_console(message: Any) -> None:
        if message.text.startswith("CSP violation") or "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", on_console)
    return violations


REFERENCE_DATA = (
    "khuyenhoc.places.migrations.0002_load_administrative_units",
    "khuyenhoc.orgs.migrations.0002_load_org_systems",
    "khuyenhoc.people.migrations.0002_load_ethnicities",
    "khuyenhoc.titles.migrations.0002_load_official_criteria",
)


def ensure_reference_data() -> None:
    """Reload the migrations' reference data if a browser test starts on a flushed database.

    Observed with pytest-django 4.14 and SQLite: in some orders of the suite (a non-transactional test
    first, then several browser tests) the serialized snapshot that serialized_rollback restores is
    empty, so a browser test after the first one starts with empty tables. Running the data migrations'
    own loaders again (the same code `migrate` runs) makes each journey independent of the order.
    """
    import importlib

    from django.apps import apps

    from khuyenhoc.places.models import AdminUnit

    if AdminUnit.objects.exists():
        return
    for name in REFERENCE_DATA:
        importlib.import_module(name).load(apps, None)
