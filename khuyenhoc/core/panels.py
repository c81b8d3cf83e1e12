"""Panels a higher app shows on the pages of a lower app's records (a person's learning titles).

A lower app may not import a higher one, not even through a template tag library, so the higher app
offers a renderer under a name when it starts (its AppConfig.ready) and the page asks for it by that
name: `{% load core_tags %}{% panel "learning_titles" person %}`. A name no installed app offers
renders nothing.
"""

from collections.abc import Callable
from typing import Any

from django.template import Context
from django.utils.safestring import SafeString

Renderer = Callable[[Context, Any], SafeString]
_PANELS: dict[str, Renderer] = {}


def panel_register(name: str, render: Renderer) -> None:
    """Offer `render(context, subject)` to every template as the panel `name`."""
    _PANELS[name] = render


def panel_render(name: str, *, context: Context, subject: Any) -> SafeString:
    """The panel `name` for `subject`, or nothing when no installed app offers it."""
    render = _PANELS.get(name)
    return render(context, subject) if render is not None else SafeString("")
