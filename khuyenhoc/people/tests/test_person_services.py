import pytest
from django.core.exceptions import PermissionDenied

from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.people import selectors
from khuyenhoc.people.cccd import make_cccd
from khuyenhoc.people.models import Person
from khuyenhoc.people.services.persons import person_create, person_update
from khuyenhoc.places.services import village_create
from khuyenhoc.testing import factories as f


def test_clerk_creates_person_with_nfc_name_and_search_key(world):
    scope = scope_for_user(world.clerk_a)

    person = person_create(
        actor=world.clerk_a,
        scope=scope,
        org_node=world.commune_a,
        full_name="  Nguye\u0302\u0303n   Văn  An ",
        gender="male",
        birth_year=1985,
        cccd=make_cccd(province="040", gender="male", birth_year=1985, serial=7),
    )

    assert person.full_name == "Nguyễn Văn An"
    assert person.name_key == "nguyen van an"
    assert person.org_path == world.commune_a.path
    assert person.history.first().history_user == world.clerk_a


def test_cccd_that_lost_its_leading_zero_is_restored(world):
    person = f.person(world.commune_a, gender="male", birth_year=1985, cccd=40085000007)

    assert person.cccd == "040085000007"


@pytest.mark.parametrize(
    ("cccd", "gender", "year", "fragment"),
    [
        ("12345", "male", 1985, "12 chữ số"),
        ("123456789", "male", 1985, "CMND 9 số cũ không dùng được"),
        ("999085000001", "male", 1985, "mã tỉnh"),
        ("040185000001", "male", 1985, "giới tính"),
        ("040090000001", "male", 1985, "năm sinh"),
    ],
)
def test_invalid_cccd_is_refused_with_a_vietnamese_message(world, cccd, gender, year, fragment):
    scope = scope_for_user(world.clerk_a)

    with pytest.raises(DomainError) as err:
        person_create(
            actor=world.clerk_a,
            scope=scope,
            org_node=world.commune_a,
            full_name="Lê Thị Bình",
            gender=gender,
            birth_year=year,
            cccd=cccd,
        )

    assert err.value.field == "cccd"
    assert fragment in err.value.message
    assert not Person.objects.exists()


def test_two_persons_with_one_cccd_are_refused(world):
    first = f.person(world.commune_a)

    with pytest.raises(DomainError) as err:
        f.person(world.commune_b, cccd=first.cccd, gender=first.gender, birth_year=first.birth_year)

    assert err.value.code == "duplicate"
    assert Person.objects.count() == 1


def test_village_of_another_commune_is_refused(world):
    home, other = f.commune("40", 0), f.commune("40", 1)
    village = village_create(actor=None, scope=f.ROOT, commune=other, name="Thôn Đông")

    with pytest.raises(DomainError) as err:
        f.person(world.commune_a, commune=home, village=village)

    assert err.value.field == "village"
    assert "không thuộc" in err.value.message


def test_clerk_cannot_create_or_move_persons_outside_their_subtree(world):
    scope = scope_for_user(world.clerk_a)
    mine = f.person(world.commune_a)

    with pytest.raises(PermissionDenied):
        person_create(
            actor=world.clerk_a, scope=scope, org_node=world.commune_b, full_name="A", gender="male"
        )
    with pytest.raises(PermissionDenied):
        person_update(
            actor=world.clerk_a, scope=scope, person=mine, data={"org_node": world.commune_b}
        )


def test_search_ignores_diacritics_and_case_and_stays_in_scope(world):
    f.person(world.commune_a, full_name="Nguyễn Văn An")
    f.person(world.commune_b, full_name="Nguyễn Văn Ân")
    f.person(world.commune_a, full_name="Trần Thị Bích")

    found = selectors.person_list(scope=scope_for_user(world.clerk_a), search="NGUYEN van an")

    assert [p.full_name for p in found] == ["Nguyễn Văn An"]
    province_found = selectors.person_list(
        scope=scope_for_user(world.province_admin), search="van an"
    )
    assert sorted(p.full_name for p in province_found) == ["Nguyễn Văn An", "Nguyễn Văn Ân"]


def test_village_code_must_be_safe_for_the_path_and_generated_codes_never_collide(world):
    scope = scope_for_user(world.clerk_a)
    commune = f.commune("40", 0)  # commune A's place
    first = village_create(actor=None, scope=scope, commune=commune, name="Thôn 1")
    village_create(
        actor=None, scope=scope, commune=commune, name="Thôn 3", code=f"{commune.code}-002"
    )

    second = village_create(actor=None, scope=scope, commune=commune, name="Thôn 2")

    assert first.code == f"{commune.code}-001"
    assert second.code == f"{commune.code}-003"
    with pytest.raises(DomainError) as err:
        village_create(actor=None, scope=scope, commune=commune, name="Thôn 4", code="a.b c")
    assert err.value.field == "code"


def test_household_update_refuses_to_drop_its_managing_unit(world):
    from khuyenhoc.people.services.households import household_create, household_update

    household = household_create(
        actor=None, scope=f.ROOT, org_node=world.commune_a, name="Gia đình A"
    )

    with pytest.raises(DomainError) as err:
        household_update(actor=None, scope=f.ROOT, household=household, data={"org_node": None})

    assert err.value.field == "org_node"
