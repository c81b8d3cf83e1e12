"""`field__one_of=[...]`: membership in a long list of values, sent as one parameter.

`field__in=[...]` expands to one placeholder per value; for the thousands of keys an import batch looks up,
building and binding those placeholders costs more than the index probes. `one_of` sends the list as a
single parameter: a PostgreSQL array (`= ANY(%s)`) or a JSON array on SQLite (`IN (SELECT value FROM
json_each(%s))`); both plans probe the column's index once per value. Hand-written because Django has no
such lookup (django.contrib.postgres has none for scalar columns either).
"""

import json
from typing import Any

from django.db.models import Field, Lookup


@Field.register_lookup
class OneOf(Lookup):
    lookup_name = "one_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = [field.get_db_prep_value(v, connection, prepared=False) for v in self.rhs]
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, values]
        sql = f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608  (lhs is a column)
        return sql, [*lhs_params, json.dumps(values)]
