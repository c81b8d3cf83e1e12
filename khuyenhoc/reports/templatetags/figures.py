"""Numbers on the dashboards, written the Vietnamese way ("62,5%", "1.000")."""

from decimal import Decimal
from typing import Any

from django import template

from khuyenhoc.reports.review import number

register = template.Library()


@register.filter
def vn(value: Any) -> str:
    """A number with dot thousands and comma decimals, up to two decimals; "—" when unknown."""
    return number(None if value is None or value == "" else Decimal(value))


@register.filter
def in_unit(value: Any, unit: str) -> str:
    """A figure in its indicator's unit: "62,5%" for a percentage, "1.000" for a count."""
    text = vn(value)
    return f"{text}%" if unit == "percent" and text != "—" else text
