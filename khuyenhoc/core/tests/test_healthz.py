from django.db import connection


def test_healthz_names_the_database_and_reports_migrations_applied(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    data = response.json()
    assert data["database"] == connection.vendor
    assert data["migrations_applied"] is True


def test_vietnamese_number_format(db):
    from django.template import Context, Template
    from django.utils import translation

    with translation.override("vi"):
        html = Template(
            "{% load humanize %}{{ n|intcomma }} {{ d|date:'SHORT_DATE_FORMAT' }}"
        ).render(Context({"n": 1234567, "d": __import__("datetime").date(2025, 7, 1)}))

    assert html == "1.234.567 01/07/2025"


def test_unknown_api_address_answers_the_json_envelope(client, db):
    response = client.get("/api/v1/khong-co/")

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_unknown_page_answers_a_vietnamese_404(client, db):
    response = client.get("/khong-co/")

    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()
