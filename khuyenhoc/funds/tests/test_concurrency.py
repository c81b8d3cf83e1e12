"""Two clerks paying from one fund at once: one payment goes through, the other finds the money gone."""

import threading

import pytest
from django.db import close_old_connections, connection

from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.funds.models import Disbursement, PaymentStatus
from khuyenhoc.funds.selectors import available
from khuyenhoc.funds.services.disbursements import disbursement_approve, disbursement_draft
from khuyenhoc.funds.services.donations import donation_create
from khuyenhoc.funds.services.funds import fund_open
from khuyenhoc.testing import factories as f


@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_never_spend_more_than_the_fund_holds(world, settings):
    if connection.vendor == "sqlite":
        # SQLite admits one writer at a time: every transaction begins IMMEDIATE (takes the write
        # lock first), so the second approval starts only after the first committed.
        assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        return
    fund = fund_open(actor=None, scope=f.ROOT, org_node=world.commune_a, code="QC", name="Quỹ")
    donation_create(actor=None, scope=f.ROOT, fund=fund, amount=1_000_000, method="cash",
                    donor_kind="anonymous")  # fmt: skip
    drafts = [
        disbursement_draft(
            actor=world.clerk_a,
            scope=scope_for_user(world.clerk_a),
            fund=fund,
            amount=600_000,
            method="cash",
            purpose="support",
            beneficiary_kind="person",
            beneficiary_name=f"Học sinh {n}",
        )
        for n in range(2)
    ]
    start, outcomes = threading.Barrier(2), []

    def approve(draft):
        try:
            start.wait()
            disbursement_approve(actor=world.province_admin,
                                 scope=scope_for_user(world.province_admin), disbursement=draft)  # fmt: skip
            outcomes.append("paid")
        except DomainError as err:
            outcomes.append(err.message)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=approve, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes)[-1] == "paid"
    assert "Không đủ tiền" in sorted(outcomes)[0]
    assert Disbursement.objects.filter(status=PaymentStatus.PAID).count() == 1
    assert available(fund, None) == 400_000
