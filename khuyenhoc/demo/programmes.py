"""Build the five programmes of the seed news reports (programme_specs) through the programme
services."""

from khuyenhoc.accounts.models import User
from khuyenhoc.core.scope import prefix_q
from khuyenhoc.demo.accounts import ROOT
from khuyenhoc.demo.programme_specs import PROGRAMMES, THANH_HOA, Goal, Measure, Spec
from khuyenhoc.funds.models import FundCampaign
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.people.models import Person
from khuyenhoc.places.models import AdminUnit, Level
from khuyenhoc.programmes.models import Content, Indicator, Programme
from khuyenhoc.programmes.services.activities import activity_log
from khuyenhoc.programmes.services.programmes import content_add, programme_create
from khuyenhoc.programmes.services.reporting import reported_value_set
from khuyenhoc.programmes.services.targets import indicator_add, target_set


def load_programmes(admin: User, nodes: dict[str, OrgNode]) -> None:
    """Create the five programmes with their contents, indicators, targets, figures and events."""
    for spec in PROGRAMMES:
        _programme(admin, nodes, spec)
    _piggy_bank_goal(admin)


def _programme(admin: User, nodes: dict[str, OrgNode], spec: Spec) -> Programme:
    programme = programme_create(
        actor=admin, scope=ROOT, code=spec.code, title=spec.title, signed_on=spec.signed_on,
        starts_year=spec.years[0], ends_year=spec.years[1], parties=[nodes[c] for c in spec.parties],
        signed_place=spec.signed_place, legal_basis=spec.legal_basis, summary=spec.summary,
    )  # fmt: skip
    # The reports say the parties carry out every content together.
    parties = list(programme.parties.all())
    contents = {}
    for number, text in enumerate(spec.contents, start=1):
        contents[number] = content_add(
            actor=admin, scope=ROOT, programme=programme, number=number, text=text,
            responsible=parties,
        )  # fmt: skip
    indicators = {m.code: _indicator(admin, programme, m, contents) for m in spec.measures}
    for goal in spec.goals:
        _target(admin, nodes, spec, indicators[goal.indicator], goal)
    for row in spec.reported:
        reported_value_set(
            actor=admin, scope=ROOT, indicator=indicators[row.indicator], year=row.year,
            org_node=nodes[row.node], value=row.value, note=row.note,
        )  # fmt: skip
    for event in spec.events:
        activity_log(
            actor=admin, scope=ROOT, programme=programme, org_node=nodes[event.node],
            happened_on=event.on, summary=event.summary, content=contents.get(event.content),
        )  # fmt: skip
    return programme


def _indicator(
    admin: User, programme: Programme, measure: Measure, contents: dict[int, Content]
) -> Indicator:
    campaign = None
    if measure.campaign:
        # The demo's fund campaigns of the lead party (funds.load_funds): one per purpose.
        campaign = FundCampaign.objects.get(fund__org_node=programme.lead, purpose=measure.campaign)
    return indicator_add(
        actor=admin, scope=ROOT, programme=programme, code=measure.code, name=measure.name,
        unit=measure.unit, source=measure.source, title=measure.title, campaign=campaign,
        content=contents.get(measure.content), base_label=measure.base_label,
        base_source=measure.base_source,
    )  # fmt: skip


def _target(
    admin: User, nodes: dict[str, OrgNode], spec: Spec, indicator: Indicator, goal: Goal
) -> None:
    place = None
    if goal.province:
        place = AdminUnit.objects.get(level=Level.PROVINCE, code=goal.province)
    target_set(
        actor=admin, scope=ROOT, indicator=indicator, year=goal.year, value=goal.value,
        org_node=nodes[goal.node] if goal.node else None, place=place,
    )  # fmt: skip


def _piggy_bank_goal(admin: User) -> None:
    """Thanh Hóa's piggy bank for the demo's campaign year: the report's minimum of 10,000 đồng a
    person a month (the campaign's monthly amount), over twelve months, for the members the campaign
    expects to give — the report states the rate, the demo the members."""
    indicator = Indicator.objects.select_related("programme", "campaign__members_of").get(
        programme__code=THANH_HOA.code, code="ONG-TK"
    )
    campaign, programme = indicator.campaign, indicator.programme
    year = campaign.starts_on.year
    if not programme.starts_year <= year <= programme.ends_year:
        return
    members = Person.objects.filter(prefix_q("org_path", campaign.members_of.path)).count()
    target_set(
        actor=admin, scope=ROOT, indicator=indicator, year=year,
        value=campaign.monthly_amount * 12 * members, org_node=campaign.members_of,
    )  # fmt: skip
