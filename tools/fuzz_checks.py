"""Schemathesis checks of our own for the API fuzz run (.ci/fuzz loads them through tools/fuzz.toml).

The schemas carry every limit a schema can state; what no schema can know — an id that names nothing in
the token's scope, a duplicate, fields that contradict each other — is a 400 naming the field. So the
fuzz run lets a schema-valid request be refused with a 400 (fuzz.toml), and this check holds that
refusal to what a business rule answers: the error envelope, each error naming an input field of the
operation with a message. A 422 for schema-valid input still fails positive_data_acceptance: it means
the schema promised more than the API accepts.
"""

from typing import Any

import schemathesis


def _input_names(case: Any) -> set[str]:
    """The names of the operation's parameters and body properties, and the keys the case sent."""
    operation = case.operation.definition.raw
    names = {param.get("name") for param in operation.get("parameters", [])}
    for media in operation.get("requestBody", {}).get("content", {}).values():
        body = media.get("schema", {})
        ref = body.get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            body = case.operation.schema.raw_schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
        names |= set(body.get("properties", {}))
    if isinstance(case.body, dict):
        names |= set(case.body)
    return names | set(case.query or {}) | set(case.path_parameters or {})


@schemathesis.check
def valid_input_refused_only_by_a_named_rule(ctx: Any, response: Any, case: Any) -> None:
    """A schema-valid request refused with a 400 names, per error, an input field of the operation."""
    meta = case.meta
    if response.status_code != 400 or meta is None or not meta.generation.mode.is_positive:
        return
    errors = response.json().get("errors") or []
    if not errors:
        raise AssertionError("A 400 without errors in its envelope")
    names = _input_names(case)
    for error in errors:
        if not error.get("message") or error.get("field") not in names:
            raise AssertionError(
                f"A schema-valid request was refused with a 400 that names no input field: {error}"
            )
