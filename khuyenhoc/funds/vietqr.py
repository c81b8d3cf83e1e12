"""VietQR payloads (NAPAS, on the EMVCo merchant-presented QR standard) for bank transfers to a fund.

A transfer made by scanning the code carries the fund's bank account, the amount and a reference of
ours in the "purpose of transaction" field; the bank statement shows the reference in the line's
description, which is how statement lines are matched to what donors were asked to pay.
Hand-written: the payload is a few tag-length-value fields and a CRC; no maintained library builds it.
"""

import re

from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.money import MAX_AMOUNT_DIGITS, AmountError, check_amount
from khuyenhoc.funds.banks import ACCOUNT_DIGITS, account_number_ok

GUID = "A000000727"  # NAPAS
SERVICE_TO_ACCOUNT = "QRIBFTTA"  # transfer to a bank account (VietQR "Napas 247 to account")


def _field(tag: str, value: str) -> str:
    return f"{tag}{len(value):02d}{value}"


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF) as four hex digits, as EMVCo asks."""
    crc = 0xFFFF
    for byte in data.encode("utf-8"):
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


_BIN = re.compile(r"[0-9]{6}")


def check_bank_account(bank_bin: str, account: str) -> None:
    """A bank (its 6-digit BIN, as NAPAS numbers banks) and an account number of 6 to 19 digits,
    which is what a VietQR code can carry; both empty is allowed (a fund without a bank account)."""
    if not bank_bin and not account:
        return
    if not _BIN.fullmatch(bank_bin or ""):
        raise DomainError(
            ErrorCode.INVALID, _("Mã ngân hàng (BIN) phải gồm đúng 6 chữ số, ví dụ 970436."),
            field="bank_bin",
        )  # fmt: skip
    if not account_number_ok(account or ""):
        raise DomainError(
            ErrorCode.INVALID,
            _("Số tài khoản chỉ gồm chữ số (không dấu cách, dấu gạch), từ %(low)s đến %(high)s số.")
            % {"low": ACCOUNT_DIGITS[0], "high": ACCOUNT_DIGITS[1]},
            field="bank_account",
        )


def payload(*, bank_bin: str, account: str, amount: int | None = None, reference: str = "") -> str:
    """The text to encode in the QR code (dynamic when it carries an amount).

    Refuses (DomainError) what would make an invalid code: a bank or account VietQR cannot carry,
    or an amount outside 1..MAX_AMOUNT (EMVCo's amount field holds at most 13 characters)."""
    check_bank_account(bank_bin, account)
    if not bank_bin:
        raise DomainError(
            ErrorCode.INVALID, _("Quỹ chưa có tài khoản ngân hàng để nhận chuyển khoản."),
            field="bank_account",
        )  # fmt: skip
    if amount is not None:
        try:
            check_amount(amount)
        except AmountError as err:
            raise DomainError(ErrorCode.INVALID, err.message, field="amount") from None
        if len(str(amount)) > MAX_AMOUNT_DIGITS:  # cannot happen below MAX_AMOUNT: said twice
            raise DomainError(ErrorCode.INVALID, _("Số tiền quá 13 chữ số."), field="amount")
    beneficiary = _field("00", bank_bin) + _field("01", account)
    merchant = _field("00", GUID) + _field("01", beneficiary) + _field("02", SERVICE_TO_ACCOUNT)
    text = _field("00", "01") + _field("01", "12" if amount else "11") + _field("38", merchant)
    text += _field("53", "704")
    if amount:
        text += _field("54", str(amount))
    text += _field("58", "VN")
    if reference:
        text += _field("62", _field("08", reference))
    text += "6304"
    return text + crc16(text)
