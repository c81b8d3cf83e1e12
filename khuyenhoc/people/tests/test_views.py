from django.urls import reverse

from khuyenhoc.people.cccd import make_cccd
from khuyenhoc.people.models import Household, HouseholdMember, Person
from khuyenhoc.places.services import village_create
from khuyenhoc.testing import factories as f


def _form(world, **overrides):
    data = {
        "org_node": world.commune_a.code,
        "full_name": "Phạm Thị Hoa",
        "gender": "female",
        "birth_date": "05/09/1985",
        "cccd": make_cccd(province="040", gender="female", birth_year=1985, serial=42),
        "commune": "",
        "village": "",
    }
    data.update(overrides)
    return data


def test_clerk_adds_a_person_with_a_vietnamese_date_and_sees_the_audit_trail(client, world):
    client.force_login(world.clerk_a)

    response = client.post(reverse("people:person-create"), _form(world))

    person = Person.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("people:person-detail", args=[person.pk])
    assert person.birth_date.isoformat() == "1985-09-05"
    assert person.birth_year == 1985
    page = client.get(reverse("people:person-detail", args=[person.pk])).content.decode()
    assert "05/09/1985" in page
    assert "clerk_a" in page
    assert "Tạo mới" in page


def test_invalid_input_shows_vietnamese_messages_and_saves_nothing(client, world):
    client.force_login(world.clerk_a)

    impossible = client.post(reverse("people:person-create"), _form(world, birth_date="31/02/1985"))
    bad_cccd = client.post(reverse("people:person-create"), _form(world, cccd="040085000042"))

    assert impossible.status_code == 422
    assert "Ngày không hợp lệ" in impossible.content.decode()
    assert bad_cccd.status_code == 422
    assert "giới tính" in bad_cccd.content.decode()
    assert not Person.objects.exists()


def test_duplicate_cccd_is_refused_on_the_form(client, world):
    existing = f.person(world.commune_b)
    client.force_login(world.clerk_a)

    response = client.post(
        reverse("people:person-create"),
        _form(
            world,
            cccd=existing.cccd,
            gender=existing.gender,
            birth_date="",
            birth_year=existing.birth_year,
        ),
    )

    assert response.status_code == 422
    assert "đã được dùng cho một người khác" in response.content.decode()
    assert Person.objects.count() == 1


def test_village_typed_without_diacritics_is_found_and_one_of_another_commune_refused(
    client, world
):
    home, other = f.commune("40", 0), f.commune("40", 1)
    village_create(actor=None, scope=f.ROOT, commune=home, name="Thôn Đông Sơn")
    village_create(actor=None, scope=f.ROOT, commune=other, name="Thôn Bắc Hà")
    client.force_login(world.clerk_a)

    ok = client.post(
        reverse("people:person-create"), _form(world, commune=home.code, village="thon dong son")
    )
    wrong = client.post(
        reverse("people:person-create"),
        _form(world, commune=home.code, village="Thôn Bắc Hà", cccd="", full_name="Người Khác"),
    )

    assert ok.status_code == 302
    assert ok.url == reverse("people:person-detail", args=[Person.objects.get().pk])
    assert Person.objects.get().village.name == "Thôn Đông Sơn"
    assert wrong.status_code == 422
    assert "không có thôn/tổ dân phố" in wrong.content.decode()


def test_person_list_search_without_diacritics_and_page_of_50(
    client, world, django_assert_max_num_queries
):
    f.person(world.commune_a, full_name="Nguyễn Văn An")
    for i in range(55):
        f.person(world.commune_a, full_name=f"Trần Thị Lan {i:02d}")
    client.force_login(world.clerk_a)

    with django_assert_max_num_queries(6):
        found = client.get(reverse("people:person-list"), {"q": "nguyen van an"}).content.decode()
    first_page = client.get(reverse("people:person-list")).content.decode()

    assert "Nguyễn Văn An" in found
    assert "Trần Thị Lan" not in found
    assert first_page.count("/people/persons/") >= 50
    assert "Trang sau" in first_page


def test_htmx_search_returns_only_the_results_fragment(client, world):
    f.person(world.commune_a, full_name="Nguyễn Văn An")
    client.force_login(world.clerk_a)

    response = client.get(reverse("people:person-list"), {"q": "van an"}, HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert "Nguyễn Văn An" in body
    assert "<html" not in body


def test_household_with_head_and_members_and_leaving(client, world):
    head, child = f.person(world.commune_a), f.person(world.commune_a, birth_year=2010)
    client.force_login(world.clerk_a)

    sent = [
        client.post(
            reverse("people:household-create"),
            {"org_node": world.commune_a.code, "name": "Gia đình ông Thử"},
        )
    ]
    household = Household.objects.get()
    add = reverse("people:household-member-add", args=[household.pk])
    sent.append(client.post(add, {"person": head.cccd, "relation": "head"}))
    sent.append(client.post(add, {"person": f"#{child.pk}", "relation": "child"}))
    twice = client.post(add, {"person": child.cccd, "relation": "child"})
    member = HouseholdMember.objects.get(person=child)
    remove = reverse("people:household-member-remove", args=[member.pk])
    sent.append(client.post(remove, {"day": "01/09/2028"}))

    household.refresh_from_db()
    page = reverse("people:household-detail", args=[household.pk])
    assert [(r.status_code, r.url) for r in sent] == [(302, page)] * 4
    assert household.head == head
    assert twice.status_code == 422
    assert "đang là thành viên" in twice.content.decode()
    assert HouseholdMember.objects.get(person=child).left_on.isoformat() == "2028-09-01"
    assert HouseholdMember.objects.filter(household=household, left_on__isnull=True).count() == 1


def test_clan_groups_households(client, world):
    household = Household.objects.create(
        name="Gia đình A",
        name_key="gia dinh a",
        code="GD-A",
        org_node=world.commune_a,
        org_path=world.commune_a.path,
    )
    client.force_login(world.clerk_a)

    created = client.post(
        reverse("people:clan-create"), {"org_node": world.commune_a.code, "name": "Họ Lê Đình"}
    )
    from khuyenhoc.people.models import Clan

    clan = Clan.objects.get()
    added = client.post(reverse("people:clan-household-add", args=[clan.pk]), {"household": "gd-a"})

    detail = reverse("people:clan-detail", args=[clan.pk])
    page = client.get(detail).content.decode()
    assert [(r.status_code, r.url) for r in (created, added)] == [(302, detail)] * 2
    assert "Gia đình A" in page
    assert clan.households.get().household == household


def test_viewer_cannot_open_forms(client, world):
    client.force_login(world.viewer_a)

    assert client.get(reverse("people:person-create")).status_code == 403
    assert client.get(reverse("people:person-list")).status_code == 200


def test_person_form_offers_the_clerks_units_and_their_communes(client, world):
    client.force_login(world.clerk_a)

    page = client.get(reverse("people:person-create")).content.decode()

    assert f'<option value="{world.commune_a.code}" selected>' in page
    assert world.commune_b.code not in page
    assert "<datalist" in page
    assert "Phường Thành Vinh" in page  # a commune of Nghệ An, the clerk's province


def test_person_list_offers_export_with_its_filters(client, world):
    client.force_login(world.clerk_a)

    page = client.get(
        reverse("people:person-list"), {"q": "nguyen", "gender": "male"}
    ).content.decode()

    assert "/bulk/persons/export/?q=nguyen&amp;gender=male&amp;format=xlsx" in page
