"""Login throttling (django-axes) with its own limit per counter, the client's address behind a
reverse proxy, and a lock-out answer that says when to try again.

Axes counts failed sign-ins per combination of AXES_LOCKOUT_PARAMETERS but compares every count
with one AXES_FAILURE_LIMIT. We keep three counters, each with its own limit (settings.py):

- (user name, address): AXES_FAILURE_LIMIT — someone mistyping their own password;
- address alone, across user names: AXES_IP_FAILURE_LIMIT — one password tried on many CCCDs;
- user name alone, across addresses: AXES_USERNAME_FAILURE_LIMIT — one account attacked from many.

A limit of 0 turns its counter off. A successful sign-in clears only its (user name, address)
counter, so that an attacker cannot wipe an address's count by signing in to an account of their own.
"""

import ipaddress
import math
from collections.abc import Iterable
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import (
    get_client_username,
    get_cool_off,
    get_failure_limit,
    get_lockout_parameters,
)
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# Which setting holds the limit of each counter (a combination of lock-out parameters).
LIMIT_SETTINGS = {
    frozenset({"username", "ip_address"}): "AXES_FAILURE_LIMIT",
    frozenset({"ip_address"}): "AXES_IP_FAILURE_LIMIT",
    frozenset({"username"}): "AXES_USERNAME_FAILURE_LIMIT",
}


def counter_limit(parameter: str | Iterable[str]) -> int:
    """The failure limit of one counter of AXES_LOCKOUT_PARAMETERS (0: the counter is off)."""
    key = frozenset({parameter} if isinstance(parameter, str) else parameter)
    name = LIMIT_SETTINGS.get(key, "AXES_FAILURE_LIMIT")
    return int(getattr(settings, name, 0) or 0)


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler, with one limit per counter instead of one for all."""

    def counters(
        self, request: HttpRequest, credentials: dict | None = None
    ) -> list[tuple[QuerySet, int]]:
        """(the counter's recent failures, its limit) for every counter that is on."""
        has_username = bool(get_client_username(request, credentials))
        found = []
        parameters = get_lockout_parameters(request, credentials)
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            limit = counter_limit(parameter)
            # Attempts without a user name share no account: they are not one user name's count.
            if limit <= 0 or (not has_username and "username" in parameter):
                continue
            found.append((attempts, limit))
        return found

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """The failures of the counter nearest its own limit, shifted onto AXES_FAILURE_LIMIT.

        Axes locks out when this number reaches get_failure_limit(); returning
        `failure limit + failures - counter's limit` for the worst counter makes that comparison
        mean "some counter reached its own limit". For the (user name, address) counter, whose
        limit is AXES_FAILURE_LIMIT, the number is simply its failures."""
        base = get_failure_limit(request, credentials)
        shifted = [
            base + _sum(attempts) - limit for attempts, limit in self.counters(request, credentials)
        ]
        return max([0, *shifted])

    def locked_until(
        self, request: HttpRequest, credentials: dict | None = None
    ) -> datetime | None:
        """When every counter that is at its limit will have fallen below it (None: none is)."""
        cool_off = get_cool_off(request)
        if cool_off is None:
            return None
        ends = [
            _expiry(attempts, limit, cool_off)
            for attempts, limit in self.counters(request, credentials)
        ]
        return max([end for end in ends if end is not None], default=None)

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """On a successful sign-in, clear the (user name, address) counter only."""
        username = get_client_username(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        if not username or not address:
            return 0
        return self.reset_attempts(ip_address=address, username=username)


def _sum(attempts: QuerySet) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def _expiry(attempts: QuerySet, limit: int, cool_off: timedelta) -> datetime | None:
    """When a counter at its limit falls below it: failures count until their row's last attempt
    is older than the cool-off, newest rows last, so the row that brings the newest ones up to the
    limit decides."""
    total = 0
    for attempt_time, failures in attempts.order_by("-attempt_time").values_list(
        "attempt_time", "failures_since_start"
    ):
        total += failures
        if total >= limit:
            return attempt_time + cool_off
    return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or — behind AXES_IPWARE_PROXY_COUNT reverse proxies that
    each append to X-Forwarded-For — the address the outermost of them saw. Entries further left were
    written by the client and are never trusted; a header shorter than the proxy count, or an entry
    that is no address, falls back to REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = int(getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """429 with the minutes left and the clock time to try again (JSON for scripts, else a page)."""
    now = timezone.now()
    until = LoginThrottleHandler().locked_until(request, credentials)
    if until is None or until <= now:
        until = now + (get_cool_off(request) or timedelta(minutes=15))
    seconds = math.ceil((until - now).total_seconds())
    minutes = max(1, math.ceil(seconds / 60))
    local = timezone.localtime(until)
    at = date_format(local, "H:i")
    if local.date() != timezone.localtime(now).date():
        at = f"{at} {date_format(local, 'd/m/Y')}"
    message = _(
        "Đăng nhập tạm khóa do nhập sai nhiều lần. Vui lòng thử lại sau %(minutes)s phút "
        "(sau %(at)s)."
    ) % {"minutes": minutes, "at": at}
    status = settings.AXES_HTTP_RESPONSE_CODE
    if _wants_json(request):
        body = {
            "errors": [{"field": None, "code": "locked_out", "message": message}],
            "retry_after": seconds,
            "retry_at": until.isoformat(),
        }
        response: HttpResponse = JsonResponse(body, status=status)
    else:
        context = {"message": message, "minutes": minutes, "retry_at": local}
        response = render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=status)
    response["Retry-After"] = str(seconds)
    return response


def _wants_json(request: HttpRequest) -> bool:
    accept = request.META.get("HTTP_ACCEPT", "")
    return request.META.get("HTTP_X_REQUESTED_WITH") == "XMLHttpRequest" or (
        "application/json" in accept and "text/html" not in accept
    )
