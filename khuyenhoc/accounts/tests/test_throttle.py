"""Login throttling through the sign-in page: per user name and address, per address across user names,
per user name across addresses, each with its own limit (settings_test: 3, 8 and 5)."""

import re
from datetime import timedelta

from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from khuyenhoc.testing.factories import TEST_PASSWORD

PER_USER_AND_ADDRESS, PER_ADDRESS, PER_USER_NAME = 3, 8, 5
ATTACKER = "203.0.113.7"
ELSEWHERE = "198.51.100.9"
LOCKED = "Đăng nhập tạm khóa do nhập sai nhiều lần."


def _sign_in(client, username: str, password: str, address: str, **extra):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def _signed_in(response) -> bool:
    return response.status_code == 302 and response.url == reverse("core:home")


def _cccd(n: int) -> str:
    return f"0400950{n:05d}"


def test_one_password_tried_on_many_user_names_locks_that_address_only(client, world):
    answers = [_sign_in(client, _cccd(n), "123456", ATTACKER) for n in range(PER_ADDRESS)]

    from_there = _sign_in(client, "clerk_a", TEST_PASSWORD, ATTACKER)
    from_elsewhere = _sign_in(client, "clerk_a", TEST_PASSWORD, ELSEWHERE)

    assert [a.status_code for a in answers] == [200] * (PER_ADDRESS - 1) + [429]
    assert from_there.status_code == 429
    assert LOCKED in from_there.content.decode()
    assert _signed_in(from_elsewhere)


def test_one_user_name_tried_from_many_addresses_locks_that_user_name(client, world):
    addresses = [f"192.0.2.{n}" for n in range(1, PER_USER_NAME + 1)]
    answers = [_sign_in(client, "clerk_a", "sai", address) for address in addresses]

    right_password_elsewhere = _sign_in(client, "clerk_a", TEST_PASSWORD, "192.0.2.200")
    other_user_same_address = _sign_in(client, "clerk_b", TEST_PASSWORD, addresses[0])

    assert [a.status_code for a in answers] == [200] * (PER_USER_NAME - 1) + [429]
    assert right_password_elsewhere.status_code == 429
    assert _signed_in(other_user_same_address)


def test_the_lock_out_says_in_minutes_and_clock_time_when_to_try_again(client, world):
    before = timezone.now()
    for _ in range(PER_USER_AND_ADDRESS):
        _sign_in(client, "clerk_a", "sai", ATTACKER)
    after = timezone.now()

    page = _sign_in(client, "clerk_a", TEST_PASSWORD, ATTACKER)
    as_json = _sign_in(client, "clerk_a", "sai", ATTACKER, HTTP_ACCEPT="application/json")

    text = page.content.decode()
    found = re.search(r"Vui lòng thử lại sau (\d+) phút \(sau (\d\d:\d\d)\)\.", text)
    clock_times = {
        timezone.localtime(moment + timedelta(minutes=15)).strftime("%H:%M")
        for moment in (before, timezone.now())
    }
    assert page.status_code == 429
    assert "Tạm khóa đăng nhập" in text
    assert found is not None, text
    assert found[1] == "15"
    assert found[2] in clock_times
    assert 14 * 60 < int(page["Retry-After"]) <= 15 * 60
    assert after <= timezone.now()
    body = as_json.json()
    assert as_json.status_code == 429
    assert body["errors"][0]["code"] == "locked_out"
    assert body["errors"][0]["message"].startswith(LOCKED)
    assert 14 * 60 < body["retry_after"] <= 15 * 60


def test_the_time_shown_is_when_enough_failures_have_aged_out(client, world):
    for n in range(PER_ADDRESS):
        _sign_in(client, _cccd(n), "123456", ATTACKER)
    # Those failures happened ten minutes ago: the address is free in five minutes, whatever the
    # one failure more that this refused attempt records now.
    ten_minutes_ago = timezone.now() - timedelta(minutes=10)
    AccessAttempt.objects.update(attempt_time=ten_minutes_ago)

    page = _sign_in(client, _cccd(50), "123456", ATTACKER)

    free_at = timezone.localtime(ten_minutes_ago + timedelta(minutes=15)).strftime("%H:%M")
    assert page.status_code == 429
    assert f"Vui lòng thử lại sau 5 phút (sau {free_at})." in page.content.decode()


def test_signing_in_works_again_once_the_cool_off_is_over(client, world):
    for n in range(PER_ADDRESS):
        _sign_in(client, _cccd(n), "123456", ATTACKER)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert _signed_in(_sign_in(client, "clerk_a", TEST_PASSWORD, ATTACKER))


def test_success_clears_the_user_name_and_address_counter_as_before(client, world):
    for _ in range(PER_USER_AND_ADDRESS - 1):
        _sign_in(client, "clerk_a", "sai", ATTACKER)
    assert _signed_in(_sign_in(client, "clerk_a", TEST_PASSWORD, ATTACKER))
    client.logout()
    for _ in range(PER_USER_AND_ADDRESS - 1):
        assert _sign_in(client, "clerk_a", "sai", ATTACKER).status_code == 200

    assert _signed_in(_sign_in(client, "clerk_a", TEST_PASSWORD, ATTACKER))


def test_signing_in_to_ones_own_account_does_not_clear_the_address_counter(client, world):
    for n in range(PER_ADDRESS - 1):
        _sign_in(client, _cccd(n), "123456", ATTACKER)
    assert _signed_in(_sign_in(client, "clerk_b", TEST_PASSWORD, ATTACKER))
    client.logout()

    one_more = _sign_in(client, _cccd(99), "123456", ATTACKER)

    assert one_more.status_code == 429


@override_settings(AXES_USERNAME_FAILURE_LIMIT=0, AXES_IP_FAILURE_LIMIT=0)
def test_a_limit_of_zero_turns_its_counter_off(client, world):
    addresses = [f"192.0.2.{n}" for n in range(1, PER_USER_NAME + 2)]
    for address in addresses:
        _sign_in(client, "clerk_a", "sai", address)
    for n in range(PER_ADDRESS + 1):
        _sign_in(client, _cccd(n), "123456", ATTACKER)

    assert _signed_in(_sign_in(client, "clerk_a", TEST_PASSWORD, "192.0.2.200"))
    client.logout()
    assert _signed_in(_sign_in(client, "clerk_b", TEST_PASSWORD, ATTACKER))


def _recorded_address(client, **headers) -> str:
    _sign_in(client, "clerk_a", "sai", "10.0.0.2", **headers)
    return AccessAttempt.objects.get().ip_address


def test_without_a_proxy_count_x_forwarded_for_is_ignored(client, world):
    assert _recorded_address(client, HTTP_X_FORWARDED_FOR="203.0.113.50") == "10.0.0.2"


@override_settings(AXES_IPWARE_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_saw_counts_not_what_the_client_wrote(client, world):
    forwarded = "1.2.3.4, 203.0.113.50"  # the client wrote 1.2.3.4; the proxy appended 203.0.113.50

    assert _recorded_address(client, HTTP_X_FORWARDED_FOR=forwarded) == "203.0.113.50"


@override_settings(AXES_IPWARE_PROXY_COUNT=2)
def test_a_header_shorter_than_the_proxy_count_or_not_an_address_falls_back(client, world):
    assert _recorded_address(client, HTTP_X_FORWARDED_FOR="203.0.113.50") == "10.0.0.2"
    AccessAttempt.objects.all().delete()
    assert _recorded_address(client, HTTP_X_FORWARDED_FOR="x, nope, 203.0.113.50") == "10.0.0.2"
