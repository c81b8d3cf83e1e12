"""The banks a fund's account can be at: the NAPAS members that take VietQR transfers, by BIN.

The list comes from the PyPI package vietnam-qr-pay (MIT; pinned in requirements.txt), the Python
port of the vietnam-qr-pay library whose bank table follows VietQR's public bank list (BIN, short and
full name). Its 1.0.0 of July 2025 knows 2025's renamings (LPBank, MBV, Vikki Bank); renamed banks
keep their BIN, and the old names, marked deprecated there, are left out here, as are members without
a BIN. Upgrading the pin updates the list; this module is the only reader of the package.
"""

from dataclasses import dataclass
from functools import cache

from vietnam_qr_pay.constants import BanksObject


@dataclass(frozen=True)
class Bank:
    bin: str  # the 6-digit NAPAS bank identification number, what a VietQR code carries
    short_name: str  # "Vietcombank"
    name: str  # "Ngân hàng TMCP Ngoại Thương Việt Nam"

    @property
    def label(self) -> str:
        """ "Vietcombank — Ngân hàng TMCP Ngoại Thương Việt Nam (970436)", as a select shows it."""
        return f"{self.short_name} — {self.name} ({self.bin})"

    @property
    def short_label(self) -> str:
        """ "Vietcombank (970436)", as pages and documents show it."""
        return f"{self.short_name} ({self.bin})"


@cache
def banks() -> tuple[Bank, ...]:
    """Every current NAPAS member with a BIN, sorted by short name (case and accents aside)."""
    found = {
        b.bin: Bank(bin=b.bin, short_name=b.short_name, name=b.name)
        for b in BanksObject.values()
        if b.bin and len(b.bin) == 6 and b.bin.isdigit() and not b.deprecated
    }
    return tuple(sorted(found.values(), key=lambda b: (b.short_name.casefold(), b.bin)))


@cache
def _by_bin() -> dict[str, Bank]:
    return {b.bin: b for b in banks()}


def bank_get(bin_: str) -> Bank | None:
    """The bank with this BIN, or None when no current NAPAS member has it."""
    return _by_bin().get((bin_ or "").strip())


def bank_choices() -> list[tuple[str, str]]:
    """(BIN, "Vietcombank — Ngân hàng TMCP Ngoại Thương Việt Nam (970436)") for a select."""
    return [(b.bin, b.label) for b in banks()]


def bank_short_label(bin_: str) -> str:
    """ "Vietcombank (970436)"; a BIN no longer in the list shows as the bare number, "" when none."""
    bank = bank_get(bin_)
    return bank.short_label if bank else (bin_ or "")


def bank_label(bin_: str) -> str:
    """The short and full name with the BIN; a BIN no longer in the list shows as the bare number."""
    bank = bank_get(bin_)
    return bank.label if bank else (bin_ or "")


ACCOUNT_DIGITS = (6, 19)
"""How many digits Vietnamese bank account numbers have (VietQR carries at most 19)."""


def account_number_ok(text: str) -> bool:
    """Digits only, of a length banks use; "" (no account) is for the caller to judge."""
    low, high = ACCOUNT_DIGITS
    return text.isascii() and text.isdigit() and low <= len(text) <= high
