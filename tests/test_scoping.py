"""Every page: a clerk of a sibling commune sees none of another commune's records and cannot change them.

The walk covers every named URL of the project; a new URL fails `test_every_url_is_classified` until it is
added to one of the tables below, so no page escapes the scoping check.
"""

import io
import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from python_calamine import CalamineWorkbook

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.models import ImportJob
from khuyenhoc.core import clock
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.people.models import Clan, Household, Person
from khuyenhoc.testing import factories as f
from tests.conftest import SECRET, Secrets

# URL name → which record of commune A its `pk` names (pages about one record).
DETAIL = {
    "orgs:detail": "node",
    "orgs:children": "node",
    "orgs:edit": "node",
    "people:person-detail": "person",
    "people:person-edit": "person",
    "people:person-data": "person",
    "people:person-erase": "person",
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
    "funds:fund-edit": "funds.fund",
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
    "core:access-log": "",
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
    "accounts:username-change": "only the user's own account (accounts/tests/test_username.py)",
    "accounts:token-revoke": "only the user's own tokens",
    "accounts:user-create": "form; target checked on save",
    "places:province-list": "administrative units are shared reference data",
    "places:detail": "administrative units are shared reference data",
    "places:village-create": "the commune in its path: walked in WRITES below (villages are added "
    "only under communes the user's organisation covers)",
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


# ---------------------------------------------------------------------------------------------------
# The write walk: every page that takes a reference to another record in its body or its query string
# is posted by a sibling of commune B with each reference, one at a time, naming commune A's record
# (the others naming B's own). Nothing may change and nothing of A may show; the same post with B's
# records only (the control) does change something, so the refusal is the reference's, not the body's.
# `{x}` is replaced by A's or B's record; `{b_x}` always by B's (the page's own record, e.g. B's fund).
TODAY = "{today}"
WRITES = {
    "people:person-create": ("", "", {"org_node": "{node_code}", "full_name": "Người Mới",
                                      "gender": "male", "birth_year": "1990"}),
    "people:person-edit": ("{b_person2}", "", {"org_node": "{node_code}", "full_name": "Tên Đổi",
                                               "gender": "male", "birth_year": "1990"}),
    "people:membership-add": ("{b_person}", "", {"org_node": "{node_code}", "kind": "member"}),
    "people:household-create": ("", "", {"org_node": "{node_code}", "name": "Gia đình Mới"}),
    "people:household-edit": ("{b_household}", "", {"org_node": "{node_code}", "name": "Gia đình Đổi"}),
    "people:household-member-add": ("{b_household}", "", {"person": "{person2}", "relation": "child"}),
    "people:clan-create": ("", "", {"org_node": "{node_code}", "name": "Họ Mới"}),
    "people:clan-edit": ("{b_clan}", "", {"org_node": "{node_code}", "name": "Họ Đổi"}),
    "people:clan-household-add": ("{b_clan}", "", {"household": "{household2}"}),
    "accounts:user-create": ("", "", {"username": "moi", "org_node": "{node_code}", "roles": "clerk",
                                      "password": "mat-khau-moi-42"}),
    "orgs:create": ("", "?parent={node}", {"kind": "branch", "code": "MOI-1", "name": "Chi hội Mới",
                                           "place": "{commune_code}"}),
    "orgs:edit": ("{b_node}", "", {"kind": "commune", "code": "{b_node_code}", "name": "Tên Đổi",
                                   "place": "{commune_code}"}),
    "places:village-create": ("{commune}", "", {"name": "Thôn Mới", "division_type": "thôn"}),
    "titles:campaign-create": ("", "", {"title": "family", "year": "{year}", "org_node": "{node_code}",
                                        "registration_until": TODAY, "self_assessment_until": TODAY,
                                        "verification_until": TODAY, "decision_until": TODAY}),
    "titles:campaign-register": ("{b_campaign}", "", {"subject": "{person2}",
                                 "subject_group": "Người dân cư trú trên địa bàn xã"}),
    "titles:campaign-decide": ("{b_campaign}", "", {"number": "9/QĐ", "signed_on": TODAY,
                               "signer": "Ký", "signer_title": "Chủ tịch",
                               "org_node": "{node_code}", "registrations": "{registration}"}),
    "funds:fund-create": ("", "", {"org_node": "{node_code}", "code": "QMOI", "name": "Quỹ Mới"}),
    "funds:fund-edit": ("{b_fund}", "", {"name": "Quỹ Đổi Tên", "bank_bin": "970436",
                        "bank_account": "0011009876543", "is_public": "on"}),
    "funds:donation-create": ("{b_fund}", "", {"party_kind": "person", "person": "{person}",
                              "amount": "100.000", "method": "cash", "purpose": "donation",
                              "received_on": TODAY}),
    "funds:payment-create": ("{b_fund}", "", {"party_kind": "person", "person": "{person}",
                             "amount": "1", "method": "cash", "purpose": "scholarship"}),
    "funds:campaign-create": ("{b_fund}", "", {"name": "Đợt Mới", "purpose": "one_day_salary",
                              "starts_on": TODAY, "ends_on": TODAY, "org_node": "{node_code}"}),
    "funds:pledge-create": ("{b_fund}", "", {"party_kind": "person", "person": "{person}",
                            "total": "1.200.000", "instalments": "1", "every_months": "1",
                            "first_due_on": TODAY}),
    "funds:transfer-create": ("{b_fund}", "", {"party_kind": "person", "person": "{person}",
                              "amount": "100.000"}),
    "programmes:create": ("", "", {"code": "CTPH-MOI", "title": "Mới", "signed_on": TODAY,
                                   "starts_year": "2030", "ends_year": "2031",
                                   "parties": "{node_code}"}),
    "programmes:indicator-create": ("{b_programme}", "", {"code": "M1", "name": "Mới", "unit": "count",
                                    "source": "reported", "content": "{content}"}),
    "programmes:target-create": ("{b_programme}", "", {"indicator": "{indicator}", "year": "{year}",
                                 "org_node": "{node_code}", "value": "5"}),
    "programmes:activity-create": ("{b_programme}", "", {"org_node": "{node_code}",
                                   "content": "{content}", "happened_on": TODAY,
                                   "summary": "Đã họp"}),
    "programmes:reported-create": ("{b_programme}", "", {"indicator": "{indicator}", "year": "{year}",
                                   "org_node": "{node_code}", "value": "5"}),
    "programmes:bases-refresh": ("{b_programme}", "", {"indicator": "{indicator}"}),
    "programmes:period": ("{b_period}", "", {"org_node": "{node_code}", "note": "Báo cáo"}),
}  # fmt: skip
# Controls that succeed without a row to change: B's reported indicator has no denominator to recount.
CONTROL_CHANGES_NOTHING = {"programmes:bases-refresh"}
# Pages that take no reference to another record beyond the one in their path (walked above for
# commune A's records), or whose body names nothing of another subtree — each with the reason.
WRITES_WITHOUT_REFERENCES = {
    **dict.fromkeys(DETAIL.keys() - WRITES.keys(), "its only reference is the record in its path"),
    **dict.fromkeys(
        LISTS.keys() - WRITES.keys(), "a list; its query is walked in QUERY_REFERENCES"
    ),
    **{name: reason for name, reason in EXEMPT.items() if name not in WRITES},
    "bulk:upload": "the unit code: bulk/tests/test_web.py, test_upload_refuses_a_unit_outside_...; "
    "each row's unit is checked on import",
}
# GET pages whose query string names a record: A's record must not show (nor narrow to A's rows).
QUERY_REFERENCES = {
    "people:person-list": "?org={node_code}",
    "people:membership-list": "?org={node_code}",
    "people:person-create": "?org={node_code}",
    "orgs:create": "?parent={node}",
    "orgs:tree": "?q={node_code}",
    "bulk:export": "?org={node_code}",
    "titles:campaign-list": "?q={node_code}",
}


def _keys(spec: tuple) -> list[str]:
    text = " ".join([spec[0], spec[1], *spec[2].values()])
    return sorted(
        {
            k
            for k in re.findall(r"{(\w+)}", text)
            if not k.startswith("b_") and k not in {"today", "year"}
        }
    )


def _fill(template: str, sides, foreign: str | None) -> str:
    values = {f"b_{k}": v for k, v in sides.b.refs().items()}
    values |= {k: (sides.a if k == foreign else sides.b).refs()[k] for k in sides.b.refs()}
    values["today"] = clock.today().strftime("%d/%m/%Y")
    values["year"] = str(clock.today().year)
    return template.format(**values)


def _request(name: str, sides, foreign: str | None) -> tuple[str, dict]:
    pk, query, body = WRITES[name]
    kwargs = {"pk": _fill(pk, sides, foreign)} if pk else {}
    if name == "places:village-create":
        kwargs = {"pk": _fill("{commune}", sides, foreign)}
    url = reverse(name, kwargs=kwargs) + _fill(query, sides, foreign)
    return url, {k: _fill(v, sides, foreign) for k, v in body.items()}


def _rows() -> dict[str, int]:
    """Rows of every table (history tables too: an edit writes one), sessions aside."""
    return {
        m._meta.db_table: m._base_manager.count()
        for m in apps.get_models()
        if m._meta.db_table != "django_session"
    }


WRITE_CASES = [(name, key) for name in sorted(WRITES) for key in _keys(WRITES[name])]


@pytest.fixture
def admin_b(world):
    """The strongest sibling: every action in commune B's subtree (org_admin)."""
    return f.user("admin_b", world.commune_b, ["org_admin"])


def test_every_page_is_classified_for_the_write_walk():
    names = _names(get_resolver().url_patterns)

    assert names - set(WRITES) - set(WRITES_WITHOUT_REFERENCES) == set()
    assert set(QUERY_REFERENCES) <= names


@pytest.mark.parametrize("who", ["clerk_b", "admin_b"])
@pytest.mark.parametrize(("name", "foreign"), WRITE_CASES)
def test_sibling_cannot_write_naming_commune_as_records(
    client, world, sides, admin_b, who, name, foreign
):
    client.force_login(admin_b if who == "admin_b" else world.clerk_b)
    url, body = _request(name, sides, foreign)
    before = _rows()

    response = client.post(url, body)

    assert response.status_code in {400, 403, 404, 422}, (url, body, response.status_code)
    assert _rows() == before
    assert "Người A" not in response.content.decode()


@pytest.mark.parametrize("name", sorted(WRITES))
def test_the_same_write_naming_bs_own_records_goes_through(client, world, sides, admin_b, name):
    client.force_login(admin_b)
    url, body = _request(name, sides, None)
    before = _rows()

    response = client.post(url, body)

    errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    assert response.status_code == 302, (url, body, response.status_code, errors)
    assert _rows() != before or name in CONTROL_CHANGES_NOTHING


@pytest.mark.parametrize("name", sorted(QUERY_REFERENCES))
def test_query_references_to_commune_a_reveal_nothing(client, world, sides, admin_b, name):
    client.force_login(admin_b)

    page = reverse(name, args=["persons"] if name == "bulk:export" else [])
    response = client.get(page + _fill(QUERY_REFERENCES[name], sides, "node_code"))
    again = client.get(page + _fill(QUERY_REFERENCES[name], sides, "node"))

    assert response.status_code in {200, 400, 403, 404, 422}
    assert again.status_code in {200, 400, 403, 404, 422}
    body = b"".join([*response, *again]).decode()
    assert "Người A" not in body
    assert "Gia đình A" not in body
    assert "Hội Khuyến học xã A" not in body
