"""Dashboards and reviews: plan versus actual from the records, fresh after each recognition; the
drill-down province → commune → unit and node → child nodes; trends; the review as DOCX, PDF and XLSX."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document as WordDocument
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from khuyenhoc.core import clock
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.places.models import AdminUnit
from khuyenhoc.programmes.services.activities import activity_log
from khuyenhoc.programmes.services.programmes import content_add
from khuyenhoc.programmes.services.reporting import period_open, reported_value_set
from khuyenhoc.programmes.services.targets import indicator_add, target_cascade, target_set
from khuyenhoc.reports import dashboard
from khuyenhoc.reports.dashboard import node_rows, place_rows, trend
from khuyenhoc.reports.review import build, chapters, number
from khuyenhoc.testing import factories as f

YEAR = clock.today().year


@pytest.fixture
def plan(world, programme):
    """A share of learning citizens for the province node (cascaded to both communes) and for the
    province of Nghệ An as a place, a reported count, and an activity under the first content."""
    scope = scope_for_user(world.province_admin)
    content = content_add(actor=None, scope=scope, programme=programme, number=1,
                          text="Tuyên truyền, vận động xây dựng xã hội học tập",
                          responsible=list(programme.parties.all()))  # fmt: skip
    share = indicator_add(actor=None, scope=scope, programme=programme, code="ct1", unit="percent",
                          name="Người dân được công nhận Công dân học tập", source="recognised",
                          title="citizen", content=content, base_label="số người")  # fmt: skip
    trained = indicator_add(actor=None, scope=scope, programme=programme, code="ct2", unit="count",
                            name="Lượt công nhân được đào tạo", source="reported", content=content)  # fmt: skip
    top = target_set(actor=None, scope=scope, indicator=share, year=YEAR, value="80",
                     org_node=world.province, base=10)  # fmt: skip
    target_cascade(actor=None, scope=scope, target=top,
                   bases={world.commune_a.pk: 4, world.commune_b.pk: 5})  # fmt: skip
    vinh = AdminUnit.objects.get(level="commune", name="Phường Thành Vinh")
    province = target_set(actor=None, scope=scope, indicator=share, year=YEAR, value="50",
                          place=vinh.parent, base=1000)  # fmt: skip
    target_set(actor=None, scope=scope, indicator=share, year=YEAR, value="60", place=vinh, base=4)
    count = target_set(actor=None, scope=scope, indicator=trained, year=YEAR, value="1000",
                       org_node=world.province)  # fmt: skip
    reported_value_set(actor=None, scope=scope, indicator=trained, year=YEAR,
                       org_node=world.commune_a, value="600", note="Báo cáo của xã A")  # fmt: skip
    activity_log(actor=None, scope=scope, programme=programme, org_node=world.commune_a,
                 happened_on=clock.today(), summary="Ra mắt mô hình Công dân học tập",
                 participants=250, content=content)  # fmt: skip
    f.recognised_citizens(
        world.province, [f.person(world.commune_a, commune=vinh) for _ in range(3)]
    )
    return {"share": share, "top": top, "province": province, "count": count, "vinh": vinh}


def test_the_dashboard_shows_plan_actual_and_percent_and_is_fresh(client, world, programme, plan):
    client.force_login(world.province_admin)
    url = f"/reports/programmes/{programme.pk}/?year={YEAR}"

    before = client.get(url).content.decode()
    f.recognised_citizens(world.province, [f.person(world.commune_a) for _ in range(2)])
    after = client.get(url).content.decode()

    assert "Người dân được công nhận Công dân học tập" in before
    assert "(3/10)" in before
    assert "(5/10)" in after
    assert "37,5%" in before
    assert "62,5%" in after
    assert "Lượt công nhân được đào tạo" in after
    assert "60%" in after
    assert 'data-chart="chart-' in after
    assert "chart.umd.min.js" in after


def test_the_drill_down_goes_province_to_commune_to_unit(world, programme, plan):
    scope = scope_for_user(world.province_admin)
    vinh = plan["vinh"]

    communes = {r.place_code: r for r in place_rows(scope=scope, indicator=plan["share"],
                                                    year=YEAR, place=vinh.parent)}  # fmt: skip
    units = place_rows(scope=scope, indicator=plan["share"], year=YEAR, place=vinh)
    children = node_rows(scope=scope, indicator=plan["share"], year=YEAR, node=world.province)

    assert len(communes) == AdminUnit.objects.filter(level="commune", province_code="40").count()
    assert communes[vinh.code].count == 3
    assert communes[vinh.code].figure.actual == Decimal("75.00")  # 3 of a base of 4
    assert sum(r.count for r in communes.values()) == 3
    assert [(r.label, r.count) for r in units] == [("Hội Khuyến học xã A", 3)]
    assert [(r.label, r.count, r.figure.achieved) for r in children] == [
        ("Hội Khuyến học xã A", 3, Decimal("93.75")),  # 75% of a plan of 80%
        ("Hội Khuyến học xã B", 0, Decimal("0.00")),
    ]


def test_drilling_into_many_child_bodies_takes_the_same_few_queries(world, programme, plan):
    scope = scope_for_user(world.province_admin)

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            node_rows(scope=scope, indicator=plan["share"], year=YEAR, node=world.province)
        return len(seen)

    few = queries()
    for i in range(20):  # children with a target and nothing counted yet
        child = f.orgnode(parent=world.province, kind="commune", code=f"X{i}", name=f"Xã {i}")
        target_set(actor=None, scope=scope, indicator=plan["share"], year=YEAR, value="50",
                   org_node=child, base=10)  # fmt: skip

    assert queries() == few
    rows = node_rows(scope=scope, indicator=plan["share"], year=YEAR, node=world.province)
    assert sum(r.figure is not None for r in rows) == 22


def test_a_commune_clerk_drills_only_into_its_own_registrations(world, programme, plan):
    scope = scope_for_user(world.clerk_b)

    rows = node_rows(scope=scope, indicator=plan["share"], year=YEAR, node=world.province)
    communes = place_rows(
        scope=scope, indicator=plan["share"], year=YEAR, place=plan["vinh"].parent
    )

    assert [(r.label, r.count) for r in rows] == [("Hội Khuyến học xã B", 0)]
    assert sum(r.count for r in communes) == 0


def test_the_trend_shows_every_year_of_the_programme(world, programme, plan):
    scope = scope_for_user(world.province_admin)
    target_set(actor=None, scope=scope, indicator=plan["share"], year=2024, value="40",
               org_node=world.province, base=10)  # fmt: skip

    rows = trend(plan["top"])

    assert [r.target.year for r in rows] == list(range(2023, 2031))
    by_year = {r.target.year: r for r in rows}
    assert by_year[2024].plan == Decimal("40")
    assert by_year[2024].actual == Decimal("0.00")
    assert by_year[YEAR].actual == Decimal("30.00")
    assert by_year[2023].plan == 0


def test_the_target_page_and_drill_pages_render(client, world, programme, plan):
    client.force_login(world.province_admin)
    share = plan["share"]

    page = client.get(f"/reports/targets/{plan['province'].pk}/").content.decode()
    commune = client.get(f"/reports/indicators/{share.pk}/places/{plan['vinh'].code}/?year={YEAR}")
    node = client.get(f"/reports/indicators/{share.pk}/orgs/{world.province.pk}/?year={YEAR}")

    assert "Phường Thành Vinh" in page
    assert "Qua các năm" in page
    assert f"/reports/indicators/{share.pk}/places/{plan['vinh'].code}/" in page
    assert commune.status_code == 200
    assert "Hội Khuyến học xã A" in commune.content.decode()
    assert node.status_code == 200
    assert "Hội Khuyến học xã B" in node.content.decode()


def test_a_stranger_sees_no_dashboard(client, world, programme, plan):
    stranger = f.user("phutho", f.orgnode(kind="province", code="HKH-T25", name="Phú Thọ",
                                          place_code="25"), ["clerk"])  # fmt: skip
    client.force_login(stranger)

    assert client.get(f"/reports/programmes/{programme.pk}/").status_code == 404
    assert client.get(f"/reports/targets/{plan['top'].pk}/").status_code == 404
    assert (
        client.get(f"/reports/indicators/{plan['share'].pk}/orgs/{world.province.pk}/").status_code
        == 404
    )
    assert client.get(f"/reports/programmes/{programme.pk}/review.docx").status_code == 404


def test_the_review_is_drafted_from_the_records(world, programme, plan):
    scope = scope_for_user(world.province_admin)

    review = build(scope=scope, programme=programme, year_from=YEAR, year_to=YEAR, kind="yearly")

    section = review.sections[0]
    assert section.content.number == 1
    assert section.activities == 1
    assert section.participants == 250
    assert [a.summary for a in section.highlights] == ["Ra mắt mô hình Công dân học tập"]
    by_holder = {(r.figure.target.indicator.code, r.holder): r.figure for r in section.results}
    assert by_holder[("CT1", "Hội Khuyến học tỉnh Nghệ An")].actual == Decimal("30.00")
    assert by_holder[("CT2", "Hội Khuyến học tỉnh Nghệ An")].actual == Decimal("600")
    assert ("CT1", plan["vinh"].parent.name) in by_holder  # the province as a place
    assert [p.org_node.code for p, _ in review.by_party] == ["HKH-T40"]
    assert [t.province for t in review.by_place] == [plan["vinh"].parent.name]


def test_a_midterm_review_totals_counts_over_its_years(world, programme, plan):
    scope = scope_for_user(world.province_admin)
    reported_value_set(actor=None, scope=scope, indicator=plan["count"].indicator, year=2024,
                       org_node=world.commune_b, value="300")  # fmt: skip

    review = build(scope=scope, programme=programme, year_from=2023, year_to=YEAR, kind="midterm")

    counts = [r for r in review.sections[0].results if r.figure.target.indicator.code == "CT2"]
    assert counts[0].period_total == Decimal("900")  # 300 in 2024 and 600 this year


@pytest.mark.parametrize(("number_", "text"), [(Decimal("62.5"), "62,5"), (Decimal("270000000"), "270.000.000"),
                                            (Decimal("100.00"), "100"), (None, "—")])  # fmt: skip
def test_numbers_are_written_the_vietnamese_way(number_, text):
    assert number(number_) == text


def test_the_review_downloads_as_docx_pdf_and_xlsx(client, world, programme, plan):
    client.force_login(world.province_admin)
    scope = scope_for_user(world.province_admin)
    period = period_open(actor=None, scope=scope, programme=programme, kind="midterm",
                         name="Sơ kết 3 năm", year_from=2023, year_to=YEAR,
                         due_on=datetime.date(YEAR, 12, 31))  # fmt: skip
    base = f"/reports/programmes/{programme.pk}/review"

    docx = client.get(f"{base}.docx?period={period.pk}")
    pdf = client.get(f"{base}.pdf?year={YEAR}")
    xlsx = client.get(f"{base}.xlsx?year={YEAR}")

    assert docx.status_code == pdf.status_code == xlsx.status_code == 200
    assert "attachment" in docx["Content-Disposition"]
    assert ".docx" in docx["Content-Disposition"]
    word = WordDocument(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in word.paragraphs)
    cells = " | ".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "BÁO CÁO" in text
    assert f"Sơ kết 2023–{YEAR}" in text
    assert "1. Tuyên truyền, vận động xây dựng xã hội học tập" in text
    assert "Người dân được công nhận Công dân học tập" in cells
    assert "37,5%" in cells
    assert "Ra mắt mô hình Công dân học tập" in text
    assert "[Ban Thư ký bổ sung" in text
    pages = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "KẾT QUẢ THỰC HIỆN" in pages
    assert "Người dân được công nhận" in pages
    book = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content))
    assert book.sheet_names[:2] == ["Biểu 01", "Biểu 02.1"]
    rows = book.get_sheet_by_name("Biểu 01").to_python()
    assert rows[0][0] == "Biểu 01/CTPH"
    assert rows[7][:3] == ["STT", "Chỉ tiêu", "Đơn vị tính"]
    assert rows[8][6] == "3 = 2/1"
    data = {(r[1], r[3]): r for r in rows[9:] if r[1]}
    assert data[("Người dân được công nhận Công dân học tập", "Hội Khuyến học tỉnh Nghệ An")][4:7] == [
        80, 30, 37.5
    ]  # fmt: skip
    places = book.get_sheet_by_name("Biểu 03.1").to_python()
    assert any(r[1] == "Phường Thành Vinh" and r[2] == 3 for r in places)
    # The statistical form lists every commune; the report's text only those with a target or figure.
    communes = AdminUnit.objects.filter(level="commune", province_code="40").count()
    assert sum(1 for r in places if str(r[1]).startswith(("Xã ", "Phường "))) == communes
    assert "Phường Thành Vinh" in cells
    assert "Phường Trường Vinh" not in cells
    assert f"Còn {communes - 1} xã, phường chưa giao chỉ tiêu và chưa có số liệu." in text


@pytest.fixture
def unplanned_programme(world, programme):
    """Indicators with no target at all: a count two parties reported in 2024, a count of learning
    citizens from the records, and a share that cannot be computed without a target's base."""
    scope = scope_for_user(world.province_admin)
    trained = indicator_add(actor=None, scope=scope, programme=programme, code="dt", unit="count",
                            name="Lượt công nhân được đào tạo", source="reported")  # fmt: skip
    indicator_add(actor=None, scope=scope, programme=programme, code="cd", unit="count",
                  name="Công dân học tập", source="recognised", title="citizen")  # fmt: skip
    indicator_add(actor=None, scope=scope, programme=programme, code="tl", unit="percent",
                  name="Tỷ lệ công dân học tập", source="recognised", title="citizen")  # fmt: skip
    for node, value in ((world.commune_a, "130000"), (world.commune_b, "2500")):
        reported_value_set(actor=None, scope=scope, indicator=trained, year=2024, org_node=node,
                           value=value)  # fmt: skip
    f.recognised_citizens(world.province, [f.person(world.commune_a) for _ in range(2)], year=2024)
    return programme


def test_figures_without_a_target_show_on_the_dashboard_in_the_users_subtree(
    client, world, unplanned_programme
):
    client.force_login(world.province_admin)
    url = f"/reports/programmes/{unplanned_programme.pk}/?year=2024"

    page = client.get(url).content.decode()
    client.force_login(world.clerk_b)
    theirs = client.get(url).content.decode()

    assert "130.000" in page
    assert "2.500" in page
    assert "chưa giao" in page
    assert "Chưa giao chỉ tiêu nên chưa có mẫu số." in page
    assert "130.000" not in theirs  # commune A's figure is not commune B's to see
    assert "2.500" in theirs


def test_the_pages_open_on_the_latest_year_with_figures(client, world, unplanned_programme):
    client.force_login(world.province_admin)

    page = client.get(f"/reports/programmes/{unplanned_programme.pk}/").content.decode()
    detail = client.get(f"/programmes/{unplanned_programme.pk}/").content.decode()

    assert "năm 2024" in page
    assert "<option selected>2024</option>" in detail


def test_a_review_reports_the_figures_without_a_target_and_totals_them(world, unplanned_programme):
    scope = scope_for_user(world.province_admin)

    yearly = build(scope=scope, programme=unplanned_programme, year_from=2024, year_to=2024,
                   kind="yearly")  # fmt: skip
    midterm = build(scope=scope, programme=unplanned_programme, year_from=2023, year_to=2026,
                    kind="midterm")  # fmt: skip

    lines = {
        (r.figure.target.indicator.code, r.holder): r for s in yearly.sections for r in s.results
    }
    assert lines[("DT", "Hội Khuyến học xã A")].figure.actual == Decimal("130000")
    assert lines[("CD", "Tổng số")].figure.actual == Decimal("2")
    assert lines[("TL", "Tổng số")].figure.actual is None
    later = {
        (r.figure.target.indicator.code, r.holder): r for s in midterm.sections for r in s.results
    }
    assert later[("DT", "Hội Khuyến học xã B")].period_total == Decimal("2500")
    assert later[("DT", "Hội Khuyến học xã B")].figure.problem == "số liệu năm 2024"
    assert later[("CD", "Tổng số")].period_total == Decimal("2")
    assert sum(code == "DT" for code, _ in later) == 2  # no "not reported" line beside the parties
    # No party or place tables here: the assessment chapter follows the results as II.
    assert list(chapters(yearly).values()) == [
        "I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG VÀ PHƯƠNG HƯỚNG",
    ]  # fmt: skip


@pytest.mark.parametrize("odd", ["²", "٣", "2024x", "-1"])
def test_odd_numbers_in_the_address_fall_back_instead_of_failing(client, world, programme, odd):
    client.force_login(world.province_admin)
    pages = [
        f"/programmes/{programme.pk}/?year={odd}",
        f"/reports/programmes/{programme.pk}/?year={odd}",
        f"/reports/programmes/{programme.pk}/review.pdf?period={odd}",
        f"/funds/report/?year={odd}",
        f"/orgs/new/?parent={odd}",
    ]

    answers = {page: client.get(page).status_code for page in pages}

    assert answers == dict.fromkeys(pages, 200)


def test_the_dashboard_counts_many_targets_in_the_same_few_queries(world, programme, plan):
    scope = scope_for_user(world.province_admin)

    def queries() -> tuple[int, list]:
        with CaptureQueriesContext(connection) as seen:
            figures = dashboard.programme_figures(scope=scope, programme=programme, year=YEAR)
        return len(seen), figures

    few, before = queries()
    for i in range(12):  # more bodies with a title target and with a reported one
        child = f.orgnode(parent=world.province, kind="commune", code=f"Y{i}", name=f"Xã {i}")
        for indicator, value in ((plan["share"], "50"), (plan["count"].indicator, "10")):
            target_set(actor=None, scope=scope, indicator=indicator, year=YEAR, value=value,
                       org_node=child, base=10)  # fmt: skip
    many, after = queries()

    assert many == few
    assert len(after) == len(before) + 24


def test_the_second_partys_admin_sees_the_programmes_place_targets(world, programme, plan):
    labour = programme.parties.get(org_node__code="LDLD-40").org_node
    admin = f.user("ldld", labour, ["org_admin"])

    rows = dashboard.programme_figures(scope=scope_for_user(admin), programme=programme, year=YEAR)

    assert {r.holder for r in rows if r.planned} == {plan["vinh"].name, plan["vinh"].parent.name}


def test_a_sibling_commune_cannot_read_another_bodys_target_by_id(client, world, programme, plan):
    theirs = plan["top"].children.get(org_node=world.commune_a)
    mine = plan["top"].children.get(org_node=world.commune_b)
    client.force_login(world.clerk_b)

    other = client.get(f"/reports/targets/{theirs.pk}/")
    own = client.get(f"/reports/targets/{mine.pk}/")
    above = client.get(f"/reports/targets/{plan['top'].pk}/")
    place = client.get(f"/reports/targets/{plan['province'].pk}/")

    assert other.status_code == 404
    assert (own.status_code, above.status_code, place.status_code) == (200, 200, 200)
