"""Figures the system already holds about a subject, shown to whoever assesses it.

A learning unit is judged partly on its members being learning citizens (Circular 22/2020, Art. 5.3: 25
points for "100% of members"); a family on its adults' learning and its children; a clan on its families.
The assessor should not have to count these by hand: each figure is a few counting queries over the
indexed records (registrations by org path, year, title and status; members of a household or clan).
A criterion marked with a `measure` gets the figure beside it and a suggested score in proportion.
"""

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from khuyenhoc.core import clock
from khuyenhoc.core.scope import prefix_q
from khuyenhoc.people.models import ClanHousehold, HouseholdMember, Person
from khuyenhoc.titles.models import Measure, Registration, Status, SubjectKind, Title
from khuyenhoc.titles.rubric import Rubric

ADULT_AGES = (19, 60)  # the family criteria count the literacy and learning of adults 19–60
SCHOOL_AGES = (6, 18)


@dataclass(frozen=True)
class Fact:
    """One figure about a subject; `criterion` names the criterion it informs, with a suggestion."""

    label: str
    value: str
    criterion: str = ""
    suggested: Decimal | None = None


def subject_facts(registration: Registration, rubric: Rubric) -> list[Fact]:
    """The figures the system holds about the registration's subject, for its year."""
    if registration.subject_kind == SubjectKind.UNIT:
        return _unit_facts(registration, rubric)
    if registration.subject_kind == SubjectKind.HOUSEHOLD:
        return _family_facts(registration)
    if registration.subject_kind == SubjectKind.CLAN:
        return _clan_facts(registration)
    return []


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({round(100 * part / whole)}%)" if whole else f"{part}/0"


def _recognised_citizens(persons: Any, year: int) -> int:
    keys = [f"{SubjectKind.PERSON}:{pk}" for pk in persons]
    return Registration.objects.filter(
        title=Title.CITIZEN, year=year, status=Status.RECOGNISED, subject_key__one_of=keys
    ).count()


def _unit_facts(reg: Registration, rubric: Rubric) -> list[Fact]:
    path = reg.unit.path
    members = Person.objects.filter(prefix_q("org_path", path)).count()
    citizens = Registration.objects.filter(
        prefix_q("org_path", path), year=reg.year, title=Title.CITIZEN, status=Status.RECOGNISED
    ).count()
    label = _("Thành viên được công nhận Công dân học tập năm %(year)s") % {"year": reg.year}
    facts = []
    for criterion in rubric.criteria:
        if criterion.measure == Measure.MEMBERS_CITIZENS and criterion.max_points:
            # Half points, rounded down: the assessor may raise it with a reason.
            raw = criterion.max_points * citizens / members if members else 0
            suggested = Decimal(math.floor(raw * 2)) / 2
            facts.append(Fact(label, _share(citizens, members), criterion.code, suggested))
    return facts or [Fact(label, _share(citizens, members))]


def _ages(persons: list[tuple[int, int | None]], low: int, high: int) -> list[int]:
    this_year = clock.today().year
    return [pk for pk, born in persons if born is not None and low <= this_year - born <= high]


def _family_facts(reg: Registration) -> list[Fact]:
    persons = list(
        HouseholdMember.objects.filter(
            household_id=reg.household_id, left_on__isnull=True
        ).values_list("person_id", "person__birth_year")
    )
    adults = _ages(persons, *ADULT_AGES)
    children = _ages(persons, *SCHOOL_AGES)
    return [
        Fact(_("Thành viên hiện nay"), str(len(persons))),
        Fact(
            _("Người lớn %(low)s–%(high)s tuổi là Công dân học tập năm %(year)s")
            % {"low": ADULT_AGES[0], "high": ADULT_AGES[1], "year": reg.year},
            _share(_recognised_citizens(adults, reg.year), len(adults)),
        ),
        Fact(
            _("Trẻ em trong độ tuổi đi học (%(low)s–%(high)s)")
            % {"low": SCHOOL_AGES[0], "high": SCHOOL_AGES[1]},
            str(len(children)),
        ),
    ]


def _clan_facts(reg: Registration) -> list[Fact]:
    households = list(
        ClanHousehold.objects.filter(clan_id=reg.clan_id).values_list("household_id", flat=True)
    )
    learning = Registration.objects.filter(
        title=Title.FAMILY, year=reg.year, status=Status.RECOGNISED,
        subject_key__one_of=[f"{SubjectKind.HOUSEHOLD}:{pk}" for pk in households],
    ).count()  # fmt: skip
    persons = HouseholdMember.objects.filter(
        household_id__in=households, left_on__isnull=True
    ).values_list("person_id", flat=True)
    persons = list(persons)
    return [
        Fact(
            _("Gia đình được công nhận Gia đình học tập năm %(year)s") % {"year": reg.year},
            _share(learning, len(households)),
        ),
        Fact(
            _("Thành viên là Công dân học tập năm %(year)s") % {"year": reg.year},
            _share(_recognised_citizens(persons, reg.year), len(persons)),
        ),
    ]
