"""The "learning titles" panel: a subject's titles by year, on the pages of persons, households,
clans, units, villages and communes. Those pages belong to apps below this one, so they ask for the
panel by name (core/panels.py) and this app offers it when it starts (apps.TitlesConfig.ready)."""

from typing import Any

from django.template import Context
from django.utils.safestring import SafeString

from khuyenhoc.titles.models import SUBJECT_OF_TITLE, Status
from khuyenhoc.titles.selectors import registrations_of_subject

KIND_OF_MODEL = {
    "person": "person", "household": "household", "clan": "clan", "orgnode": "unit", "adminunit": "place",
}  # fmt: skip


def recognised_streak(years: list[int]) -> int:
    """Consecutive years up to the latest recognised one ("3 consecutive years")."""
    streak, previous = 0, None
    for year in sorted(set(years), reverse=True):
        if previous is not None and year != previous - 1:
            break
        streak, previous = streak + 1, year
    return streak


def learning_titles(context: Context, subject: Any) -> SafeString:
    """The subject's titles and recognised streaks, as titles/_subject_titles.html lays them out."""
    template = context.template.engine.get_template("titles/_subject_titles.html")
    return template.render(context.new(_titles_of(context, subject)))


def _titles_of(context: Context, subject: Any) -> dict[str, Any]:
    kind = KIND_OF_MODEL.get(subject._meta.model_name, "")
    request = context.get("request")
    if not kind or request is None or not hasattr(request, "scope"):
        return {"rows": [], "streaks": []}
    rows = list(registrations_of_subject(scope=request.scope, kind=kind, pk=subject.pk)[:50])
    streaks = []
    for title, _subject_kind in SUBJECT_OF_TITLE.items():
        years = [r.year for r in rows if r.title == title and r.status == Status.RECOGNISED]
        if years:
            streaks.append((title.label, recognised_streak(years)))
    return {"rows": rows, "streaks": streaks}
