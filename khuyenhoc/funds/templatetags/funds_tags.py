"""Template filters of the fund pages: amounts in đồng, purposes and banks by name, QR codes as inline
SVG."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from khuyenhoc.funds.banks import bank_label
from khuyenhoc.funds.models import Purpose
from khuyenhoc.funds.words import dong as dong_text

register = template.Library()


@register.filter
def dong(amount: int | None) -> str:
    return dong_text(amount or 0)


@register.filter
def purpose_label(value: str) -> str:
    return Purpose(value).label if value in Purpose.values else value


@register.filter
def bank_name(bin_: str) -> str:
    """A BIN as "Vietcombank — Ngân hàng TMCP Ngoại Thương Việt Nam (970436)"."""
    return bank_label(bin_)


@register.simple_tag
def qr_svg(rows: list[bytes]) -> SafeString:
    """A QR code (rows of modules, 0 dark) as an SVG path, with a quiet zone of four modules."""
    size = len(rows) + 8
    path = "".join(
        f"M{4 + c},{4 + r}h1v1h-1z"
        for r, row in enumerate(rows)
        for c, v in enumerate(row)
        if v == 0
    )
    return format_html(
        '<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="240" height="240" '
        'role="img" aria-label="VietQR"><rect width="100%" height="100%" fill="#fff"/>'
        '<path d="{}" fill="#000"/></svg>',
        size, size, path,
    )  # fmt: skip
