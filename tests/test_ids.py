"""The test database hands out ids that do not coincide across models (khuyenhoc/testing/ids.py)."""

from django.core.management import call_command

from khuyenhoc.accounts.services import token_create
from khuyenhoc.testing import factories as f
from khuyenhoc.testing.ids import SPREAD


def test_rows_of_different_models_never_share_an_id(world, programme):
    ids = {
        "org node": world.commune_a.pk,
        "user": world.clerk_a.pk,
        "role grant": world.clerk_a.grants.get().pk,
        "programme": programme.pk,
        "party": programme.parties.first().pk,
    }

    assert len(set(ids.values())) == len(ids), ids
    assert all(pk >= SPREAD for pk in ids.values()), ids


def test_the_flush_after_a_transactional_test_keeps_the_ids_apart(db):
    # The flush TransactionTestCase runs after every transactional test, done here inside this test's
    # transaction: a real transactional test would leave the tests after it without reference data.
    call_command("flush", interactive=False, reset_sequences=False, verbosity=0)

    admin = f.user("quantri", None, ["system_admin"])
    token, _ = token_create(actor=admin, name="Thử")

    ids = {"user": admin.pk, "role grant": admin.grants.get().pk, "token": token.pk}
    assert len(set(ids.values())) == len(ids), ids
    assert all(pk >= SPREAD for pk in ids.values()), ids
