"""Writes for learning titles: campaigns, registrations, assessments, evidence, decisions, criteria
sets and the tallies kept with them (one write path per operation; import from the sub-module)."""
