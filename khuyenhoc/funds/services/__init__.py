"""Writes for funds: open funds and sub-funds, record donations, draft, approve and pay out, correct.

Money moves only through here (the web pages, the API, the importer and the demo call these), each
operation in one transaction holding the fund's row lock: an entry is posted with its numbered document
or not at all. Amounts are whole đồng, greater than zero.
"""
