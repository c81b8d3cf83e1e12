"""The demo's learning titles: this year's learning-citizen campaign of the Nghệ An Association."""

import random
from datetime import date

from khuyenhoc.accounts.models import User
from khuyenhoc.accounts.services import citizen_account_open
from khuyenhoc.core import clock
from khuyenhoc.core.scope import prefix_q
from khuyenhoc.demo.accounts import CITIZEN_USERNAME, DEMO_PASSWORD, ROOT
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.people.models import Person
from khuyenhoc.titles.models import Registration
from khuyenhoc.titles.rubric import load_rubric
from khuyenhoc.titles.services.assessments import assessment_submit
from khuyenhoc.titles.services.campaigns import campaign_open
from khuyenhoc.titles.services.registrations import registration_create_many


def load_learning_citizens(
    admin: User, province: OrgNode, commune: OrgNode, rng: random.Random
) -> None:
    """This year's learning-citizen campaign of the Nghệ An Association: Thành Vinh's residents are
    registered, most have assessed themselves (a few below the bar, to show the explanations); one
    resident, with the citizen account `congdan`, is left to register and assess themself."""
    year = clock.today().year
    campaign = campaign_open(
        actor=admin, scope=ROOT, title="citizen", year=year, org_node=province,
        name=f"Công dân học tập năm {year} — tỉnh Nghệ An",
        registration_until=date(year, 12, 31), self_assessment_until=date(year + 1, 3, 31),
        verification_until=date(year + 1, 5, 31), decision_until=date(year + 1, 6, 30),
    )  # fmt: skip
    people = list(Person.objects.filter(prefix_q("org_path", commune.path)).order_by("id"))
    registration_create_many(
        actor=admin, scope=ROOT, campaign=campaign, subjects=people[:-1],
        subject_group="Người dân cư trú trên địa bàn xã",
    )  # fmt: skip
    citizen_account_open(
        actor=admin,
        scope=ROOT,
        person=people[-1],
        username=CITIZEN_USERNAME,
        password=DEMO_PASSWORD,
    )

    registrations = Registration.objects.filter(campaign=campaign).order_by("id")[:12]
    codes = [c.code for c in load_rubric(registrations[0].criteria_set).criteria]
    for reg in registrations:
        scores = {code: rng.choice([7, 8, 8, 9, 9, 10]) for code in codes}
        if reg.pk % 5 == 0:
            scores["2.2"] = 4  # a foreign-language indicator below the minimum of 5
        assessment_submit(actor=admin, scope=ROOT, registration=reg, scores=scores)
