"""Programmes: record, set and cascade targets, log activities, report bottom-up — and the figures."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.places.models import AdminUnit
from khuyenhoc.programmes.models import Source, Submission
from khuyenhoc.programmes.selectors import late_parties, programme_list
from khuyenhoc.programmes.services.activities import activity_edit, activity_log
from khuyenhoc.programmes.services.programmes import content_add
from khuyenhoc.programmes.services.reporting import (
    period_open,
    reported_value_set,
    submission_approve,
    submission_reopen,
    submission_submit,
)
from khuyenhoc.programmes.services.targets import indicator_add, target_cascade, target_set
from khuyenhoc.reports.indicators import commune_table, figure
from khuyenhoc.testing import factories as f

YEAR = clock.today().year


def test_a_target_cascades_and_its_figure_comes_from_the_recognitions(world, programme):
    scope = scope_for_user(world.province_admin)
    content = content_add(actor=None, scope=scope, programme=programme, number=3,
                          text="Xây dựng gia đình, đơn vị học tập", responsible=list(programme.parties.all()))  # fmt: skip
    share = indicator_add(actor=None, scope=scope, programme=programme, code="ct1", unit="percent",
                          name="Cán bộ được công nhận Công dân học tập", source="recognised",
                          title="citizen", content=content, base_label="số cán bộ")  # fmt: skip
    top = target_set(
        actor=None,
        scope=scope,
        indicator=share,
        year=YEAR,
        value="80",
        org_node=world.province,
        base=10,
    )
    children = target_cascade(actor=None, scope=scope, target=top,
                              bases={world.commune_a.pk: 4, world.commune_b.pk: 5})  # fmt: skip
    f.recognised_citizens(world.province, [f.person(world.commune_a) for _ in range(3)])

    province, commune_a, commune_b = figure(top), *(figure(t) for t in children)

    assert sorted(t.org_node.code for t in children) == ["HKH-A", "HKH-B"]
    assert (province.count, province.actual, province.achieved) == (
        3,
        Decimal("30.00"),
        Decimal("37.50"),
    )
    assert (commune_a.count, commune_a.actual, commune_a.achieved) == (
        3,
        Decimal("75.00"),
        Decimal("93.75"),
    )
    assert (commune_b.count, commune_b.actual) == (0, Decimal("0.00"))


def test_bad_targets_and_indicators_are_refused(world, programme):
    scope = scope_for_user(world.province_admin)
    share = indicator_add(actor=None, scope=scope, programme=programme, code="ct1", unit="percent",
                          name="Tỷ lệ", source="recognised", title="family")  # fmt: skip

    cases = [
        (
            lambda: target_set(
                actor=None,
                scope=scope,
                indicator=share,
                year=YEAR,
                value="101",
                org_node=world.province,
            ),
            "không vượt quá 100%",
        ),
        (
            lambda: target_set(
                actor=None,
                scope=scope,
                indicator=share,
                year=2031,
                value="90",
                org_node=world.province,
            ),
            "ngoài thời gian",
        ),
        (
            lambda: indicator_add(
                actor=None,
                scope=scope,
                programme=programme,
                code="ct2",
                unit="percent",
                name="Không nguồn",
                source="recognised",
            ),
            "cần chọn danh hiệu",
        ),
        (
            lambda: indicator_add(
                actor=None,
                scope=scope,
                programme=programme,
                code="ct3",
                unit="money",
                name="Tiền",
                source="fund_raised",
            ),
            "cần chọn đợt vận động",
        ),
        (
            lambda: period_open(
                actor=None,
                scope=scope,
                programme=programme,
                kind="yearly",
                name="x",
                year_from=2022,
                year_to=2023,
                due_on=clock.today(),
            ),
            "thời gian của chương trình",
        ),
    ]
    for attempt, words in cases:
        with pytest.raises(DomainError, match=words):
            attempt()
    assert programme.indicators.count() == 1
    assert not share.targets.exists()


def test_a_party_logs_activities_in_its_own_subtree_only(world, programme):
    mine = activity_log(actor=world.clerk_a, scope=scope_for_user(world.clerk_a), programme=programme,
                        org_node=world.commune_a, happened_on=clock.today(), summary="Tuyên dương 20 công nhân",
                        participants=120)  # fmt: skip

    with pytest.raises(PermissionDenied):
        activity_edit(
            actor=world.clerk_b, scope=scope_for_user(world.clerk_b), activity=mine, summary="Sửa"
        )
    with pytest.raises(PermissionDenied):
        activity_log(actor=world.clerk_b, scope=scope_for_user(world.clerk_b), programme=programme,
                     org_node=world.commune_a, happened_on=clock.today(), summary="Không phải của tôi")  # fmt: skip
    assert programme.activities.get().summary == "Tuyên dương 20 công nhân"


def test_reports_go_up_bottom_up_and_an_approved_period_is_locked_until_reopened(world, programme):
    province_scope = scope_for_user(world.province_admin)
    period = period_open(actor=None, scope=province_scope, programme=programme, kind="yearly",
                         name=f"Năm {YEAR}", year_from=YEAR, year_to=YEAR, due_on=clock.today())  # fmt: skip
    counted = indicator_add(actor=None, scope=province_scope, programme=programme, code="ct9", unit="count",
                            name="Lượt công nhân được đào tạo", source=Source.REPORTED)  # fmt: skip
    clerk = scope_for_user(world.clerk_a)
    reported_value_set(
        actor=None,
        scope=clerk,
        indicator=counted,
        year=YEAR,
        org_node=world.commune_a,
        value="25000",
    )
    commune = submission_submit(actor=None, scope=clerk, period=period, org_node=world.commune_a)
    top = submission_submit(
        actor=None, scope=province_scope, period=period, org_node=world.province
    )

    with pytest.raises(DomainError, match="cấp dưới trước"):
        submission_approve(
            actor=world.system_admin, scope=scope_for_user(world.system_admin), submission=top
        )
    with pytest.raises(PermissionDenied):
        submission_approve(actor=world.clerk_a, scope=clerk, submission=commune)
    submission_approve(actor=world.province_admin, scope=province_scope, submission=commune)
    with pytest.raises(DomainError, match="khóa số liệu"):
        reported_value_set(
            actor=None,
            scope=clerk,
            indicator=counted,
            year=YEAR,
            org_node=world.commune_a,
            value="1",
        )
    submission_reopen(actor=world.province_admin, scope=province_scope, submission=commune)
    reported_value_set(
        actor=None,
        scope=clerk,
        indicator=counted,
        year=YEAR,
        org_node=world.commune_a,
        value="26000",
    )

    commune.refresh_from_db()
    assert commune.status == Submission.Status.REOPENED
    assert counted.reported.get().value == 26000
    later = clock.today() + timedelta(days=1)
    assert [p.org_node.code for p in late_parties(period=period, today=later)] == ["LDLD-40"]
    assert late_parties(period=period, today=clock.today()) == []


def test_the_province_to_commune_table_reads_the_tallies(world, programme):
    scope = scope_for_user(world.province_admin)
    share = indicator_add(actor=None, scope=scope, programme=programme, code="ct1", unit="percent",
                          name="Người dân là Công dân học tập", source="recognised", title="citizen")  # fmt: skip
    vinh = AdminUnit.objects.get(level="commune", name="Phường Thành Vinh")
    nghe_an = vinh.parent
    target_set(actor=None, scope=scope, indicator=share, year=YEAR, value="50", place=vinh, base=4)
    f.recognised_citizens(
        world.province, [f.person(world.commune_a, commune=vinh) for _ in range(2)]
    )

    rows = {
        row.commune.code: row for row in commune_table(indicator=share, year=YEAR, province=nghe_an)
    }

    assert len(rows) == AdminUnit.objects.filter(level="commune", province_code="40").count()
    assert (rows[vinh.code].count, rows[vinh.code].figure.actual, rows[vinh.code].figure.achieved) == (
        2, Decimal("50.00"), Decimal("100.00"),
    )  # fmt: skip
    assert sum(row.figure is not None for row in rows.values()) == 1


def test_a_commune_clerk_sees_the_provincial_programme_and_a_stranger_does_not(world, programme):
    stranger = f.user(
        "phutho",
        f.orgnode(kind="province", code="HKH-T25", name="Phú Thọ", place_code="25"),
        ["clerk"],
    )

    assert list(programme_list(scope=scope_for_user(world.clerk_a))) == [programme]
    assert list(programme_list(scope=scope_for_user(stranger))) == []


def test_reported_counts_add_up_the_subtree_and_shares_need_the_bodys_own_figure(world, programme):
    scope = scope_for_user(world.province_admin)
    trained = indicator_add(actor=None, scope=scope, programme=programme, code="dt", unit="count",
                            name="Lượt đào tạo", source="reported")  # fmt: skip
    share = indicator_add(actor=None, scope=scope, programme=programme, code="tl", unit="percent",
                          name="Tỷ lệ cán bộ học tập", source="reported")  # fmt: skip
    for indicator, values in ((trained, ("600", "300")), (share, ("80", "90"))):
        for node, value in zip((world.commune_a, world.commune_b), values, strict=True):
            reported_value_set(actor=None, scope=scope, indicator=indicator, year=YEAR,
                               org_node=node, value=value)  # fmt: skip
    count = target_set(actor=None, scope=scope, indicator=trained, year=YEAR, value="1000",
                       org_node=world.province)  # fmt: skip
    percent = target_set(actor=None, scope=scope, indicator=share, year=YEAR, value="85",
                         org_node=world.province)  # fmt: skip

    added, unknown = figure(count), figure(percent)  # the communes' 80% and 90% are not 170%
    reported_value_set(actor=None, scope=scope, indicator=share, year=YEAR,
                       org_node=world.province, value="86")  # fmt: skip
    reported_value_set(actor=None, scope=scope, indicator=trained, year=YEAR,
                       org_node=world.province, value="950")  # fmt: skip
    own_share, own_count = figure(percent), figure(count)

    assert (added.actual, added.achieved) == (Decimal("900"), Decimal("90.00"))
    assert unknown.actual is None
    assert "Hội Khuyến học tỉnh Nghệ An" in unknown.problem
    assert own_share.actual == Decimal("86")
    assert own_count.actual == Decimal("950")  # the province's own total, not 950 + 900
