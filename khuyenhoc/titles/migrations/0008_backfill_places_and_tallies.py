"""Fill the new place columns of existing registrations from their subjects, then count the tallies."""

from django.db import migrations


def _place(reg):
    subject = reg.person or reg.household or reg.clan
    place = getattr(subject, "commune", None) if subject is not None else None
    if reg.place is not None:
        place = reg.place.parent if reg.place.level == "village" else reg.place
    if reg.unit is not None:
        place = reg.unit.place
    if place is None:
        return getattr(subject or reg.unit, "province_code", "") or "", ""
    if place.level == "village":
        place = place.parent
    return place.province_code, place.code if place.level == "commune" else ""


def backfill(apps, schema_editor):
    Registration = apps.get_model("titles", "Registration")
    TitleTally = apps.get_model("titles", "TitleTally")
    rows = Registration.objects.select_related(
        "person__commune", "household__commune", "clan__commune", "place__parent", "unit__place"
    )
    counts = {}
    for reg in rows.iterator(chunk_size=2000):
        reg.province_code, reg.commune_code = _place(reg)
        Registration.objects.filter(pk=reg.pk).update(
            province_code=reg.province_code, commune_code=reg.commune_code
        )
        key = (reg.year, reg.title, reg.status, reg.org_path, reg.commune_code)
        province, n = counts.get(key, (reg.province_code, 0))
        counts[key] = (province, n + 1)
    TitleTally.objects.bulk_create(
        TitleTally(year=y, title=t, status=s, org_path=p, commune_code=c, province_code=prov, count=n)
        for (y, t, s, p, c), (prov, n) in counts.items()
    )


class Migration(migrations.Migration):
    dependencies = [("titles", "0007_registration_place_and_tallies")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
