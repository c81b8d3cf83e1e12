"""Load the 34 provinces and 3,321 communes of the post-1-July-2025 map (from `vietnam-provinces`) and the
63 provinces that existed before, each linked to its successor (Resolution 202/2025/QH15)."""

import datetime
import unicodedata

from django.db import migrations

REFORM_DAY = datetime.date(2025, 7, 1)

# (pre-2025 code, name, division type, successor's post-2025 code), per Nghị quyết 202/2025/QH15.
# Written by hand: onflow-location-platform, the suggested source, is not on a reachable registry.
FORMER_PROVINCES = [
    ("01", "Thành phố Hà Nội", "thành phố trung ương", "01"),
    ("02", "Hà Giang", "tỉnh", "08"),
    ("04", "Cao Bằng", "tỉnh", "04"),
    ("06", "Bắc Kạn", "tỉnh", "19"),
    ("08", "Tuyên Quang", "tỉnh", "08"),
    ("10", "Lào Cai", "tỉnh", "15"),
    ("11", "Điện Biên", "tỉnh", "11"),
    ("12", "Lai Châu", "tỉnh", "12"),
    ("14", "Sơn La", "tỉnh", "14"),
    ("15", "Yên Bái", "tỉnh", "15"),
    ("17", "Hòa Bình", "tỉnh", "25"),
    ("19", "Thái Nguyên", "tỉnh", "19"),
    ("20", "Lạng Sơn", "tỉnh", "20"),
    ("22", "Quảng Ninh", "tỉnh", "22"),
    ("24", "Bắc Giang", "tỉnh", "24"),
    ("25", "Phú Thọ", "tỉnh", "25"),
    ("26", "Vĩnh Phúc", "tỉnh", "25"),
    ("27", "Bắc Ninh", "tỉnh", "24"),
    ("30", "Hải Dương", "tỉnh", "31"),
    ("31", "Thành phố Hải Phòng", "thành phố trung ương", "31"),
    ("33", "Hưng Yên", "tỉnh", "33"),
    ("34", "Thái Bình", "tỉnh", "33"),
    ("35", "Hà Nam", "tỉnh", "37"),
    ("36", "Nam Định", "tỉnh", "37"),
    ("37", "Ninh Bình", "tỉnh", "37"),
    ("38", "Thanh Hóa", "tỉnh", "38"),
    ("40", "Nghệ An", "tỉnh", "40"),
    ("42", "Hà Tĩnh", "tỉnh", "42"),
    ("44", "Quảng Bình", "tỉnh", "44"),
    ("45", "Quảng Trị", "tỉnh", "44"),
    ("46", "Thừa Thiên Huế", "tỉnh", "46"),
    ("48", "Thành phố Đà Nẵng", "thành phố trung ương", "48"),
    ("49", "Quảng Nam", "tỉnh", "48"),
    ("51", "Quảng Ngãi", "tỉnh", "51"),
    ("52", "Bình Định", "tỉnh", "52"),
    ("54", "Phú Yên", "tỉnh", "66"),
    ("56", "Khánh Hòa", "tỉnh", "56"),
    ("58", "Ninh Thuận", "tỉnh", "56"),
    ("60", "Bình Thuận", "tỉnh", "68"),
    ("62", "Kon Tum", "tỉnh", "51"),
    ("64", "Gia Lai", "tỉnh", "52"),
    ("66", "Đắk Lắk", "tỉnh", "66"),
    ("67", "Đắk Nông", "tỉnh", "68"),
    ("68", "Lâm Đồng", "tỉnh", "68"),
    ("70", "Bình Phước", "tỉnh", "75"),
    ("72", "Tây Ninh", "tỉnh", "80"),
    ("74", "Bình Dương", "tỉnh", "79"),
    ("75", "Đồng Nai", "tỉnh", "75"),
    ("77", "Bà Rịa - Vũng Tàu", "tỉnh", "79"),
    ("79", "Thành phố Hồ Chí Minh", "thành phố trung ương", "79"),
    ("80", "Long An", "tỉnh", "80"),
    ("82", "Tiền Giang", "tỉnh", "82"),
    ("83", "Bến Tre", "tỉnh", "86"),
    ("84", "Trà Vinh", "tỉnh", "86"),
    ("86", "Vĩnh Long", "tỉnh", "86"),
    ("87", "Đồng Tháp", "tỉnh", "82"),
    ("89", "An Giang", "tỉnh", "91"),
    ("91", "Kiên Giang", "tỉnh", "91"),
    ("92", "Thành phố Cần Thơ", "thành phố trung ương", "92"),
    ("93", "Hậu Giang", "tỉnh", "92"),
    ("94", "Sóc Trăng", "tỉnh", "92"),
    ("95", "Bạc Liêu", "tỉnh", "96"),
    ("96", "Cà Mau", "tỉnh", "96"),
]


def _fold(value):
    # Frozen copy of khuyenhoc.core.text.fold (migrations never import app code).
    text = " ".join(unicodedata.normalize("NFC", value).split()).lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def load(apps, schema_editor):
    from vietnam_provinces import Province, Ward

    AdminUnit = apps.get_model("places", "AdminUnit")
    provinces = {}
    for p in sorted(Province.iter_all(), key=lambda p: p.code.value):
        code = f"{p.code.value:02d}"
        provinces[code] = AdminUnit.objects.create(
            code=code, level="province", division_type=p.division_type.value, name=p.name,
            name_key=_fold(p.name), path=f"{code}.", province_code=code, valid_from=REFORM_DAY,
        )
    communes = []
    for w in sorted(Ward.iter_all(), key=lambda w: w.code.value):
        code, pcode = f"{w.code.value:05d}", f"{w.province_code.value:02d}"
        communes.append(
            AdminUnit(
                code=code, level="commune", division_type=w.division_type.value, name=w.name,
                name_key=_fold(w.name), parent=provinces[pcode], path=f"{pcode}.{code}.",
                province_code=pcode, valid_from=REFORM_DAY,
            )
        )
    AdminUnit.objects.bulk_create(communes, batch_size=1000)
    AdminUnit.objects.bulk_create(
        [
            AdminUnit(
                code=code, level="former_province", division_type=kind, name=name,
                name_key=_fold(name), successor=provinces[succ], path=f"{succ}.f{code}.",
                province_code=succ, valid_until=REFORM_DAY - datetime.timedelta(days=1),
            )
            for code, name, kind, succ in FORMER_PROVINCES
        ]
    )


def unload(apps, schema_editor):
    apps.get_model("places", "AdminUnit").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
