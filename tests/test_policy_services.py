"""The services ask the one policy: every role tries every action through the real service that does
it, on a record of commune A — holding its role on commune A, or on the province above for the actions
taken from the level above. Who succeeds is written out by hand here (docs/glossary.md has the table)."""

import datetime
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from khuyenhoc.accounts.services import user_create
from khuyenhoc.core import clock
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.core.scope import Scope
from khuyenhoc.funds.services.disbursements import disbursement_approve, disbursement_draft
from khuyenhoc.funds.services.donations import donation_create
from khuyenhoc.funds.services.funds import fund_open
from khuyenhoc.orgs.models import OrgSystem
from khuyenhoc.orgs.services import orgnode_create
from khuyenhoc.people.services.privacy import identity_read
from khuyenhoc.programmes.services.reporting import (
    period_open,
    submission_approve,
    submission_submit,
)
from khuyenhoc.testing import factories as f
from khuyenhoc.titles.models import CriteriaSet
from khuyenhoc.titles.services.assessments import assessment_submit, assessment_verify
from khuyenhoc.titles.services.campaigns import campaign_open
from khuyenhoc.titles.services.criteria import criteria_set_copy
from khuyenhoc.titles.services.decisions import decision_issue
from khuyenhoc.titles.services.registrations import registration_create

ROOT = Scope.system()
SCORES = dict.fromkeys(f.CITIZEN_CODES, 9)
ALLOWED = {
    "view_identity": {"system_admin", "org_admin", "clerk"},
    "change": {"system_admin", "org_admin", "clerk"},
    "record_money": {"system_admin", "org_admin", "clerk", "accountant"},
    "approve_payment": {"system_admin", "org_admin", "approver"},
    "verify": {"system_admin", "org_admin", "evaluator"},
    "issue_decision": {"system_admin", "org_admin", "approver"},
    "approve_report": {"system_admin", "org_admin", "approver"},
    "manage_criteria": {"system_admin", "org_admin"},
    "manage_orgs": {"system_admin", "org_admin"},
    "manage_users": {"system_admin", "org_admin"},
}
ROLES = ["system_admin", "org_admin", "clerk", "evaluator", "approver", "accountant", "viewer"]
FROM_ABOVE = {"verify", "approve_report"}


def _registration(world, *, verified: bool = False):
    today = clock.today()
    campaign = campaign_open(
        actor=None, scope=ROOT, title="citizen", year=today.year, org_node=world.commune_a,
        registration_until=today, self_assessment_until=today,
        verification_until=today + timedelta(days=1), decision_until=today + timedelta(days=2),
    )  # fmt: skip
    reg = registration_create(
        actor=None, scope=ROOT, campaign=campaign, subject=f.person(world.commune_a),
        subject_group="Người dân cư trú trên địa bàn xã",
    )  # fmt: skip
    assessment_submit(actor=None, scope=ROOT, registration=reg, scores=SCORES)
    if verified:
        assessment_verify(
            actor=None, scope=ROOT, registration=reg, scores=SCORES, verdict="accepted"
        )
    return reg


def _fund(world):
    return fund_open(actor=None, scope=ROOT, org_node=world.commune_a, code="QKH-A", name="Quỹ A")


def _change(world, user, scope):
    return registration_create(actor=user, scope=scope, campaign=_registration(world).campaign,
                               subject=f.person(world.commune_a), subject_group="Người dân cư trú trên địa bàn xã")  # fmt: skip


def _record_money(world, user, scope):
    return donation_create(actor=user, scope=scope, fund=_fund(world), amount=100_000,
                           method="cash", donor_kind="anonymous")  # fmt: skip


def _approve_payment(world, user, scope):
    fund = _fund(world)
    donation_create(actor=None, scope=ROOT, fund=fund, amount=100_000, method="cash",
                    donor_kind="anonymous")  # fmt: skip
    draft = disbursement_draft(actor=None, scope=ROOT, fund=fund, amount=50_000, method="cash",
                               purpose="scholarship", beneficiary_kind="person",
                               beneficiary_name="Lê Văn Học")  # fmt: skip
    return disbursement_approve(actor=user, scope=scope, disbursement=draft)


def _verify(world, user, scope):
    reg = _registration(world)
    return assessment_verify(
        actor=user, scope=scope, registration=reg, scores=SCORES, verdict="accepted"
    )


def _issue_decision(world, user, scope):
    reg = _registration(world, verified=True)
    return decision_issue(actor=user, scope=scope, issuer=world.commune_a, registrations=[reg],
                          number="1/QĐ-HKH", signed_on=clock.today(), signer="Ký",
                          signer_title="Chủ tịch")  # fmt: skip


def _approve_report(world, user, scope):
    programme = world.programme
    period = period_open(actor=None, scope=ROOT, programme=programme, kind="yearly", name="2023",
                         year_from=2023, year_to=2023, due_on=datetime.date(2024, 1, 15))  # fmt: skip
    sent = submission_submit(actor=None, scope=ROOT, period=period, org_node=world.commune_a)
    return submission_approve(actor=user, scope=scope, submission=sent)


def _manage_criteria(world, user, scope):
    source = CriteriaSet.objects.filter(owner__isnull=True, published_at__isnull=False).first()
    return criteria_set_copy(scope=scope, source=source, code="CDHT-A", owner=world.commune_a)


def _manage_orgs(world, user, scope):
    return orgnode_create(actor=user, scope=scope, system=OrgSystem.objects.get(code="HKH"),
                          parent=world.commune_a, kind="branch", code="HKH-A-1", name="Chi hội 1")  # fmt: skip


def _view_identity(world, user, scope):
    person = f.person(world.commune_a)
    return identity_read(actor=user, scope=scope, person=person, channel="web")


def _manage_users(world, user, scope):
    return user_create(actor=user, scope=scope, username="moi", password="Mat-khau-dai-42!",
                       org_node=world.commune_a, roles=["viewer"])  # fmt: skip


DO = {
    "view_identity": _view_identity,
    "change": _change, "record_money": _record_money, "approve_payment": _approve_payment,
    "verify": _verify, "issue_decision": _issue_decision, "approve_report": _approve_report,
    "manage_criteria": _manage_criteria, "manage_orgs": _manage_orgs, "manage_users": _manage_users,
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_a_service_does_an_action_only_for_the_roles_that_hold_it(world, programme, role, action):
    world.programme = programme
    node = world.province if action in FROM_ABOVE else world.commune_a
    user = f.user(f"thu-{role}", None if role == "system_admin" else node, [role])
    scope = scope_for_user(user)

    if role in ALLOWED[action]:
        assert DO[action](world, user, scope).pk is not None
    else:
        with pytest.raises(PermissionDenied, match="không có quyền"):
            DO[action](world, user, scope)


@pytest.mark.parametrize("action", sorted(FROM_ABOVE))
def test_the_level_above_acts_but_the_same_level_never_does(world, programme, action):
    world.programme = programme
    user = f.user("cung-cap", world.commune_a, ["org_admin"])

    with pytest.raises(PermissionDenied, match="phải do cấp trên thực hiện"):
        DO[action](world, user, scope_for_user(user))
