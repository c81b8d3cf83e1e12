"""Load the organisation systems: the Association for Promoting Education and its partners in the seeds."""

from django.db import migrations

SYSTEMS = [
    ("HKH", "Hội Khuyến học Việt Nam", "Hội Khuyến học", True),
    ("CD", "Công đoàn Việt Nam (Liên đoàn Lao động)", "LĐLĐ", False),
    ("DTN", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn TN", False),
    ("LHPN", "Hội Liên hiệp Phụ nữ Việt Nam", "Hội LHPN", False),
    ("HND", "Hội Nông dân Việt Nam", "Hội ND", False),
    ("CCB", "Hội Cựu chiến binh Việt Nam", "Hội CCB", False),
    ("CTD", "Hội Chữ thập đỏ Việt Nam", "Hội CTĐ", False),
    ("NCT", "Hội Người cao tuổi Việt Nam", "Hội NCT", False),
    ("MTTQ", "Mặt trận Tổ quốc Việt Nam", "MTTQ", False),
    ("DU", "Đảng ủy khối các cơ quan và doanh nghiệp", "Đảng ủy khối", False),
    ("CQNN", "Cơ quan nhà nước (sở, ban, ngành)", "Cơ quan nhà nước", False),
]


def load(apps, schema_editor):
    OrgSystem = apps.get_model("orgs", "OrgSystem")
    for order, (code, name, short, is_assoc) in enumerate(SYSTEMS):
        OrgSystem.objects.update_or_create(
            code=code,
            defaults={"name": name, "short_name": short, "is_association": is_assoc, "sort_order": order},
        )


def unload(apps, schema_editor):
    apps.get_model("orgs", "OrgSystem").objects.filter(code__in=[s[0] for s in SYSTEMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
