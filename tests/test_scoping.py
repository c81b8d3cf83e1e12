"""Every page: a clerk of a sibling commune sees none of another commune's records and cannot change them.

The walk covers every named URL of the project; a new URL fails `test_every_url_is_classified` until it is
added to one of the tables below, so no page escapes the scoping check.
"""

import io

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from python_calamine import CalamineWorkbook

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.models import ImportJob
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.people.models import Clan, Household, Person
from tests.conftest import SECRET, Secrets

# URL name → which record of commune A its `pk` names (pages about one record).
DETAIL = {
    "orgs:detail": "node",
    "orgs:children": "node",
    "orgs:edit": "node",
    "people:person-detail": "person",
    "people:person-edit": "person",
    "people:membership-add": "person",
    "people:membership-end": "membership",
    "people:household-detail": "household",
    "people:household-edit": "household",
    "people:household-member-add": "household",
    "people:household-member-remove": "member",
    "people:clan-detail": "clan",
    "people:clan-edit": "clan",
    "people:clan-household-add": "clan",
    "people:clan-household-remove": "clan",
    "titles:campaign-detail": "campaign",
    "titles:campaign-register": "campaign",
    "titles:registration-detail": "registration",
    "titles:registration-assess": "registration",
    "titles:registration-verify": "registration",
    "titles:campaign-decide": "campaign",
    "titles:decision-detail": "decision",
    "titles:decision-pdf": "decision",
    "titles:decision-certificates": "decision",
    "titles:decision-revoke": "decision",
    "titles:registration-evidence": "registration",
    "titles:evidence-file": "evidence",
    "titles:citizen-account": "person",
    "titles:decision-certificate": "decision",
    "funds:fund-detail": "funds.fund",
    "funds:sub-fund-create": "funds.fund",
    "funds:donation-create": "funds.fund",
    "funds:payment-create": "funds.fund",
    "funds:campaign-create": "funds.fund",
    "funds:pledge-create": "funds.fund",
    "funds:transfer-create": "funds.fund",
    "funds:statement": "funds.fund",
    "funds:donation-receipt": "funds.donation",
    "funds:donation-correct": "funds.donation",
    "funds:payment-decide": "funds.payment",
    "funds:payment-voucher": "funds.payment",
    "funds:payment-correct": "funds.payment",
    "funds:campaign-detail": "funds.campaign",
    "funds:pledge-detail": "funds.pledge",
    "funds:transfer-detail": "funds.transfer",
    "programmes:detail": "programmes.programme",
    "programmes:content-create": "programmes.programme",
    "programmes:indicator-create": "programmes.programme",
    "programmes:target-create": "programmes.programme",
    "programmes:activity-create": "programmes.programme",
    "programmes:reported-create": "programmes.programme",
    "programmes:period-create": "programmes.programme",
    "programmes:document-create": "programmes.programme",
    "programmes:target-cascade": "programmes.target",
    "programmes:bases-refresh": "programmes.programme",
    "programmes:period": "programmes.period",
    "programmes:submission-decide": "programmes.submission",
    "programmes:file": "programmes.document",
    "programmes:activity-edit": "programmes.activity",
    "reports:programme": "programmes.programme",
    "reports:review-docx": "programmes.programme",
    "reports:review-pdf": "programmes.programme",
    "reports:review-xlsx": "programmes.programme",
    "reports:target": "programmes.target",
    "reports:place": "programmes.indicator",
    "reports:node": "programmes.indicator",
}
POST_ONLY = {
    "people:membership-add",
    "people:clan-household-remove",
    "titles:campaign-register",
    "titles:registration-evidence",
    "titles:citizen-account",
    "funds:payment-decide",
    "programmes:target-cascade",
    "programmes:bases-refresh",
    "programmes:submission-decide",
}
# Lists and searches: they answer, but must not show commune A's records.
LISTS = {
    "core:home": "",
    "orgs:tree": "?q=xa+a",
    "people:person-list": "?q=hoang+bi+mat",
    "people:household-list": "",
    "people:clan-list": "",
    "people:membership-list": "?org=HKH-A",
    "accounts:user-list": "",
    "orgs:create": "?parent={node}",
    "titles:campaign-list": "",
    "titles:decision-list": "",
    "funds:fund-list": "",
    "programmes:list": "",
}
# Pages that hold no subtree data, each with the reason.
EXEMPT = {
    "healthz": "public health check",
    "ping": "public liveness probe",
    "set_language": "language switch",
    "accounts:login": "sign-in",
    "accounts:logout": "sign-out",
    "accounts:profile": "the user's own account",
    "accounts:token-revoke": "only the user's own tokens",
    "accounts:user-create": "form; target checked on save",
    "places:province-list": "administrative units are shared reference data",
    "places:detail": "administrative units are shared reference data",
    "places:village-create": "administrative units are shared reference data",
    "people:person-create": "form; the managing unit is checked on save",
    "people:household-create": "form; the managing unit is checked on save",
    "people:clan-create": "form; the managing unit is checked on save",
    "bulk:index": "the user's own import runs",
    "bulk:job": "the user's own import runs (test_other_users_import_run_is_404)",
    "bulk:job-report": "the user's own import runs (test_other_users_import_run_is_404)",
    "bulk:job-retry": "the user's own import runs (test_other_users_import_run_is_404)",
    "bulk:template": "an empty template",
    "bulk:upload": "form; every row's unit is checked against the scope on import",
    "bulk:export": "walked for every kind in test_sibling_clerk_exports_nothing_of_commune_a",
    "titles:campaign-create": "form; the organising unit is checked on save",
    "titles:criteria-list": "criteria sets are shared reference data",
    "titles:criteria-detail": "criteria sets are shared reference data",
    "titles:criteria-copy": "form; the issuing unit is checked on save (test_criteria_web)",
    "titles:criteria-publish": "the owner of the set is checked (test_criteria_web)",
    "titles:criterion-edit": "the owner of the set is checked (test_criteria_web)",
    "titles:verify": "public certificate check: name, title and decision only (test_verify_page)",
    "titles:me": "a citizen's own registrations only (titles/tests/test_citizen.py)",
    "titles:me-register": "a citizen registers themself only (titles/tests/test_citizen.py)",
    "titles:me-registration": "a citizen's own registrations only (titles/tests/test_citizen.py)",
    "titles:me-evidence": "a citizen's own registrations only (titles/tests/test_evidence.py)",
    "titles:me-evidence-file": "a citizen's own files only (titles/tests/test_evidence.py)",
    "funds:fund-create": "form; the managing unit is checked on save",
    "funds:report": "sums of the user's own subtree only (funds/tests/test_web.py)",
    "funds:public": "a fund's public page, only when its managers publish it (funds/tests/test_web.py)",
    "programmes:create": "form; the lead party is checked on save",
}


def _names(patterns: list, namespace: str = "") -> set[str]:
    names = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in {"admin", "api"}:
                continue  # Django admin is for superusers only; the API has its own walk in test_api_scoping
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(namespace + entry.name)
    return names


def _url(name: str, secrets: Secrets) -> str:
    record = DETAIL[name]
    app, _, field = record.rpartition(".")
    holder = getattr(secrets, app) if app else secrets
    kwargs = {"pk": getattr(holder, field)}
    if name == "programmes:file":
        kwargs["kind"] = "document"
    if name == "reports:place":
        kwargs["code"] = "40"
    if name == "reports:node":
        kwargs["node_pk"] = secrets.programmes.node
    if name == "people:clan-household-remove":
        kwargs["link_pk"] = secrets.link
    if name == "titles:decision-certificate":
        kwargs["line"] = secrets.line
    return reverse(name, kwargs=kwargs)


def test_every_url_is_classified():
    names = _names(get_resolver().url_patterns)

    assert names - set(DETAIL) - set(LISTS) - set(EXEMPT) == set()


@pytest.mark.parametrize("name", sorted(DETAIL))
def test_sibling_clerk_gets_404_for_every_record_page(client, world, secrets, name):
    client.force_login(world.clerk_b)

    page = client.get(_url(name, secrets))
    change = client.post(_url(name, secrets), {"full_name": "Đã bị đổi", "name": "Đã bị đổi"})

    # 404 where the clerk may act but not on this record; 403 where the clerk's role may not act at all.
    assert page.status_code in {403, 404, 405}
    assert change.status_code in {403, 404}
    assert "Bí Mật" not in page.content.decode() + change.content.decode()

    assert Person.objects.get(pk=secrets.person).full_name == SECRET
    assert Household.objects.get(pk=secrets.household).name == f"Gia đình {SECRET}"
    assert Clan.objects.get(pk=secrets.clan).name == "Họ Bí Mật"


@pytest.mark.parametrize("name", sorted(DETAIL))
def test_own_clerk_can_open_every_record_page(client, world, secrets, name):
    client.force_login(world.province_admin)

    expected = 405 if name in POST_ONLY else 200
    assert client.get(_url(name, secrets)).status_code == expected


@pytest.mark.parametrize("name", sorted(LISTS))
def test_sibling_clerk_sees_nothing_of_commune_a_in_lists(client, world, secrets, name):
    client.force_login(world.clerk_b)

    response = client.get(reverse(name) + LISTS[name].format(node=secrets.node))

    assert response.status_code in {200, 403, 404}
    body = response.content.decode()
    assert "Bí Mật" not in body
    assert "clerk_a" not in body


def test_own_scope_lists_do_show_commune_a(client, world, secrets):
    client.force_login(world.clerk_a)

    body = client.get(reverse("people:person-list") + "?q=hoang+bi+mat").content.decode()

    assert SECRET in body
    assert scope_for_user(world.clerk_a).allows("change", world.commune_a.path)


@pytest.mark.parametrize("kind", [k.name for k in registry.all_kinds()])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_sibling_clerk_exports_nothing_of_commune_a(client, world, secrets, kind, fmt):
    client.force_login(world.clerk_b)

    response = client.get(reverse("bulk:export", args=[kind]), {"format": fmt})

    raw = b"".join(response.streaming_content)
    if fmt == "xlsx":  # compressed: read the cells back
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(raw)).get_sheet_by_index(0)
        text = str(sheet.to_python())
    else:
        text = raw.decode()
    assert response.status_code == 200
    assert "Bí Mật" not in text
    assert "Bi Mat" not in text


def test_own_clerk_exports_commune_a(client, world, secrets):
    client.force_login(world.clerk_a)

    csv_text = b"".join(
        client.get(reverse("bulk:export", args=["persons"])).streaming_content
    ).decode()
    xlsx = b"".join(
        client.get(reverse("bulk:export", args=["persons"]), {"format": "xlsx"}).streaming_content
    )
    cells = CalamineWorkbook.from_filelike(io.BytesIO(xlsx)).get_sheet_by_index(0).to_python()

    assert SECRET in csv_text
    assert SECRET in str(cells)


def test_other_users_import_run_is_404(client, world):
    job = ImportJob.objects.create(kind="persons", file_name="a.csv", created_by=world.clerk_a)
    client.force_login(world.clerk_b)

    assert client.get(reverse("bulk:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("bulk:job-report", args=[job.pk])).status_code == 404
    assert client.post(reverse("bulk:job-retry", args=[job.pk])).status_code == 404
