"""A4 PDF documents with a Vietnamese font, shared by every app that prints (decisions, certificates,
receipts, vouchers): fpdf2 with DejaVu Serif (the font of the pinned npm package `dejavu-fonts-ttf`),
and QR codes (zxing-cpp) drawn on them as vector paths."""

import re
from datetime import date
from typing import Any

import zxingcpp
from django.conf import settings
from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT = "DejaVuSerif"


def new_document(orientation: str = "P") -> FPDF:
    """An empty A4 document with the administrative margins (left 30 mm, right 15, top 20) and the
    font in its four styles."""
    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    pdf.set_margins(30, 20, 15)
    pdf.set_auto_page_break(auto=True, margin=20)
    fonts = settings.PDF_FONT_DIR
    pdf.add_font(FONT, "", str(fonts / "DejaVuSerif.ttf"))
    pdf.add_font(FONT, "B", str(fonts / "DejaVuSerif-Bold.ttf"))
    pdf.add_font(FONT, "I", str(fonts / "DejaVuSerif-Italic.ttf"))
    pdf.add_font(FONT, "BI", str(fonts / "DejaVuSerif-BoldItalic.ttf"))
    return pdf


def date_line(place: str, day: date) -> str:
    """ "Nghệ An, ngày 05 tháng 3 năm 2026" (day and months 1–2 with a leading zero, as the decree asks)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def place_name(node: Any) -> str:
    """Where a body issues its documents from: its province's name without "Tỉnh "/"Thành phố "
    ("" when the body has no place)."""
    place = node.place
    if place is None:
        return ""
    province = place if place.level == "province" else getattr(place, "parent", None)
    name = (province or place).name
    for prefix in ("Thành phố ", "Tỉnh "):
        name = name.removeprefix(prefix)
    return name


def decree_header(pdf: FPDF, *, parent: str, issuer: str, number: str, date_text: str) -> None:
    """The header of Decree 30/2020/NĐ-CP: the issuer on the left (about two fifths: the body above it,
    the issuer in bold capitals, the number), the national motto on the right (underlined) with the
    place and date; the cursor ends below both."""
    width, right = 64, pdf.epw - 64
    top = pdf.get_y()
    pdf.set_font(FONT, "", 11)
    if parent:
        pdf.multi_cell(width, 5, parent, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "B", 10.5)
    pdf.multi_cell(width, 5, issuer.upper(), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 11)
    pdf.cell(width, 7, f"Số: {number}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    left_bottom = pdf.get_y()
    pdf.set_xy(pdf.l_margin + width, top)
    motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    fit(pdf, motto, right, "B", 12)
    pdf.cell(right, 5, motto, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, "BU", 12)  # the motto is underlined
    pdf.cell(right, 6, "Độc lập - Tự do - Hạnh phúc", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, "I", 12)
    pdf.cell(right, 8, date_text, align="C")
    pdf.set_y(max(left_bottom, pdf.get_y() + 7) + 6)


def fit(pdf: FPDF, text: str, width: float, style: str, size: float) -> None:
    """Set the largest font size up to `size` at which `text` fits in `width` on one line."""
    while size > 7:
        pdf.set_font(FONT, style, size)
        if pdf.get_string_width(text) <= width - 2:
            return
        size -= 0.5


_DARK_RUN = re.compile(rb"\x00+")


def qr_modules(text: str) -> list[bytes]:
    """The QR code of `text` (error correction M) as rows of modules, 0 for dark, 255 for light.

    zxing-cpp encodes (and picks the mask by the standard's penalty rules) in C++, some twenty times
    faster than a pure-Python encoder: ten thousand certificates carry ten thousand different codes."""
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = barcode.to_image(scale=1, add_quiet_zones=False)
    size = image.shape[1]
    # zxingcpp.Image has the buffer protocol; its type stub does not say so.
    data = memoryview(image).tobytes()  # type: ignore[arg-type]
    return [data[i : i + size] for i in range(0, len(data), size)]


def draw_qr(pdf: FPDF, text: str, *, x: float, y: float, size: float) -> None:
    """A QR code of `text` in the `size` mm square at (x, y), quiet zone included, drawn as one filled
    path of its dark runs: vector (sharp when printed) and far cheaper per page than an image.

    fpdf2 has no call that fills many rectangles as one path, so the PDF operators are written through
    its `_out`, as its own `rect` does (hand-written for speed: 10,000 certificates)."""
    rows = qr_modules(text)
    step = size / (len(rows) + 4) * pdf.k  # two modules of quiet zone on each side
    left, top = (x * pdf.k) + 2 * step, (pdf.h - y) * pdf.k - 2 * step
    # In module units (one module = one unit, rows downwards), the runs are whole numbers.
    ops = [f"q 0 g {step:.4f} 0 0 {-step:.4f} {left:.2f} {top:.2f} cm"]  # black, in its own state
    ops += [
        f"{run.start()} {r} {run.end() - run.start()} 1 re"
        for r, row in enumerate(rows)
        for run in _DARK_RUN.finditer(row)
    ]
    ops.append("f Q")
    pdf._out("\n".join(ops))
