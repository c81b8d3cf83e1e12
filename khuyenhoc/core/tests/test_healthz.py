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
