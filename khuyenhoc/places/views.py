"""HTML views for administrative units: browse provinces → communes → villages, add villages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from khuyenhoc.core.pagination import keyset_paginate
from khuyenhoc.core.scope import Action
from khuyenhoc.core.web import render_form, scoped, submit
from khuyenhoc.places import selectors, services
from khuyenhoc.places.forms import VillageForm
from khuyenhoc.places.models import Level


@scoped()
def province_list(request: HttpRequest) -> HttpResponse:
    """The 34 provinces, and the 63 pre-2025 provinces with their successors."""
    search = request.GET.get("q", "").strip()
    context = {
        "provinces": selectors.adminunit_list(level=Level.PROVINCE),
        "former": selectors.adminunit_list(level=Level.FORMER_PROVINCE),
        "found": selectors.adminunit_list(search=search, include_former=True)[:50]
        if search
        else None,
        "q": search,
    }
    return render(request, "places/province_list.html", context)


@scoped()
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One unit with the units below it, a page at a time."""
    unit = selectors.adminunit_get(pk=pk)
    search = request.GET.get("q", "").strip()
    units = selectors.adminunit_list(parent=unit, search=search)
    page = keyset_paginate(units, order=("path",), cursor=request.GET.get("cursor"), size=100)
    context = {
        "unit": unit,
        "page": page,
        "q": search,
        "former": selectors.former_provinces_of(unit) if unit.level == Level.PROVINCE else [],
        "lineage": selectors.lineage_of(unit)
        if unit.level in (Level.COMMUNE, Level.FORMER_COMMUNE)
        else [],
        "can_add_village": unit.level == Level.COMMUNE
        and request.scope.allows_place(Action.CHANGE, unit.path),
    }
    return render(request, "places/detail.html", context)


@scoped(Action.CHANGE)
def village_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a village or residential group under a commune the user may change (else 404)."""
    commune = selectors.commune_for_change(scope=request.scope, pk=pk)
    form = VillageForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.village_create(
            actor=request.user, scope=request.scope, commune=commune, **data
        ),
        done=lambda village: redirect("places:detail", pk=commune.pk),
        message=lambda village: _("Đã thêm %(name)s.") % {"name": village.name},
    )
    title = _("Thêm thôn, tổ dân phố vào %(name)s") % {"name": commune.name}
    return saved or render_form(request, form, title=title, cancel_url=f"/places/{commune.pk}/")
