"""The yearly cycle: open, register, self-assess, verify by the level above — with its refusals."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.testing import factories as f
from khuyenhoc.titles.models import Assessment, Registration, Status
from khuyenhoc.titles.services.assessments import assessment_submit, assessment_verify
from khuyenhoc.titles.services.campaigns import campaign_open
from khuyenhoc.titles.services.registrations import registration_create

RESIDENTS = "Người dân cư trú trên địa bàn xã"


def _deadlines(offset: int = 10) -> dict:
    today = clock.today()
    return {
        "registration_until": today + timedelta(days=offset),
        "self_assessment_until": today + timedelta(days=offset + 30),
        "verification_until": today + timedelta(days=offset + 60),
        "decision_until": today + timedelta(days=offset + 90),
    }


def _campaign(world, **deadlines):
    return campaign_open(
        actor=world.clerk_a,
        scope=scope_for_user(world.clerk_a),
        title="citizen",
        year=clock.today().year,
        org_node=world.commune_a,
        **(_deadlines() | deadlines),
    )


def _scores(points: int, **overrides) -> dict:
    codes = [f"{g}.{i}" for g, n in ((1, 4), (2, 4), (3, 2)) for i in range(1, n + 1)]
    return dict.fromkeys(codes, points) | overrides


@pytest.fixture
def citizen(world):
    campaign = _campaign(world)
    person = f.person(world.commune_a)
    reg = registration_create(
        actor=world.clerk_a,
        scope=scope_for_user(world.clerk_a),
        campaign=campaign,
        subject=person,
        subject_group=RESIDENTS,
    )
    return campaign, person, reg


def test_a_citizen_goes_from_registration_to_verified(world, citizen):
    _campaign, person, reg = citizen
    clerk, province = scope_for_user(world.clerk_a), scope_for_user(world.province_admin)

    own = assessment_submit(actor=world.clerk_a, scope=clerk, registration=reg, scores=_scores(9))
    checked = assessment_verify(
        actor=world.province_admin,
        scope=province,
        registration=reg,
        scores=_scores(9, **{"2.2": 6}),
        reasons={"2.2": "Chưa có chứng chỉ ngoại ngữ"},
        verdict="accepted",
    )

    reg.refresh_from_db()
    assert (own.total, own.achieved) == (90, True)
    assert (checked.total, checked.adjustments, checked.verdict) == (
        87,
        {"2.2": "Chưa có chứng chỉ ngoại ngữ"},
        "accepted",
    )
    assert (reg.status, reg.total, reg.band, reg.criteria_set.code) == (
        Status.VERIFIED,
        87,
        "Đạt",
        "CDHT-324-2023-N1",
    )
    assert reg.subject_key == f"person:{person.pk}"
    assert [h.status for h in reg.history.order_by("history_date")] == [
        "registered",
        "self_assessed",
        "verified",
    ]
    assert reg.history.latest().history_user == world.province_admin


def test_the_same_level_cannot_verify_and_a_change_needs_its_reason(world, citizen):
    _campaign, _person, reg = citizen
    assessment_submit(
        actor=world.clerk_a,
        scope=scope_for_user(world.clerk_a),
        registration=reg,
        scores=_scores(9),
    )

    with pytest.raises(PermissionDenied, match="thẩm định phải do cấp trên thực hiện"):
        assessment_verify(
            actor=world.admin_a,
            scope=scope_for_user(world.admin_a),
            registration=reg,
            scores=_scores(9),
            verdict="accepted",
        )
    with pytest.raises(DomainError, match=r"lý do điều chỉnh điểm tiêu chí 1\.1") as caught:
        assessment_verify(
            actor=world.province_admin,
            scope=scope_for_user(world.province_admin),
            registration=reg,
            scores=_scores(9, **{"1.1": 4}),
            verdict="refused",
            comment="Thiếu minh chứng",
        )

    assert caught.value.field == "1.1"
    assert Assessment.objects.filter(registration=reg).count() == 1
    reg.refresh_from_db()
    assert reg.status == Status.SELF_ASSESSED


def test_accepting_a_result_that_fails_is_refused_with_the_reason(world, citizen):
    _campaign, _person, reg = citizen
    assessment_submit(
        actor=world.clerk_a,
        scope=scope_for_user(world.clerk_a),
        registration=reg,
        scores=_scores(8, **{"3.1": 4}),
    )

    with pytest.raises(DomainError, match=r"3\.1 chỉ được 4 điểm"):
        assessment_verify(
            actor=world.province_admin,
            scope=scope_for_user(world.province_admin),
            registration=reg,
            scores=_scores(8, **{"3.1": 4}),
            verdict="accepted",
        )
    returned = assessment_verify(
        actor=world.province_admin,
        scope=scope_for_user(world.province_admin),
        registration=reg,
        scores=_scores(8, **{"3.1": 4}),
        verdict="returned",
        comment="Bổ sung minh chứng chỉ số 3.1",
    )
    again = assessment_submit(
        actor=world.clerk_a,
        scope=scope_for_user(world.clerk_a),
        registration=reg,
        scores=_scores(8),
    )

    assert (returned.verdict, again.achieved) == ("returned", True)


def test_registration_refusals_change_nothing(world, citizen):
    campaign, person, _reg = citizen
    clerk = scope_for_user(world.clerk_a)
    late = _campaign(world, **_deadlines(offset=-100))

    with pytest.raises(DomainError, match="đã đăng ký danh hiệu này"):
        registration_create(
            actor=world.clerk_a,
            scope=clerk,
            campaign=campaign,
            subject=person,
            subject_group=RESIDENTS,
        )
    with pytest.raises(DomainError, match="hết hạn đăng ký"):
        registration_create(
            actor=world.clerk_a,
            scope=clerk,
            campaign=late,
            subject=f.person(world.commune_a),
            subject_group=RESIDENTS,
        )
    with pytest.raises(DomainError, match="nhóm đối tượng"):
        registration_create(
            actor=world.clerk_a, scope=clerk, campaign=campaign, subject=f.person(world.commune_a)
        )
    with pytest.raises(PermissionDenied):
        registration_create(
            actor=world.clerk_b,
            scope=scope_for_user(world.clerk_b),
            campaign=campaign,
            subject=f.person(world.commune_a),
            subject_group=RESIDENTS,
        )

    assert Registration.objects.count() == 1


def test_self_assessment_after_its_deadline_or_with_bad_scores_is_refused(world):
    clerk = scope_for_user(world.clerk_a)
    today = clock.today()
    campaign = _campaign(
        world,
        registration_until=today,
        self_assessment_until=today,
        verification_until=today + timedelta(days=1),
        decision_until=today + timedelta(days=2),
    )
    reg = registration_create(
        actor=world.clerk_a,
        scope=clerk,
        campaign=campaign,
        subject=f.person(world.commune_a),
        subject_group=RESIDENTS,
    )

    with pytest.raises(DomainError, match="từ 0 đến 10"):
        assessment_submit(actor=world.clerk_a, scope=clerk, registration=reg, scores=_scores(11))
    campaign.self_assessment_until = today - timedelta(days=1)
    campaign.save()
    with pytest.raises(DomainError, match="hết hạn tự đánh giá"):
        assessment_submit(actor=world.clerk_a, scope=clerk, registration=reg, scores=_scores(9))

    assert not Assessment.objects.exists()


def test_deadlines_must_be_in_order(world):
    bad = _deadlines() | {"verification_until": clock.today()}

    with pytest.raises(DomainError, match="theo thứ tự") as caught:
        _campaign(world, **bad)

    assert caught.value.field == "verification_until"


def test_the_latest_assessment_is_the_last_by_time_then_by_id(world, citizen):
    _campaign, _person, reg = citizen
    clerk, province = scope_for_user(world.clerk_a), scope_for_user(world.province_admin)
    first = assessment_submit(actor=world.clerk_a, scope=clerk, registration=reg, scores=_scores(8))
    second = assessment_submit(
        actor=world.clerk_a, scope=clerk, registration=reg, scores=_scores(9)
    )
    Assessment.objects.filter(pk=first.pk).update(at=second.at)  # same instant: the id decides
    checked = assessment_verify(
        actor=world.province_admin, scope=province, registration=reg, scores=_scores(9),
        verdict="accepted",
    )  # fmt: skip

    newest = reg.assessments.newest()
    own = reg.assessments.newest(stage="self")
    by_registration = Assessment.objects.all().newest_by_registration(stage="self")

    assert (newest, own) == (checked, second)
    assert by_registration == {reg.pk: second}
