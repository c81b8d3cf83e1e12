"""Template helpers every app may load: query strings that keep the current filters, numbers written
the Vietnamese way ("62,5%", "1.000"), and the panels higher apps add to a record's page."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.safestring import SafeString

from khuyenhoc.core.numbers import number_text
from khuyenhoc.core.panels import panel_render
from khuyenhoc.core.privacy import mask_birth, mask_cell, masked_field
from khuyenhoc.core.scope import Action

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: object) -> str:
    """The current query string with `changes` applied (None or "" removes a key)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter
def vn(value: Any) -> str:
    """A number with dot thousands and comma decimals, up to two decimals; "—" when unknown."""
    return "—" if value is None or value == "" else number_text(Decimal(value))


@register.filter
def in_unit(value: Any, unit: str) -> str:
    """A figure in its indicator's unit: "62,5%" for a percentage, "1.000" for a count."""
    text = vn(value)
    return f"{text}%" if unit == "percent" and text != "—" else text


@register.simple_tag(takes_context=True)
def panel(context: template.Context, name: str, subject: Any) -> SafeString:
    """The panel a higher app offers as `name` for `subject` (core/panels.py); nothing if none."""
    return panel_render(name, context=context, subject=subject)


@register.filter
def masked_cccd(value: str | None) -> object:
    """A CCCD as lists and search results show it to everyone: "0401******76" (a user name or code
    that is not CCCD-shaped stays as it is)."""
    return mask_cell("cccd", value or "")


@register.simple_tag(takes_context=True)
def personal(context: template.Context, person: Any, field: str) -> str:
    """A person's birth date or phone: in full for those allowed to see identities where the person
    is managed (core.scope VIEW_IDENTITY), masked for everyone else (core.privacy)."""
    scope = getattr(context.get("request"), "scope", None)
    full = scope is not None and scope.allows(Action.VIEW_IDENTITY, person.org_path)
    if field == "birth":
        if full and person.birth_date:
            return date_format(person.birth_date, "SHORT_DATE_FORMAT")
        if full:
            return str(person.birth_year or "")
        return mask_birth(person.birth_date, person.birth_year)
    value = getattr(person, field)
    return value if full else str(masked_field(field, value))
