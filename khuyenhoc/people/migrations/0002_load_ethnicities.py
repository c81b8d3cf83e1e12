"""Load the 54 official ethnic groups with the General Statistics Office codes (QĐ 121-TCTK/PPCĐ)."""

import unicodedata

from django.db import migrations

ETHNICITIES = [
    "Kinh", "Tày", "Thái", "Hoa", "Khmer", "Mường", "Nùng", "Hmông", "Dao", "Gia Rai", "Ngái",
    "Ê Đê", "Ba Na", "Xơ Đăng", "Sán Chay", "Cơ Ho", "Chăm", "Sán Dìu", "Hrê", "Mnông", "Raglay",
    "Xtiêng", "Bru Vân Kiều", "Thổ", "Giáy", "Cơ Tu", "Gié Triêng", "Mạ", "Khơ Mú", "Co", "Tà Ôi",
    "Chơ Ro", "Kháng", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí", "La Ha", "Phù Lá", "La Hủ",
    "Lự", "Lô Lô", "Chứt", "Mảng", "Pà Thẻn", "Cơ Lao", "Cống", "Bố Y", "Si La", "Pu Péo", "Brâu",
    "Ơ Đu", "Rơ Măm",
]


def _fold(value):
    text = unicodedata.normalize("NFC", value).lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def load(apps, schema_editor):
    Ethnicity = apps.get_model("people", "Ethnicity")
    Ethnicity.objects.bulk_create(
        [
            Ethnicity(code=f"{i:02d}", name=name, name_key=_fold(name))
            for i, name in enumerate(ETHNICITIES, start=1)
        ]
    )


def unload(apps, schema_editor):
    apps.get_model("people", "Ethnicity").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
