"""Models of study-promotion funds, one module per sub-domain; imported here so that Django, the
migrations and the rest of the code find them as `khuyenhoc.funds.models`."""

from khuyenhoc.funds.models.campaigns import FundCampaign, Pledge
from khuyenhoc.funds.models.donations import Donation
from khuyenhoc.funds.models.ledger import (
    ACCOUNT_OF_METHOD,
    ASSETS,
    Account,
    Counter,
    EntryKind,
    Fund,
    JournalEntry,
    LedgerLine,
    Method,
    MonthTotal,
    Party,
    Purpose,
    SubFund,
)
from khuyenhoc.funds.models.payments import Disbursement, PaymentStatus
from khuyenhoc.funds.models.transfers import TransferRequest

__all__ = [
    "ACCOUNT_OF_METHOD",
    "ASSETS",
    "Account",
    "Counter",
    "Disbursement",
    "Donation",
    "EntryKind",
    "Fund",
    "FundCampaign",
    "JournalEntry",
    "LedgerLine",
    "Method",
    "MonthTotal",
    "Party",
    "PaymentStatus",
    "Pledge",
    "Purpose",
    "SubFund",
    "TransferRequest",
]
