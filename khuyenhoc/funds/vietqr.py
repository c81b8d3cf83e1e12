"""VietQR payloads (NAPAS, on the EMVCo merchant-presented QR standard) for bank transfers to a fund.

A transfer made by scanning the code carries the fund's bank account, the amount and a reference of
ours in the "purpose of transaction" field; the bank statement shows the reference in the line's
description, which is how statement lines are matched to what donors were asked to pay.
Hand-written: the payload is a few tag-length-value fields and a CRC; no maintained library builds it.
"""

GUID = "A000000727"  # NAPAS
SERVICE_TO_ACCOUNT = "QRIBFTTA"  # transfer to a bank account (VietQR "Napas 247 to account")


def _field(tag: str, value: str) -> str:
    return f"{tag}{len(value):02d}{value}"


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF) as four hex digits, as EMVCo asks."""
    crc = 0xFFFF
    for byte in data.encode("utf-8"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def payload(*, bank_bin: str, account: str, amount: int | None = None, reference: str = "") -> str:
    """The text to encode in the QR code (dynamic when it carries an amount)."""
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
