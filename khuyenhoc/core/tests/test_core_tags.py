"""The tag library every app may load: Vietnamese figures and the panels higher apps offer."""

from django.template import Context, Template
from django.utils.safestring import SafeString

from khuyenhoc.core import panels


def _render(text: str, **context: object) -> str:
    return Template("{% load core_tags %}" + text).render(Context(context))


def test_figures_are_written_the_vietnamese_way_in_their_unit():
    rendered = _render(
        "{{ a|in_unit:'percent' }} {{ b|in_unit:'count' }} {{ c|vn }}", a="62.5", b=1000, c=None
    )

    assert rendered == "62,5% 1.000 —"


def test_a_panel_offered_by_an_app_is_rendered_and_an_unknown_one_is_empty(monkeypatch):
    monkeypatch.setattr(panels, "_PANELS", {})  # registrations of this test end with it
    panels.panel_register("test_greeting", lambda context, who: SafeString(f"<b>{who}</b>"))

    rendered = _render(
        "[{% panel 'test_greeting' who %}][{% panel 'nobody_offers' who %}]", who="An"
    )

    assert rendered == "[<b>An</b>][]"
