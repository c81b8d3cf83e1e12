from khuyenhoc.core.scope import prefix_q
from khuyenhoc.places.models import AdminUnit, Level
from khuyenhoc.places.selectors import former_provinces_of


def test_migrate_loads_the_post_2025_map_and_the_63_former_provinces(db):
    counts = {level: AdminUnit.objects.filter(level=level).count() for level in Level.values}

    assert counts == {"province": 34, "commune": 3321, "village": 0, "former_province": 63}
    assert AdminUnit.objects.get(level="commune", code="00070").name == "Phường Hoàn Kiếm"
    assert AdminUnit.objects.get(level="province", code="79").name == "Thành phố Hồ Chí Minh"


def test_every_commune_lies_under_its_province_path(db):
    orphans = AdminUnit.objects.filter(level="commune").exclude(parent__level="province")
    misplaced = [
        c.code
        for c in AdminUnit.objects.filter(level="commune")
        if not c.path.startswith(c.parent.path)
    ]

    assert not orphans.exists()
    assert misplaced == []


def test_former_provinces_roll_up_into_their_successors(db):
    hcm = AdminUnit.objects.get(level="province", code="79")
    phu_tho = AdminUnit.objects.get(level="province", code="25")
    brvt = AdminUnit.objects.get(level="former_province", code="77")
    hoa_binh = AdminUnit.objects.get(level="former_province", code="17")

    assert brvt.successor == hcm
    assert hoa_binh.successor == phu_tho
    assert not brvt.is_current
    assert brvt.valid_until.isoformat() == "2025-06-30"
    assert sorted(former_provinces_of(hcm).values_list("name", flat=True)) == [
        "Bà Rịa - Vũng Tàu",
        "Bình Dương",
        "Thành phố Hồ Chí Minh",
    ]
    under_hcm = AdminUnit.objects.filter(prefix_q("path", hcm.path))
    assert under_hcm.filter(pk=brvt.pk).exists()
    assert not under_hcm.filter(pk=hoa_binh.pk).exists()
