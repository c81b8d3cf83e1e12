"""Mark the learning-unit criterion "100% of members have the qualities of a learning citizen"
(Circular 22/2020, Art. 5.3, 25 points) as computed from the members' learning-citizen records."""

from django.db import migrations


def mark(apps, schema_editor):
    Criterion = apps.get_model("titles", "Criterion")
    Criterion.objects.filter(
        group__criteria_set__code="DVHT-TT22-2020", text__startswith="100% thành viên đạt phẩm chất"
    ).update(measure="members_citizens")  # a data label only: the scores of the set do not change


def unmark(apps, schema_editor):
    apps.get_model("titles", "Criterion").objects.update(measure="")


class Migration(migrations.Migration):
    dependencies = [("titles", "0005_criterion_measure")]
    operations = [migrations.RunPython(mark, unmark)]
