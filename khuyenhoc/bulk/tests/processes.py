"""Helpers of the tests that run Khuyến Học in real, separate processes against a scratch database."""

import http.client
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from typing import Any


def khuyenhoc(*args: str, env: dict[str, str], timeout: float = 300) -> str:
    """Run the `khuyenhoc` command in a process of its own; its output (raises if it fails)."""
    command = [sys.executable, "-m", "khuyenhoc.cli", *args]
    done = subprocess.run(  # noqa: S603
        command, env=env, capture_output=True, text=True, check=True, timeout=timeout
    )
    return done.stdout


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    """The rows of a read-only `sql` on the scratch database at `url`, from outside Django."""
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            return connection.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(url) as connection:
        return connection.execute(sql).fetchall()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, process: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until a server process listens on `port` (raises if it exits or takes too long)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port}")


@dataclass
class Response:
    status: int
    text: str
    location: str


@dataclass
class Browser:
    """A user's browser against a real server: cookies, Django's CSRF token, forms and uploads."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return self._send("GET", path, b"", headers or {})

    def post(
        self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None
    ) -> Response:
        """Post a form (multipart when it carries files), with the CSRF token a page gave."""
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value.encode()
            + b"\r\n"
            for name, value in fields.items()
        ]
        parts += [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{file_name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n".encode()
            + content
            + b"\r\n"
            for name, (file_name, content) in (files or {}).items()
        ]
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self._send("POST", path, body, headers)

    def _send(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection.request(method, path, body, {"Cookie": cookie, **headers})
        answer = connection.getresponse()
        for header in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";")[0]
        text = answer.read().decode()
        connection.close()
        return Response(answer.status, text, answer.headers.get("Location", ""))
