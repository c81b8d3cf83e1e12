"""`khuyenhoc api_token`: a token printed once, usable at once, stored only as a digest."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from khuyenhoc.accounts.models import ApiToken


def run(*args: str) -> tuple[str, str]:
    """Run the command; return what it printed on stdout and stderr."""
    out, err = StringIO(), StringIO()
    call_command("api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_printed_token_opens_the_api(client, world):
    raw, note = run("clerk_a", "--name", "Máy chủ báo cáo")

    response = client.get("/api/v1/persons/", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 200
    token = ApiToken.objects.get(user=world.clerk_a)
    assert token.name == "Máy chủ báo cáo"
    assert token.digest == ApiToken.digest_of(raw)
    assert raw not in note
    assert "chỉ hiện một lần" in note


def test_unknown_user_is_refused(world):
    with pytest.raises(CommandError, match="Không có người dùng ai_do"):
        run("ai_do")

    assert not ApiToken.objects.exists()


def test_inactive_user_is_refused(world):
    world.clerk_b.is_active = False
    world.clerk_b.save(update_fields=["is_active"])

    with pytest.raises(CommandError, match="đã bị khóa"):
        run("clerk_b")

    assert not ApiToken.objects.exists()
