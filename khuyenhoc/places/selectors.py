"""Reads for administrative units (shared reference data: visible to every signed-in user)."""

from django.db.models import Q, QuerySet

from khuyenhoc.core.errors import NotFoundError
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.text import fold
from khuyenhoc.places.models import AdminUnit, AdminUnitSuccession, Level


def adminunit_list(
    *,
    level: str = "",
    parent: AdminUnit | None = None,
    search: str = "",
    include_former: bool = False,
) -> QuerySet[AdminUnit]:
    """Units of a level and/or under a parent, matching a name (diacritics ignored) or a code."""
    units = AdminUnit.objects.select_related("parent", "successor")
    if level:
        units = units.filter(level=level)
    elif not include_former and parent is None:  # a former province's children are former communes
        units = units.current()
    if parent is not None:
        units = units.filter(parent=parent)
    if search:
        key = fold(search)
        units = units.filter(Q(name_key__contains=key) | Q(code=search.strip()))
    return units.order_by("path")


def adminunit_get(*, pk: int) -> AdminUnit:
    """One unit by id."""
    unit = AdminUnit.objects.select_related("parent", "successor").filter(pk=pk).first()
    if unit is None:
        raise NotFoundError("AdminUnit")
    return unit


def commune_for_change(*, scope: Scope, pk: int, action: Action | str = Action.CHANGE) -> AdminUnit:
    """A commune the user may add villages to (`action` held on an organisation whose place contains
    it); any other unit is not found."""
    unit = (
        AdminUnit.objects.select_related("parent")
        .filter(scope.q_place("path", action), pk=pk, level=Level.COMMUNE)
        .first()
    )
    if unit is None:
        raise NotFoundError("AdminUnit")
    return unit


def former_provinces_of(province: AdminUnit) -> QuerySet[AdminUnit]:
    """The pre-2025 provinces merged into `province`."""
    return AdminUnit.objects.filter(level=Level.FORMER_PROVINCE, successor=province).order_by(
        "code"
    )


def lineage_of(unit: AdminUnit) -> QuerySet[AdminUnitSuccession]:
    """For a commune, the pre-2025 communes it took over; for a pre-2025 commune, where it went."""
    if unit.level == Level.FORMER_COMMUNE:
        links = AdminUnitSuccession.objects.filter(predecessor=unit)
    else:
        links = AdminUnitSuccession.objects.filter(successor=unit)
    return links.select_related("predecessor__parent", "successor").order_by(
        "-is_main", "predecessor__code", "successor__code"
    )


def communes_of(province_codes: set[str]) -> QuerySet[AdminUnit]:
    """The communes of some provinces (for a suggestion list)."""
    return AdminUnit.objects.filter(level=Level.COMMUNE, province_code__in=province_codes).order_by(
        "name_key"
    )
