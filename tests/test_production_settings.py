"""Production settings come from the environment, and a server without its own secrets refuses to start.

Settings are read once, when the process imports them, so every case runs the real `khuyenhoc`
command in a fresh process with exactly the environment given — nothing inherited from the tests'
own (development) settings.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "deploy" / "production.env.example"
LOCAL_KEY = "khuyenhoc-local-only-not-secret"


def read_profile(path: Path = PROFILE) -> dict[str, str]:
    """The variables of an env file (KEY=value lines; comments and blanks skipped)."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def khuyenhoc(*args: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    """Run `khuyenhoc ARGS` with only `env` (plus PATH and a scratch data folder)."""
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "KHUYENHOC_VAR_DIR": str(tmp_path)}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "khuyenhoc.cli", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production(**overrides: str) -> dict[str, str]:
    """The production profile with a freshly generated secret key, as an operator would fill it in."""
    env = {**read_profile(), "SECRET_KEY": secrets.token_urlsafe(50)}
    env["DATABASE_URL"] = (
        ""  # `check --deploy` opens no database; the scratch SQLite file is enough
    )
    return {**env, **overrides}


def test_the_production_profile_passes_the_deployment_check_with_no_warning(tmp_path):
    done = khuyenhoc(
        "check", "--deploy", "--fail-level", "WARNING", env=production(), tmp_path=tmp_path
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout
    assert "WARNING" not in done.stdout + done.stderr
    assert "security." not in done.stdout + done.stderr  # no security.W0xx line of any level


def test_every_variable_the_settings_read_is_listed_in_env_example_and_the_profile_uses_only_those():
    source = (ROOT / "khuyenhoc" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'(?:environ\.get|env_[a-z]+)\("([A-Z_]+)"', source))
    listed = set(read_profile(ROOT / ".env.example"))

    assert len(read) > 20
    assert read <= listed, f"missing from .env.example: {sorted(read - listed)}"
    assert set(read_profile()) <= listed


def test_the_profile_lists_every_setting_it_needs_and_leaves_the_secret_to_fill():
    profile = read_profile()

    assert profile["SECRET_KEY"] == ""
    assert profile["DEBUG"] == "false"
    assert profile["KHUYENHOC_DEV"] == ""


@pytest.mark.parametrize(
    "env",
    [
        pytest.param({}, id="nothing set"),
        pytest.param({"SECRET_KEY": ""}, id="empty key"),
        pytest.param({"SECRET_KEY": LOCAL_KEY}, id="the repository's key"),
        pytest.param({"SECRET_KEY": "   "}, id="blank key"),
    ],
)
def test_debug_off_without_its_own_secret_key_refuses_to_start(tmp_path, env):
    done = khuyenhoc(
        "check", env={"ALLOWED_HOSTS": "khuyenhoc.example.vn", **env}, tmp_path=tmp_path
    )

    assert done.returncode == 2
    assert "Chưa đặt SECRET_KEY" in done.stderr
    assert "Traceback" not in done.stderr  # one clear line, not a stack
    assert done.stdout == ""


def test_debug_off_without_allowed_hosts_refuses_to_start(tmp_path):
    env = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": " , "}
    done = khuyenhoc("check", env=env, tmp_path=tmp_path)

    assert done.returncode == 2
    assert "Chưa đặt ALLOWED_HOSTS" in done.stderr


def test_the_worker_refuses_too(tmp_path):
    done = khuyenhoc("db_worker", "--batch", env={}, tmp_path=tmp_path)

    assert done.returncode == 2
    assert "Chưa đặt SECRET_KEY" in done.stderr


def test_a_number_that_is_not_one_is_named(tmp_path):
    done = khuyenhoc("check", env=production(SECURE_HSTS_SECONDS="một năm"), tmp_path=tmp_path)

    assert done.returncode == 2
    assert "SECURE_HSTS_SECONDS" in done.stderr


def test_a_developers_machine_starts_with_no_configuration(tmp_path):
    """What `make run` does: KHUYENHOC_DEV=1, nothing else set, DEBUG off."""
    done = khuyenhoc("check", env={"KHUYENHOC_DEV": "1"}, tmp_path=tmp_path)

    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def settings_of(env: dict[str, str], tmp_path: Path) -> dict:
    """The settings a process started with `env` ends up with, and the headers of two real requests."""
    script = (
        "import json\n"
        "from django.conf import settings as s\n"
        "from django.test import Client\n"
        "names = ['DEBUG', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD',"
        " 'SECURE_SSL_REDIRECT', 'SECURE_PROXY_SSL_HEADER', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
        " 'SESSION_COOKIE_AGE', 'SESSION_EXPIRE_AT_BROWSER_CLOSE', 'CSRF_TRUSTED_ORIGINS',"
        " 'SECURE_REFERRER_POLICY', 'ALLOWED_HOSTS']\n"
        "out = {n: getattr(s, n) for n in names}\n"
        "client = Client(HTTP_HOST=s.ALLOWED_HOSTS[0])\n"
        "plain = client.get('/accounts/login/')\n"
        "https = client.get('/accounts/login/', HTTP_X_FORWARDED_PROTO='https')\n"
        "out['plain'] = [plain.status_code, plain.get('Location')]\n"
        "out['https'] = [https.status_code, dict(https.headers)]\n"
        "out['csrf_cookie'] = https.cookies['csrftoken'].output()\n"
        "print(json.dumps(out))\n"
    )
    done = khuyenhoc("shell", "--no-imports", "-c", script, env=env, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_profiles_values_land_in_the_settings_and_the_headers(tmp_path):
    seen = settings_of(production(), tmp_path)

    assert seen["DEBUG"] is False
    assert seen["SECURE_HSTS_SECONDS"] == 31_536_000
    assert seen["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert seen["SECURE_HSTS_PRELOAD"] is True
    assert seen["SECURE_SSL_REDIRECT"] is True
    assert seen["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert seen["SESSION_COOKIE_SECURE"] is True
    assert seen["CSRF_COOKIE_SECURE"] is True
    assert seen["SESSION_COOKIE_AGE"] == 8 * 3600
    assert seen["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert seen["CSRF_TRUSTED_ORIGINS"] == ["https://khuyenhoc.example.vn"]
    assert seen["SECURE_REFERRER_POLICY"] == "same-origin"
    assert seen["ALLOWED_HOSTS"] == ["khuyenhoc.example.vn"]
    # Plain HTTP is sent to HTTPS; over HTTPS (as the proxy says) the page carries every header.
    assert seen["plain"] == [301, "https://khuyenhoc.example.vn/accounts/login/"]
    status, headers = seen["https"]
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe" not in policy
    assert "; Secure" in seen["csrf_cookie"]  # the CSRF cookie of the login form


def test_report_only_mode_reports_the_same_policy_without_enforcing_it(tmp_path):
    seen = settings_of(production(CSP_REPORT_ONLY="true", CSP_REPORT_URI="/csp-report"), tmp_path)

    headers = seen["https"][1]
    assert "Content-Security-Policy" not in headers
    assert "script-src 'self'" in headers["Content-Security-Policy-Report-Only"]
    assert "report-uri /csp-report" in headers["Content-Security-Policy-Report-Only"]


def test_the_defaults_are_a_developers_http_machine(tmp_path):
    seen = settings_of({"KHUYENHOC_DEV": "1"}, tmp_path)

    assert seen["SECURE_SSL_REDIRECT"] is False
    assert seen["SESSION_COOKIE_SECURE"] is False
    assert seen["SECURE_HSTS_SECONDS"] == 0
    assert seen["SESSION_COOKIE_AGE"] == 8 * 3600
    assert seen["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost", "[::1]"]
    assert seen["plain"][0] == 200
    assert "Content-Security-Policy" in seen["https"][1]
