"""Writes for persons, households, clans and memberships (one write path per operation)."""
