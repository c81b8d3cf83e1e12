"""The English catalogue: complete, compiled from the current .po, and actually served.

Source strings are Vietnamese; English comes from khuyenhoc/locale/en/LC_MESSAGES/django.po.
CI has no gettext tools, so the compiled django.mo is committed next to the .po; these tests fail
when the .mo is stale (refresh with `khuyenhoc makemessages ...` + `khuyenhoc compilemessages`,
see the README).
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


def _unquote(line: str) -> str:
    """The text of one PO string literal, escapes resolved (the PO escapes are C's, like Python's)."""
    return ast.literal_eval(line.strip())


def parse_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (a dict by plural index), flags.

    Entries are separated by blank lines; obsolete `#~` lines are skipped, as msgfmt does.
    Enough of the format for Django's catalogues.
    """
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {}, "flags": set()}
        field = None
        for raw in block.splitlines():
            line = raw.strip()
            if line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(",") if f.strip())
            elif not line or line.startswith("#"):
                continue
            elif line.startswith('"'):
                assert field is not None, f"continuation line outside a field: {raw!r}"
                name, index = field
                if name == "msgstr":
                    entry["msgstr"][index] += _unquote(line)
                else:
                    entry[name] += _unquote(line)
            else:
                keyword, _, rest = line.partition(" ")
                if keyword.startswith("msgstr"):
                    index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
                    entry["msgstr"][index] = _unquote(rest)
                    field = ("msgstr", index)
                elif keyword in {"msgctxt", "msgid", "msgid_plural"}:
                    entry[keyword] = _unquote(rest)
                    field = (keyword, None)
                else:
                    raise AssertionError(f"unexpected line in {path.name}: {raw!r}")
        if entry["msgid"] is not None:
            entries.append(entry)
    return entries


def expected_catalog(entries: list[dict]) -> dict:
    """What msgfmt must have put in the .mo: GNUTranslations' catalogue keys and values."""
    catalog = {}
    for e in entries:
        if e["msgid"] == "" or "fuzzy" in e["flags"]:
            continue
        if not any(e["msgstr"].values()):  # msgfmt leaves untranslated entries out
            continue
        key = e["msgid"] if e["msgctxt"] is None else f"{e['msgctxt']}\x04{e['msgid']}"
        if e["msgid_plural"] is None:
            catalog[key] = e["msgstr"][0]
        else:
            for index, text in e["msgstr"].items():
                catalog[(key, index)] = text
    return catalog


@pytest.fixture(autouse=True)
def _no_language_leak():
    """LocaleMiddleware activates the request's language for the thread; don't leak English."""
    yield
    translation.deactivate()


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    return parse_po(PO_PATH)


def test_the_po_is_the_english_catalogue(entries):
    header = next(e for e in entries if e["msgid"] == "")["msgstr"][0]

    assert "Language: en\n" in header
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header
    assert len(entries) > 100


def test_compiled_mo_matches_the_po(entries):
    with MO_PATH.open("rb") as fp:
        compiled = gettext.GNUTranslations(fp)
    mo_catalog = {k: v for k, v in compiled._catalog.items() if k != ""}
    po_catalog = expected_catalog(entries)

    stale = sorted(
        str(k)
        for k in po_catalog.keys() | mo_catalog.keys()
        if po_catalog.get(k) != mo_catalog.get(k)
    )
    assert not stale, (
        f"django.mo is out of date with django.po for {len(stale)} strings, e.g. {stale[:5]}; "
        "run `khuyenhoc compilemessages -l en` in khuyenhoc/ and commit django.mo"
    )
    assert compiled.info()["language"] == "en"


def test_every_string_has_an_english_translation(entries):
    untranslated = [
        e["msgid"] for e in entries if e["msgid"] != "" and not all(e["msgstr"].values())
    ]
    fuzzy = [e["msgid"] for e in entries if e["msgid"] != "" and "fuzzy" in e["flags"]]

    assert not untranslated, f"untranslated strings in django.po: {untranslated}"
    assert not fuzzy, f"fuzzy (unchecked) translations in django.po: {fuzzy}"


def test_translations_keep_the_placeholders(entries):
    broken = [
        (e["msgid"], text)
        for e in entries
        if e["msgid"]
        for text in e["msgstr"].values()
        if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(e["msgid"]))
    ]

    assert not broken


def test_login_page_is_vietnamese_by_default(client, db):
    html = client.get(reverse("accounts:login")).content.decode()

    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html
    assert "Tên đăng nhập" in html


def test_login_page_is_english_when_the_browser_asks_for_it(client, db):
    html = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<html lang="en">' in html
    assert "Sign in" in html
    assert "Username" in html
    assert "Đăng nhập" not in html


def test_language_switch_form_makes_the_ui_english(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})

    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Sign in" in html
    assert "Đăng nhập" not in html


def test_english_error_messages(client, db):
    response = client.post(
        reverse("accounts:login"),
        {"username": "nobody", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert "Incorrect username or password." in response.content.decode()
