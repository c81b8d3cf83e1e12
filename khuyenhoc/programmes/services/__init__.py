"""Writes for coordination programmes, one module per entity: import from the sub-module.

The programme and its parties, contents and documents (`programmes`); indicators and targets, their
cascade to the levels below and their counted denominators (`targets`); activities (`activities`);
reported figures and the reporting discipline: submit, approve bottom-up, lock, re-open (`reporting`).
"""
