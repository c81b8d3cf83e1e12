"""Writes for funds, one module per entity: import from the sub-module.

Funds and sub-funds, the ledger, donations, payments (drafted, approved and paid out), corrections,
campaigns and pledges, transfer requests and bank statements. Money moves only through here (the web
pages, the API, the importer and the demo call these), each operation in one transaction holding the
fund's row lock: an entry is posted with its numbered document or not at all. Amounts are whole đồng,
greater than zero.
"""
