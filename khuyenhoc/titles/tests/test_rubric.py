"""Criteria sets as data: the official sets shipped, scoring and its explanations, frozen versions."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import given, settings
from hypothesis import strategies as st

from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.titles.models import Band, CriteriaSet, Criterion
from khuyenhoc.titles.rubric import load_rubric, score
from khuyenhoc.titles.services.criteria import (
    criteria_set_copy,
    criteria_set_publish,
    criterion_update,
)


def _rubric(code: str):
    return load_rubric(CriteriaSet.objects.get(code=code))


def _all(rubric, points, **overrides):
    scores = {c.code: points for c in rubric.criteria}
    return scores | overrides


def test_the_official_sets_ship_with_their_legal_basis_and_totals(db):
    citizen = CriteriaSet.objects.filter(title="citizen").order_by("code")
    assert [cs.subject_group for cs in citizen] == [
        "Người dân cư trú trên địa bàn xã",
        "Người lao động",
        "Cán bộ, công chức, viên chức và doanh nhân",
        "Học sinh, sinh viên, người học",
    ]
    for cs in citizen:
        rubric = load_rubric(cs)
        assert (len(rubric.criteria), rubric.max_total, cs.pass_total, cs.min_points_each) == (
            10,
            100,
            80,
            5,
        )
        assert "324/QĐ-KHVN" in cs.legal_basis
        assert cs.is_published
    unit = _rubric("DVHT-TT22-2020")
    by_group = {}
    for c in unit.criteria:
        by_group[c.group.name] = by_group.get(c.group.name, 0) + c.max_points
    assert by_group == {
        "Điều kiện học tập": 30,
        "Kết quả học tập của thành viên": 30,
        "Hiệu quả học tập": 40,
    }
    assert [(b.label, b.min_total) for b in unit.bands] == [
        ("Tốt", 85),
        ("Khá", 70),
        ("Trung bình", 50),
        ("Không đạt", 0),
    ]
    reviews = CriteriaSet.objects.filter(method="review").values_list("title", flat=True)
    assert sorted(reviews) == ["clan", "community", "family"]


@pytest.mark.parametrize(
    ("total_of_ten", "band", "achieved"),
    [(85, "Tốt", True), (84.5, "Khá", True), (70, "Khá", True), (69.5, "Trung bình", True),
     (50, "Trung bình", True), (49.75, "Không đạt", False)],
)  # fmt: skip
def test_learning_unit_bands(db, total_of_ten, band, achieved):
    unit = _rubric("DVHT-TT22-2020")
    scores = _all(unit, 0)
    remaining = total_of_ten
    for c in unit.criteria:  # fill criteria in order up to the wanted total
        scores[c.code] = str(min(c.max_points, remaining)).replace(".", ",")  # "4,5" as typed
        remaining -= min(c.max_points, remaining)

    result = score(unit, scores)

    assert (result.total, result.band_label, result.achieved) == (
        Decimal(str(total_of_ten)),
        band,
        achieved,
    )


def test_a_learning_citizen_passes_at_80_with_no_indicator_below_5(db):
    citizen = _rubric("CDHT-324-2023-N1")

    passed = score(citizen, _all(citizen, 8))
    one_low = score(citizen, _all(citizen, 9, **{"2.2": 3}))
    short = score(citizen, _all(citizen, 8, **{"3.2": 7}))

    assert (passed.total, passed.achieved, passed.band_label, passed.reasons) == (
        80,
        True,
        "Đạt",
        [],
    )
    assert (one_low.total, one_low.achieved, one_low.band_label) == (84, False, "Không đạt")
    assert one_low.reasons == ["Tiêu chí 2.2 chỉ được 3 điểm, dưới mức tối thiểu 5."]
    assert one_low.lost["2.2"] == 7
    assert short.reasons == ["Tổng điểm 79 chưa đạt mức 80."]


def test_a_failed_must_pass_criterion_is_named(db):
    commune = _rubric("CDHT-XA-TT25-2023")

    result = score(commune, _all(commune, "Đạt", **{"1.4": "Không đạt"}))

    assert not result.achieved
    assert result.reasons == ["Tiêu chí bắt buộc 1.4 “Phổ cập giáo dục, xóa mù chữ” không đạt."]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [({"1.1": 11}, "1.1", "từ 0 đến 10"), ({"1.2": "abc"}, "1.2", "phải là số"),
     ({"1.3": "7,333"}, "1.3", "lẻ đến 0,5"), ({"1.4": None}, "1.4", "Chưa chấm"),
     ({"9.9": 5}, "9.9", "không có tiêu chí")],
)  # fmt: skip
def test_bad_scores_name_the_criterion(db, change, field, words):
    citizen = _rubric("CDHT-324-2023-N2")

    with pytest.raises(DomainError) as caught:
        score(citizen, _all(citizen, 9) | change)

    assert caught.value.field == field
    assert words in caught.value.message


def test_a_published_set_is_frozen_for_everyone(world):
    cs = CriteriaSet.objects.get(code="DVHT-TT22-2020")
    criterion = Criterion.objects.filter(group__criteria_set=cs).first()
    scope = scope_for_user(world.system_admin)

    with pytest.raises(DomainError, match="đã công bố"):
        criterion_update(scope=scope, criterion=criterion, data={"max_points": 20})
    for attempt in (
        lambda: Criterion.objects.filter(pk=criterion.pk).first().delete(),
        lambda: Band.objects.filter(criteria_set=cs).first().save(),
        lambda: CriteriaSet.objects.get(pk=cs.pk).save(),
    ):
        with pytest.raises(DomainError, match="đã công bố"):
            attempt()

    criterion.refresh_from_db()
    assert criterion.max_points == 10


def test_a_new_version_is_a_draft_that_can_change_then_be_published(world):
    scope = scope_for_user(world.system_admin)
    old = CriteriaSet.objects.get(code="DVHT-TT22-2020")

    draft = criteria_set_copy(scope=scope, source=old, code="dvht-tt22-2020-v2")
    first = Criterion.objects.filter(group__criteria_set=draft).order_by(
        "group__number", "position"
    )[0]
    criterion_update(scope=scope, criterion=first, data={"text": "Kế hoạch học tập năm"})
    criteria_set_publish(scope=scope, criteria_set=draft)

    draft.refresh_from_db()
    assert (draft.code, draft.version, draft.supersedes, draft.is_published) == (
        "DVHT-TT22-2020-V2",
        2,
        old,
        True,
    )
    assert load_rubric(draft).max_total == 100
    assert Criterion.objects.get(group__criteria_set=old, code="1.1").text == (
        "Có kế hoạch học tập của đơn vị"
    )


def test_a_province_adds_its_own_variant_but_a_clerk_or_another_province_cannot(world):
    from khuyenhoc.testing import factories as f

    base = CriteriaSet.objects.get(code="CDHT-324-2023-N1")
    local = criteria_set_copy(
        scope=scope_for_user(world.province_admin),
        source=base,
        code="CDHT-NGHEAN-2026",
        owner=world.province,
        name="Công dân học tập — Nghệ An",
    )
    other = f.orgnode(kind="province", code="HKH-T38", name="Hội Khuyến học tỉnh Thanh Hóa")
    other_admin = f.user("thanhhoa", other, ["org_admin"])

    assert (local.owner, local.version, local.supersedes) == (world.province, 1, None)
    with pytest.raises(PermissionDenied):
        criteria_set_copy(
            scope=scope_for_user(world.clerk_a), source=base, code="X1", owner=world.commune_a
        )
    first = Criterion.objects.filter(group__criteria_set=local).first()
    with pytest.raises(PermissionDenied):
        criterion_update(scope=scope_for_user(other_admin), criterion=first, data={"text": "Khác"})
    with pytest.raises(DomainError, match="toàn quốc"):
        criteria_set_copy(scope=scope_for_user(world.province_admin), source=base, code="X2")
    assert not CriteriaSet.objects.filter(code__in=["X1", "X2"]).exists()


def test_publishing_checks_bands_and_thresholds(world):
    scope = scope_for_user(world.system_admin)
    draft = criteria_set_copy(
        scope=scope, source=CriteriaSet.objects.get(code="DVHT-TT22-2020"), code="DVHT-BAD"
    )
    Band.objects.filter(criteria_set=draft, code="khong_dat").delete()

    with pytest.raises(DomainError, match="từ 0 điểm"):
        criteria_set_publish(scope=scope, criteria_set=draft)

    assert not CriteriaSet.objects.get(pk=draft.pk).is_published


def _points(criterion):
    if criterion.is_pass_fail:
        return st.booleans()
    return st.integers(0, criterion.max_points * 4).map(lambda quarters: quarters / 4)


@pytest.mark.parametrize("title", ["unit", "citizen", "community"])
def test_the_verdict_always_agrees_with_its_explanation(db, title):
    cs = CriteriaSet.objects.filter(title=title, method="scored").order_by("code").first()
    rubric = load_rubric(cs)

    @settings(max_examples=300, deadline=None)
    @given(st.fixed_dictionaries({c.code: _points(c) for c in rubric.criteria}))
    def check(scores):
        result = score(rubric, scores)
        numbers = [Decimal(str(v)) for v in scores.values() if not isinstance(v, bool)]

        assert result.achieved == (not result.reasons), result.reasons
        assert result.total == sum(numbers, Decimal(0))
        assert result.band is None or result.band.achieved == result.achieved or not result.achieved
        assert rubric.scorer(scores) == (
            int(result.total * 100),
            None if result.band is None else rubric.bands.index(result.band),
            result.achieved,
        )

    check()


def test_a_criterions_error_from_a_service_lands_on_its_field_of_the_form(db):
    from khuyenhoc.core.errors import ErrorCode
    from khuyenhoc.core.web import add_domain_error
    from khuyenhoc.titles.forms import ScoresForm

    rubric = load_rubric(CriteriaSet.objects.filter(title="citizen").order_by("code").first())
    code = rubric.criteria[0].code
    form = ScoresForm({}, criteria=rubric.criteria)
    form.is_valid()

    add_domain_error(form, DomainError(ErrorCode.REQUIRED, "Cần ghi lý do.", field=code))
    add_domain_error(form, DomainError(ErrorCode.INVALID, "Không đạt.", field="verdict"))

    assert "Cần ghi lý do." in form.errors[f"c_{code}"]
    assert "Không đạt." in form.errors["__all__"]
