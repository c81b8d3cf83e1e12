"""The audit re-scores stored assessments and finds any whose stored result was altered."""

import pytest
from django.core.management import CommandError, call_command

from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.testing import factories as f
from khuyenhoc.titles.audit import assessments_audit
from khuyenhoc.titles.models import Assessment
from khuyenhoc.titles.services.assessments import assessment_submit
from khuyenhoc.titles.services.registrations import registration_create
from khuyenhoc.titles.tests.test_cycle import RESIDENTS, _campaign, _scores


@pytest.fixture
def assessed(world):
    clerk = scope_for_user(world.clerk_a)
    campaign = _campaign(world)
    regs = [
        registration_create(actor=world.clerk_a, scope=clerk, campaign=campaign,
                            subject=f.person(world.commune_a), subject_group=RESIDENTS)
        for _ in range(3)
    ]  # fmt: skip
    for points, reg in zip((9, 8, 4), regs, strict=True):
        assessment_submit(
            actor=world.clerk_a, scope=clerk, registration=reg, scores=_scores(points)
        )
    return regs[0].criteria_set


def test_untouched_assessments_all_agree_with_their_criteria_set(world, assessed):
    result = assessments_audit(scope=scope_for_user(world.clerk_a), criteria_set=assessed)

    assert (result.checked, result.mismatches, result.ok) == (3, 0, True)


def test_an_assessment_altered_outside_the_application_is_found(world, assessed, capsys):
    altered = Assessment.objects.order_by("id")[2]
    Assessment.objects.filter(pk=altered.pk).update(total=85, achieved=True)

    result = assessments_audit(scope=scope_for_user(world.clerk_a), criteria_set=assessed)
    sibling = assessments_audit(scope=scope_for_user(world.clerk_b), criteria_set=assessed)
    with pytest.raises(CommandError, match="1 lần đánh giá"):
        call_command("titles_audit", "--criteria-set", assessed.code)

    assert (result.checked, result.mismatches, result.examples) == (3, 1, [altered.pk])
    assert (sibling.checked, sibling.mismatches) == (0, 0)
    assert (
        f"{assessed.code}: 3 lần đánh giá, 1 không khớp (mã: {altered.pk})"
        in capsys.readouterr().out
    )
