"""A citizen chooses a user name that is not their CCCD, on their own account page or from the clerk."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from khuyenhoc.accounts.models import User
from khuyenhoc.accounts.services import citizen_account_open, username_change
from khuyenhoc.core.errors import DomainError
from khuyenhoc.testing import factories as f

PASSWORD = "mat-khau-cong-dan"


@pytest.fixture
def citizen(world) -> User:
    person = f.person(world.commune_a)
    user, _ = citizen_account_open(actor=None, scope=f.ROOT, person=person, password=PASSWORD)
    return user


def _sign_in(client, username: str, password: str = PASSWORD) -> bool:
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    return response.status_code == 302 and response.url == reverse("core:home")


def _rename(client, username: str, password: str = PASSWORD):
    return client.post(
        reverse("accounts:username-change"), {"username": username, "password": password}
    )


def test_a_citizen_signed_in_with_their_cccd_is_invited_to_choose_a_user_name(client, citizen):
    assert citizen.username == citizen.person.cccd
    assert _sign_in(client, citizen.username)

    profile = client.get(reverse("accounts:profile")).content.decode()
    my_titles = client.get(reverse("titles:me")).content.decode()

    assert 'id="username-hint"' in profile
    assert 'action="/accounts/profile/username/"' in profile
    assert 'id="username-hint"' in my_titles


def test_a_citizen_chooses_a_user_name_and_the_cccd_signs_in_no_more(client, citizen):
    cccd = citizen.person.cccd
    assert _sign_in(client, cccd)

    response = _rename(client, "  An.Nguyen-1990 ")
    client.logout()

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    citizen.refresh_from_db()
    assert citizen.username == "an.nguyen-1990"
    assert not _sign_in(client, cccd)
    assert _sign_in(client, "an.nguyen-1990")
    assert 'id="username-hint"' not in client.get(reverse("titles:me")).content.decode()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Cần nhập tên đăng nhập."),
        ("   ", "Cần nhập tên đăng nhập."),
        ("ab", "Tên đăng nhập dài từ 3 đến 150 ký tự."),
        ("a" * 151, "Tên đăng nhập dài từ 3 đến 150 ký tự."),
        ("a" * 10_000, "Tên đăng nhập dài từ 3 đến 150 ký tự."),
        ("040095012345", "Tên đăng nhập không được là số CCCD/CMND."),
        ("123456789", "Tên đăng nhập không được là số CCCD/CMND."),
        ("nguyễn.an", "chữ cái không dấu (a–z)"),
        ("an nguyen", "chữ cái không dấu (a–z)"),
        ("an@nguyen", "chữ cái không dấu (a–z)"),
        ("CLERK_A", "Tên đăng nhập này đã có người dùng."),
    ],
)
def test_a_bad_user_name_is_refused_with_a_message_and_nothing_changes(
    client, citizen, typed, message
):
    before = citizen.username
    assert _sign_in(client, before)

    response = _rename(client, typed)

    assert response.status_code == 422
    assert message in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.username == before


def test_the_wrong_current_password_changes_nothing(client, citizen):
    before = citizen.username
    assert _sign_in(client, before)

    response = _rename(client, "an.nguyen", password="khong-dung")
    missing = _rename(client, "an.nguyen", password="")

    assert response.status_code == 422
    assert "Mật khẩu hiện tại không đúng." in response.content.decode()
    assert "Cần nhập mật khẩu hiện tại." in missing.content.decode()
    citizen.refresh_from_db()
    assert citizen.username == before


def test_a_nul_byte_in_the_user_name_is_a_400_and_changes_nothing(client, citizen):
    before = citizen.username
    assert _sign_in(client, before)

    response = _rename(client, "an\x00nguyen")

    assert response.status_code == 400
    assert "ký tự điều khiển" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.username == before


def test_only_the_owner_changes_a_user_name(citizen, world):
    with pytest.raises(PermissionDenied):
        username_change(
            actor=world.clerk_a, user=citizen, new_username="ten.moi", password=PASSWORD
        )

    citizen.refresh_from_db()
    assert citizen.username == citizen.person.cccd


def test_the_same_name_again_is_refused(citizen):
    username_change(actor=citizen, user=citizen, new_username="an.nguyen", password=PASSWORD)

    with pytest.raises(DomainError, match="giống tên đang dùng"):
        username_change(actor=citizen, user=citizen, new_username="AN.NGUYEN", password=PASSWORD)


def test_a_clerk_issuing_the_account_may_type_a_user_name(client, world):
    person = f.person(world.commune_a)
    client.force_login(world.clerk_a)
    page = client.get(reverse("people:person-detail", args=[person.pk])).content.decode()

    refused = client.post(
        reverse("titles:citizen-account", args=[person.pk]), {"username": person.cccd}, follow=True
    )
    no_account = not User.objects.filter(person=person).exists()
    issued = client.post(
        reverse("titles:citizen-account", args=[person.pk]), {"username": "Tran.Binh"}, follow=True
    )
    message = next(str(m) for m in issued.context["messages"])
    password = message.split("mật khẩu ")[1].split(".")[0]
    client.logout()

    assert 'name="username"' in page
    assert "không dùng số CCCD" in page
    assert "Tên đăng nhập không được là số CCCD/CMND." in refused.content.decode()
    assert no_account
    assert "tên đăng nhập tran.binh," in message
    assert User.objects.get(person=person).username == "tran.binh"
    assert _sign_in(client, "tran.binh", password)
    client.logout()
    assert not _sign_in(client, person.cccd, password)


def test_a_clerk_who_types_nothing_keeps_the_cccd_default(client, world):
    person = f.person(world.commune_a)
    client.force_login(world.clerk_a)

    client.post(reverse("titles:citizen-account", args=[person.pk]), {"username": ""})

    assert User.objects.get(person=person).username == person.cccd


def test_a_clerk_cannot_give_a_name_another_account_holds(client, world, citizen):
    person = f.person(world.commune_a)
    client.force_login(world.clerk_a)

    response = client.post(
        reverse("titles:citizen-account", args=[person.pk]), {"username": "Admin_A"}, follow=True
    )

    assert "Tên đăng nhập này đã có người dùng." in response.content.decode()
    assert not User.objects.filter(person=person).exists()
