"""Model fields shared by every app."""

from typing import Any

from django.db import models


class BytewiseCharField(models.CharField):
    """ASCII text compared byte by byte, so that prefix ranges and sort order are the same everywhere.

    On PostgreSQL the column gets the "C" collation whatever the database's default is (a linguistic
    collation would ignore spaces and dots when comparing); SQLite compares text bytewise already.
    Indexes are declared in Meta.indexes, which spares PostgreSQL the extra LIKE-pattern copy.
    """

    def db_parameters(self, connection: Any) -> dict[str, Any]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


class PathField(BytewiseCharField):
    """A materialised path ("1.7.233."): everything under a node is one prefix range."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)
