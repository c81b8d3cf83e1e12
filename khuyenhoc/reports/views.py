"""Dashboards (plan versus actual with charts, trend, drill-down) and the review downloads."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from khuyenhoc.core import clock
from khuyenhoc.core.scope import Scope
from khuyenhoc.core.text import whole_number
from khuyenhoc.core.web import scoped
from khuyenhoc.programmes import selectors as programme_selectors
from khuyenhoc.programmes.models import Programme
from khuyenhoc.reports import dashboard, review
from khuyenhoc.reports.pdf import review_pdf
from khuyenhoc.reports.sheets import review_xlsx
from khuyenhoc.reports.word import review_docx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(request: HttpRequest, programme: Programme) -> int:
    return programme_selectors.year_of(programme=programme, text=request.GET.get("year"))


@scoped()
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    """Plan versus actual versus achieved for every target of a year, grouped by indicator, each with a
    bar chart and its target line; the reporting periods and who is late."""
    found = programme_selectors.programme_get(scope=request.scope, pk=pk)
    year = _year(request, found)
    figures = dashboard.programme_figures(scope=request.scope, programme=found, year=year)
    groups = [
        {
            "indicator": indicator,
            "rows": rows,
            "chart": dashboard.chart(rows, lambda f: f.holder),
            "chart_id": f"chart-{indicator.pk}",
            # A chart compares: a plan with its actual, or several actuals (not one lone bar).
            "show_chart": any(r.planned for r in rows)
            or sum(r.actual is not None for r in rows) > 1,
        }
        for indicator, rows in dashboard.by_indicator(figures)
    ]
    today = clock.today()
    periods = [
        (p, programme_selectors.late_parties(period=p, today=today))
        for p in programme_selectors.periods_of(programme=found)
    ]
    context = {
        "programme": found,
        "year": year,
        "years": range(found.starts_year, found.ends_year + 1),
        "groups": groups,
        "periods": periods,
    }
    return render(request, "reports/programme.html", context)


@scoped()
def target(request: HttpRequest, pk: int) -> HttpResponse:
    """One target: its figure, the trend over the programme's years, and the level below it."""
    found = programme_selectors.target_get(scope=request.scope, pk=pk)
    trend = dashboard.trend(found)
    rows = _drill(request.scope, found.indicator, found.year, found.org_node, found.place)
    context = {
        "target": found,
        "figure": next(f for f in trend if f.target.year == found.year),
        "trend": trend,
        "chart": dashboard.chart(trend, lambda f: str(f.target.year), trend=True),
        "rows": rows,
        "indicator": found.indicator,
        "year": found.year,
    }
    return render(request, "reports/target.html", context)


@scoped()
def place(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Drill-down from a place (province → communes, commune → units) for an indicator and year."""
    indicator = programme_selectors.indicator_get(scope=request.scope, pk=pk)
    found = dashboard.place_get(code)
    year = _year(request, indicator.programme)
    rows = _drill(request.scope, indicator, year, None, found)
    context = {"indicator": indicator, "year": year, "holder": found, "rows": rows}
    return render(request, "reports/drill.html", context)


@scoped()
def node(request: HttpRequest, pk: int, node_pk: int) -> HttpResponse:
    """Drill-down from an organisation node to its child nodes."""
    indicator = programme_selectors.indicator_get(scope=request.scope, pk=pk)
    found = dashboard.node_get(scope=request.scope, pk=node_pk)
    year = _year(request, indicator.programme)
    rows = _drill(request.scope, indicator, year, found, None)
    context = {"indicator": indicator, "year": year, "holder": found, "rows": rows}
    return render(request, "reports/drill.html", context)


def _drill(scope: Scope, indicator: Any, year: int, org_node: Any, at: Any) -> list[dashboard.Row]:
    if org_node is not None:
        return dashboard.node_rows(scope=scope, indicator=indicator, year=year, node=org_node)
    return dashboard.place_rows(scope=scope, indicator=indicator, year=year, place=at)


def _review(request: HttpRequest, pk: int) -> review.Review:
    """The review the request asks for: a reporting period (?period=), or one year (?year=)."""
    found = programme_selectors.programme_get(scope=request.scope, pk=pk)
    period_id = whole_number(request.GET.get("period"))
    period = (
        programme_selectors.period_get(scope=request.scope, pk=period_id)
        if period_id is not None
        else None
    )
    if period is not None and period.programme_id == found.pk:
        year_from, year_to, kind = period.year_from, period.year_to, period.kind
    else:
        year_from = year_to = _year(request, found)
        kind = review.kind_for(found, year_from, year_to)
    return review.build(
        scope=request.scope, programme=found, year_from=year_from, year_to=year_to, kind=kind
    )


def _download(render_: Callable[..., bytes], content_type: str, suffix: str) -> Callable:
    @scoped()
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        drafted = _review(request, pk)
        data = render_(drafted, today=clock.today(), place=review.issued_at(drafted.programme))
        response = HttpResponse(data, content_type=content_type)
        name = f"bao-cao-{slugify(drafted.programme.code)}-{drafted.year_from}-{drafted.year_to}"
        response["Content-Disposition"] = f'attachment; filename="{name}.{suffix}"'
        return response

    return view


review_docx_view = _download(review_docx, DOCX, "docx")
review_pdf_view = _download(review_pdf, "application/pdf", "pdf")
review_xlsx_view = _download(review_xlsx, XLSX, "xlsx")
