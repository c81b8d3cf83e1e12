"""The tallies that dashboards read are always what recounting the registrations gives."""

from datetime import timedelta

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from khuyenhoc.core import clock
from khuyenhoc.places.models import AdminUnit
from khuyenhoc.testing import factories as f
from khuyenhoc.titles.models import TitleTally
from khuyenhoc.titles.services.assessments import assessment_submit, assessment_verify
from khuyenhoc.titles.services.campaigns import campaign_open
from khuyenhoc.titles.services.decisions import decision_issue, decision_revoke
from khuyenhoc.titles.services.registrations import registration_create, registration_create_many
from khuyenhoc.titles.services.tallies import tallies_rebuild

ROOT = f.ROOT
GROUP = "Người dân cư trú trên địa bàn xã"
CODES = [f"{g}.{i}" for g, n in ((1, 4), (2, 4), (3, 2)) for i in range(1, n + 1)]


def _snapshot() -> dict:
    return {
        (t.year, t.title, t.status, t.org_path, t.commune_code, t.province_code): t.count
        for t in TitleTally.objects.all()
        if t.count
    }


def test_incremental_tallies_equal_a_recount_through_the_whole_cycle(world):
    today = clock.today()
    vinh, hung_loc = (
        AdminUnit.objects.get(level="commune", name=n)
        for n in ("Phường Thành Vinh", "Phường Vinh Lộc")
    )
    campaign = campaign_open(
        actor=None, scope=ROOT, title="citizen", year=today.year, org_node=world.province,
        registration_until=today, self_assessment_until=today,
        verification_until=today + timedelta(days=1), decision_until=today + timedelta(days=2),
    )  # fmt: skip
    people = [f.person(world.commune_a, commune=vinh) for _ in range(4)] + [
        f.person(world.commune_b, commune=hung_loc) for _ in range(2)
    ]
    regs = [
        registration_create(
            actor=None, scope=ROOT, campaign=campaign, subject=p, subject_group=GROUP
        )
        for p in people
    ]
    for reg in regs[:4]:
        assessment_submit(actor=None, scope=ROOT, registration=reg, scores=dict.fromkeys(CODES, 9))
        assessment_verify(
            actor=None,
            scope=ROOT,
            registration=reg,
            scores=dict.fromkeys(CODES, 9),
            verdict="accepted",
        )
    decision = decision_issue(actor=None, scope=ROOT, issuer=world.province, registrations=regs[:3],
                              number="3/QĐ", signed_on=today, signer="Ký", signer_title="Chủ tịch")  # fmt: skip
    decision_revoke(actor=None, scope=ROOT, decision=decision, registrations=regs[:1], number="4/QĐ",
                    signed_on=today, signer="Ký", signer_title="Chủ tịch", reason="Khai sai")  # fmt: skip

    incremental = _snapshot()
    tallies_rebuild()
    call_command("rebuild_tallies")

    assert incremental == _snapshot()
    by_commune = {(k[4], k[2]): n for k, n in incremental.items()}
    assert by_commune == {
        (vinh.code, "recognised"): 2, (vinh.code, "revoked"): 1, (vinh.code, "verified"): 1,
        (hung_loc.code, "registered"): 2,
    }  # fmt: skip
    assert {k[5] for k in incremental} == {"40"}


def test_registering_a_whole_unit_counts_it_in_one_upsert(world):
    today = clock.today()
    campaign = campaign_open(
        actor=None, scope=ROOT, title="citizen", year=today.year, org_node=world.province,
        registration_until=today, self_assessment_until=today,
        verification_until=today + timedelta(days=1), decision_until=today + timedelta(days=2),
    )  # fmt: skip
    members = [f.person(world.commune_a) for _ in range(20)]

    with CaptureQueriesContext(connection) as seen:
        made, skipped = registration_create_many(
            actor=None, scope=ROOT, campaign=campaign, subjects=members, subject_group=GROUP
        )
    incremental = _snapshot()
    tallies_rebuild()

    table = TitleTally._meta.db_table
    assert (made, skipped) == (20, 0)
    assert sum(table in q["sql"] for q in seen.captured_queries) == 1
    assert incremental == _snapshot()
    assert sum(incremental.values()) == 20
