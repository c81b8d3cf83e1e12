"""The demo's accounts: one for each role that signs off, each able to do only what its role says,
and a payment waiting for the chairman's approval."""

import pytest

from khuyenhoc.accounts.models import User
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.core.scope import Action
from khuyenhoc.demo.loader import DEMO_PASSWORD, load_demo
from khuyenhoc.funds.models import Disbursement
from khuyenhoc.orgs.models import OrgNode


@pytest.mark.django_db
def test_the_demo_accounts_hold_the_roles_their_names_say():
    load_demo()
    ward = OrgNode.objects.get(code="HKH-40-C1").path
    scopes = {u.username: scope_for_user(u) for u in User.objects.all()}

    may = {
        name: {a for a in (Action.RECORD_MONEY, Action.APPROVE_PAYMENT, Action.VERIFY)
               if scopes[name].allows(a, ward)}
        for name in ("thanhvinh", "ketoan", "pheduyet", "thamdinh", "nghean")
    }  # fmt: skip

    assert may == {
        "thanhvinh": {Action.RECORD_MONEY},
        "ketoan": {Action.RECORD_MONEY},
        "pheduyet": {Action.APPROVE_PAYMENT},
        "thamdinh": {Action.VERIFY},
        "nghean": {Action.RECORD_MONEY, Action.APPROVE_PAYMENT, Action.VERIFY},
    }
    assert User.objects.get(username="admin").is_superuser
    waiting = Disbursement.objects.get(fund__code="QKH-THANHVINH")
    assert (waiting.status, waiting.drafted_by.username) == ("draft", "ketoan")
    assert scopes["pheduyet"].allows(Action.APPROVE_PAYMENT, waiting.org_path)
    assert User.objects.get(username="congdan").check_password(DEMO_PASSWORD)
    assert User.objects.get(username="congdan").person is not None
