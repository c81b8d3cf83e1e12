"""The Content Security Policy forbids inline code, so no template may carry any.

The browser test (tests/browser/test_csp.py) proves the pages run under the policy; this one names the
template and line at once when someone adds an `onclick=`, a `style=` or an inline `<script>`.
"""

import re
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "khuyenhoc").rglob("templates/**/*.html"))

INLINE = {
    "an inline event handler (onclick=, onchange=…)": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "a style= attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "a <style> block": re.compile(r"<style[\s>]", re.IGNORECASE),
    "a javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "an hx-on attribute (evaluated code)": re.compile(r"\shx-on", re.IGNORECASE),
    # A <script> with a src, or a JSON data block (json_script), is fine; any other runs inline code.
    "an inline <script>": re.compile(
        r"<script(?![^>]*\ssrc=)(?![^>]*application/json)[^>]*>", re.IGNORECASE
    ),
}


def test_the_templates_were_found():
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("what", INLINE)
def test_no_template_carries_inline_code_or_style(what):
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in TEMPLATES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if INLINE[what].search(line)
    ]

    assert found == [], f"{what}: move it to khuyenhoc/static (js/app.js, css/app.css)"


@pytest.mark.django_db
def test_pages_and_fragments_carry_the_strict_policy(client, world):
    client.force_login(world.clerk_a)

    page = client.get("/people/persons/")
    fragment = client.get("/people/persons/", {"q": "an"}, HTTP_HX_REQUEST="true")

    for response in (page, fragment):
        policy = dict(
            part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
        )
        assert policy["default-src"] == "'self'"
        assert policy["script-src"] == "'self'"
        assert policy["style-src"] == "'self'"
        assert policy["img-src"] == "'self' data:"
        assert policy["object-src"] == "'none'"
        assert policy["frame-ancestors"] == "'none'"
        assert policy["form-action"] == "'self'"
        assert policy["base-uri"] == "'self'"


@pytest.mark.django_db
def test_a_refused_form_gets_the_sites_own_page_not_djangos_inline_styled_one():
    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/accounts/login/", {"username": "ai", "password": "x"})

    assert response.status_code == 403
    body = response.content.decode()
    assert "Không gửi được biểu mẫu" in body
    assert "<style" not in body
    assert "css/app.css" in body
