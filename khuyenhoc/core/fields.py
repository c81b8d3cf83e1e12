"""Model fields shared by every app."""

from typing import Any

from django.db import models


class PathField(models.CharField):
    """A materialised path ("1.7.233."): ASCII, compared bytewise so prefix ranges are exact.

    On PostgreSQL the column gets the "C" collation whatever the database's default is, so that range
    scans on its B-tree index match byte order; SQLite compares text bytewise already.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def db_parameters(self, connection: Any) -> dict[str, Any]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params
