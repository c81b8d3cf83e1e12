from django.db.models import F

from khuyenhoc.core.scope import prefix_q
from khuyenhoc.places.models import AdminUnit, AdminUnitSuccession, Level
from khuyenhoc.places.selectors import former_provinces_of


def test_migrate_loads_the_post_2025_map_and_the_63_former_provinces(db):
    counts = {level: AdminUnit.objects.filter(level=level).count() for level in Level.values}

    assert counts == {
        "province": 34,
        "commune": 3321,
        "village": 0,
        "former_province": 63,
        "former_commune": 10035,
    }
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


def test_every_former_commune_lies_under_its_former_province_and_leads_to_current_communes(db):
    formers = AdminUnit.objects.filter(level="former_commune")
    no_link = formers.exclude(pk__in=AdminUnitSuccession.objects.values("predecessor"))
    main_links = AdminUnitSuccession.objects.filter(is_main=True)
    wrong_main = main_links.exclude(successor=F("predecessor__successor"))
    stray = AdminUnitSuccession.objects.exclude(successor__level="commune")

    assert not formers.exclude(parent__level="former_province").exists()
    assert not no_link.exists()
    assert main_links.count() == formers.count()
    assert not wrong_main.exists()
    assert not stray.exists()
    assert not formers.exclude(successor__province_code=F("province_code")).exists()


def test_a_former_commune_names_its_district_and_the_ward_it_joined(db):
    hung_loc = AdminUnit.objects.get(
        level="former_commune", name="Phường Hưng Lộc", province_code="40"
    )
    vinh_loc = AdminUnit.objects.get(level="commune", name="Phường Vinh Lộc")
    hcm = AdminUnit.objects.get(level="province", code="79")

    assert (hung_loc.former_district, hung_loc.parent.name) == ("Thành phố Vinh", "Nghệ An")
    assert hung_loc.successor == vinh_loc
    assert not hung_loc.is_current
    assert hung_loc.valid_until.isoformat() == "2025-06-30"
    assert [u.pk for u in AdminUnit.objects.current().filter(name="Phường Hưng Lộc")] == []
    under_hcm = AdminUnit.objects.filter(prefix_q("path", hcm.path), level="former_commune")
    assert under_hcm.filter(former_district="Thành phố Vũng Tàu").exists()
