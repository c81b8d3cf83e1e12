from django.test import override_settings
from django.urls import reverse

from khuyenhoc.testing.factories import TEST_PASSWORD


def test_login_with_right_password_opens_home(client, world):
    response = client.post(
        reverse("accounts:login"), {"username": "clerk_a", "password": TEST_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert "Xin chào" in client.get(reverse("core:home")).content.decode()


def test_wrong_password_gets_a_vietnamese_message(client, world):
    response = client.post(reverse("accounts:login"), {"username": "clerk_a", "password": "sai"})

    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_repeated_failures_lock_the_login_even_with_the_right_password(client, world):
    for _ in range(3):  # settings_test: AXES_FAILURE_LIMIT = 3
        client.post(reverse("accounts:login"), {"username": "clerk_a", "password": "sai"})

    response = client.post(
        reverse("accounts:login"), {"username": "clerk_a", "password": TEST_PASSWORD}
    )

    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_hashed_with_argon2(db):
    from khuyenhoc.accounts.models import User

    user = User.objects.create_user(username="moi", password="mat-khau-rat-dai")

    assert user.password.startswith("argon2$")


def test_anonymous_user_is_sent_to_login(client, db):
    response = client.get(reverse("people:person-list"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_org_admin_creates_a_clerk_in_their_subtree_only(client, world):
    client.force_login(world.province_admin)
    data = {
        "username": "MoiA",
        "org_node": world.commune_a.code,
        "roles": ["clerk"],
        "password": "mot-mat-khau-dai",
    }

    created = client.post(reverse("accounts:user-create"), data)
    outside = client.post(
        reverse("accounts:user-create"), {**data, "username": "x", "org_node": "KHONG-CO"}
    )

    from khuyenhoc.accounts.models import User

    assert created.status_code == 302
    assert created.url == reverse("accounts:user-list")
    created_user = User.objects.get(username="moia")
    assert created_user.grants.get().org_node == world.commune_a
    assert created_user.grants.get().history.get().history_user == world.province_admin
    assert outside.status_code == 422
    assert not User.objects.filter(username="x").exists()
