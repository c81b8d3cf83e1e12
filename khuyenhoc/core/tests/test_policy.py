"""The one authority policy (core.scope): every role × action × where the record lies, written out here
by hand (not derived from the code), and the glossary's table checked against the same answers."""

import re
from pathlib import Path

import pytest

from khuyenhoc.core.scope import Action, Grant, Role, Scope

# The grant sits on commune A ("1.2."); records lie under it, on it, above it or beside it.
WHERE = {"inside": "1.2.7.", "same node": "1.2.", "above": "1.", "sibling": "1.3."}
ALL = set(Action)
EXPECTED: dict[str, set[str]] = {
    Role.SYSTEM_ADMIN: ALL,
    Role.ORG_ADMIN: ALL,
    Role.CLERK: {"view", "view_identity", "change", "record_money"},
    Role.EVALUATOR: {"view", "verify"},
    Role.APPROVER: {"view", "approve_payment", "issue_decision", "approve_report"},
    Role.ACCOUNTANT: {"view", "record_money"},
    Role.VIEWER: {"view"},
}
# Taken by the level above the record, never on the record's own node.
ONLY_FROM_ABOVE = {"verify", "approve_report"}
GLOSSARY = Path(__file__).resolve().parents[3] / "docs" / "glossary.md"


def _expected(role: str, action: str, where: str) -> bool:
    if action not in EXPECTED[role]:
        return False
    if role == Role.SYSTEM_ADMIN:  # a grant on the whole country: everything is below it
        return True
    if where == "same node":
        return action not in ONLY_FROM_ABOVE
    return where == "inside"


CASES = [(r, a, w) for r in EXPECTED for a in sorted(ALL) for w in WHERE]


@pytest.mark.parametrize(("role", "action", "where"), CASES)
def test_each_role_may_act_only_where_the_table_says(role, action, where):
    path = "" if role == Role.SYSTEM_ADMIN else "1.2."
    scope = Scope(user_id=1, grants=(Grant(path, role),))

    allowed = scope.allows(action, WHERE[where])

    assert allowed is _expected(role, action, where)


def test_every_role_and_action_is_in_the_table():
    assert set(EXPECTED) == set(Role.values)
    assert {a.value for a in Action} == {a for actions in EXPECTED.values() for a in actions}


def test_a_verifier_acts_from_the_nearest_grant_above_the_record():
    scope = Scope(user_id=1, grants=(Grant("1.", "evaluator"), Grant("1.2.", "org_admin")))

    assert scope.grant_above(Action.VERIFY, "1.2.7.") == "1.2."
    assert scope.grant_above(Action.VERIFY, "1.2.") == "1."
    assert scope.grant_above(Action.VERIFY, "1.") is None
    assert scope.grant_above(Action.APPROVE_PAYMENT, "1.3.") is None  # an evaluator never approves


def test_refusals_say_why_in_vietnamese():
    clerk = Scope(user_id=1, grants=(Grant("1.2.", "clerk"),))
    admin = Scope(user_id=2, grants=(Grant("1.2.", "org_admin"),))

    assert clerk.refusal(Action.CHANGE, "1.3.") == "Bản ghi nằm ngoài phạm vi tổ chức của bạn."
    assert clerk.refusal(Action.APPROVE_PAYMENT, "1.2.") == (
        "Vai trò của bạn không có quyền duyệt chi ở đơn vị này."
    )
    assert admin.refusal(Action.VERIFY, "1.2.") == (
        "Việc thẩm định phải do cấp trên thực hiện, không phải cùng cấp."
    )


def test_the_paths_above_the_grants_are_what_covers_them():
    scope = Scope(user_id=1, grants=(Grant("1.2.5.", "clerk"), Grant("7.", "viewer")))

    assert scope.paths_above() == ["1.", "1.2."]
    assert scope.sees_from_above("1.2.")
    assert not scope.sees_from_above("1.2.5.")
    assert not scope.sees_from_above("1.3.")


def test_the_glossary_table_is_the_policy():
    text = GLOSSARY.read_text(encoding="utf-8")
    section = text.split("## Who may do what")[1]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    header = [re.search(r"`(\w+)`", cell).group(1) for cell in rows[0].split("|")[2:-1]]

    table = {}
    for row in rows[1:]:
        cells = row.split("|")[1:-1]
        role = re.search(r"`(\w+)`", cells[0]).group(1)
        table[role] = {a for a, cell in zip(header, cells[1:], strict=True) if cell.strip() == "×"}

    assert table == {str(r): {str(a) for a in actions} for r, actions in EXPECTED.items()}
