"""Import and export kinds of the people app (registered when Django starts: see bulk.apps)."""

from khuyenhoc.people.bulk import clans, households, memberships, persons

__all__ = ["clans", "households", "memberships", "persons"]
