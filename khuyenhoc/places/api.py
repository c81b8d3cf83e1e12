"""/api/v1/places/ — administrative units, shared reference data readable with any valid token."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from khuyenhoc.core.errors import DomainError, ErrorCode, NotFoundError
from khuyenhoc.core.pagination import KeysetPage, keyset_paginate
from khuyenhoc.core.schemas import DETAIL_ERRORS, PATH_ID, READ_ERRORS, WRITE_ERRORS, responses
from khuyenhoc.places import selectors, services
from khuyenhoc.places.models import AdminUnit, Level
from khuyenhoc.places.schemas import AdminUnitFilters, AdminUnitOut, AdminUnitPage, VillageIn

router = Router()


def unit_ref(pk: int | None, field: str) -> AdminUnit | None:
    """The unit with id `pk`; an unknown id is a 400 naming `field`."""
    if pk is None:
        return None
    try:
        return selectors.adminunit_get(pk=pk)
    except NotFoundError as exc:
        raise DomainError(
            ErrorCode.NOT_FOUND, _("Không có đơn vị hành chính này."), field=field
        ) from exc


@router.get("/", response=responses({200: AdminUnitPage}, READ_ERRORS))
def unit_list(request: HttpRequest, filters: Query[AdminUnitFilters]) -> KeysetPage:
    """Units by level, parent and name or code, in tree order."""
    units = selectors.adminunit_list(
        level=filters.level or "",
        parent=unit_ref(filters.parent, "parent"),
        search=filters.q,
        include_former=filters.level == Level.FORMER_PROVINCE,
    )
    return keyset_paginate(units, order=("path",), cursor=filters.cursor, size=filters.limit)


@router.get("/{int:unit_id}", response=responses({200: AdminUnitOut}, DETAIL_ERRORS))
def unit_detail(request: HttpRequest, unit_id: int = PATH_ID) -> AdminUnit:
    """One unit; a former province names its successor."""
    return selectors.adminunit_get(pk=unit_id)


@router.post("/villages", response=responses({201: AdminUnitOut}, WRITE_ERRORS))
def village_create(request: HttpRequest, payload: VillageIn) -> Status[AdminUnit]:
    """Add a village or residential group under a commune."""
    village = services.village_create(
        actor=request.user,
        scope=request.scope,  # type: ignore[attr-defined]
        commune=unit_ref(payload.commune, "commune"),  # type: ignore[arg-type]
        name=payload.name,
        division_type=payload.division_type,
        code=payload.code,
    )
    return Status(201, village)
