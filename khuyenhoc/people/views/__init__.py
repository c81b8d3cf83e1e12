"""HTML views for persons, households, clans and memberships."""
