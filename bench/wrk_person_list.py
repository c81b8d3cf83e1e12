"""Load the running server on loopback with wrk (not a test; see docs/benchmarks.md).

    .venv/bin/python bench/wrk_person_list.py --database-url URL [--province 40] [--json PATH]

Starts gunicorn (2 workers, DEBUG unset) on 127.0.0.1 against a benchmark database filled by
generate_persons.py, signs in a clerk of the benchmark province by writing a session row (SessionStore),
then runs wrk in the same run against the trivial view /ping (the framework's own ceiling) and the person
list page, and reports requests per second and p99 latency side by side. Gunicorn is stopped at the end.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import OUT_DIR, PROJECT_DIR, load_tree, migrate, setup_django

CLERK = "bench-clerk"
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def sign_in_clerk(province: str) -> str:
    """A clerk of the benchmark province with a fresh session; returns the session key."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from khuyenhoc.accounts.models import RoleGrant, User

    root = load_tree(province).province
    user = User.objects.filter(username=CLERK).first()
    if user is None:
        user = User.objects.create_user(username=CLERK, password=None, org_node=root)
    RoleGrant.objects.get_or_create(user=user, org_node=root, role="clerk")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def status_of(url: str, cookie: str | None = None) -> int | None:
    """The HTTP status of one GET (redirects not followed); None if nothing answers."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def run_wrk(url: str, args: argparse.Namespace, cookie: str | None) -> dict:
    command = [
        args.wrk,
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}",
        f"--timeout={args.timeout}",
        "--latency",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(url)
    print("$ " + " ".join(c if "sessionid" not in c else "'Cookie: sessionid=…'" for c in command))
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    print(output, flush=True)
    return parse_wrk(output)


def parse_wrk(output: str) -> dict:
    def ms(text: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
        return round(float(number) * _UNITS[unit], 3)

    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+\w+)\s*$", output, re.MULTILINE))
    requests = re.search(r"^\s+(\d+) requests in", output, re.MULTILINE)
    errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(requests.group(1)) if requests else None,
        "p50_ms": ms(latency["50"]) if "50" in latency else None,
        "p90_ms": ms(latency["90"]) if "90" in latency else None,
        "p99_ms": ms(latency["99"]) if "99" in latency else None,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(1).strip() if errors else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--province", default="40")
    parser.add_argument("--page-path", default="/people/persons/")
    parser.add_argument("--ping-path", default="/ping")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", default="15s")
    parser.add_argument("--timeout", default="10s", help="wrk's per-request timeout")
    parser.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk")
    parser.add_argument("--json", help="write the figures to this file as JSON")
    args = parser.parse_args()

    setup_django(args.database_url)
    migrate()
    from django.conf import settings
    from django.db import connection

    vendor = connection.vendor
    cookie = f"{settings.SESSION_COOKIE_NAME}={sign_in_clerk(args.province)}"
    connection.close()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": args.database_url}
    env.pop("DEBUG", None)
    gunicorn = [
        str(PROJECT_DIR / ".venv" / "bin" / "gunicorn"),
        "khuyenhoc.wsgi",
        "-w",
        str(args.workers),
        "-b",
        f"127.0.0.1:{port}",
    ]
    print(f"[{vendor}] $ {' '.join(gunicorn)}", flush=True)
    OUT_DIR.mkdir(exist_ok=True)
    log = open(OUT_DIR / f"gunicorn-{vendor}.log", "w")  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        gunicorn, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    result: dict = {"database": vendor, "workers": args.workers, "connections": args.connections}
    try:
        deadline = time.monotonic() + 60
        while status_of(base + args.ping_path) is None:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start; see {log.name}")
            time.sleep(0.5)
        for name, path, with_cookie in (
            ("ping", args.ping_path, False),
            ("person_list", args.page_path, True),
        ):
            status = status_of(base + path, cookie if with_cookie else None)
            print(f"[{vendor}] GET {path} → {status}", flush=True)
            if status != 200:
                result[name] = {"path": path, "skipped": f"HTTP {status}"}
                continue
            result[name] = {
                "path": path,
                **run_wrk(base + path, args, cookie if with_cookie else None),
            }
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    for name in ("ping", "person_list"):
        row = result.get(name, {})
        if "requests_per_second" in row:
            print(
                f"[{vendor}] {row['path']}: {row['requests_per_second']:,.0f} req/s, "
                f"p99 {row['p99_ms']} ms, non-2xx {row['non_2xx']}"
            )
        else:
            print(f"[{vendor}] {row.get('path')}: skipped ({row.get('skipped')})")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
