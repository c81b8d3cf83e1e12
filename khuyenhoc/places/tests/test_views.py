"""The places pages: search finds pre-2025 names, and communes show their lineage both ways."""

from django.urls import reverse

from khuyenhoc.places.models import AdminUnit


def test_searching_an_old_commune_name_shows_where_it_went(client, world):
    client.force_login(world.clerk_a)

    page = client.get(reverse("places:province-list"), {"q": "hung loc"}).content.decode()

    assert "Phường Hưng Lộc" in page
    assert "Xã/phường/thị trấn trước 01/7/2025" in page
    assert "Phường Vinh Lộc" in page


def test_a_commune_lists_the_former_communes_it_was_formed_from(client, world):
    vinh_loc = AdminUnit.objects.get(level="commune", name="Phường Vinh Lộc")
    hung_loc = AdminUnit.objects.get(
        level="former_commune", name="Phường Hưng Lộc", province_code="40"
    )
    client.force_login(world.clerk_a)

    page = client.get(reverse("places:detail", args=[vinh_loc.pk])).content.decode()
    old_page = client.get(reverse("places:detail", args=[hung_loc.pk])).content.decode()

    assert "Hình thành từ các xã, phường, thị trấn trước 01/7/2025" in page
    assert "Phường Hưng Lộc</a> — Thành phố Vinh, Nghệ An" in page
    assert "Sau ngày 01/7/2025 thuộc" in old_page
    assert "Phường Vinh Lộc" in old_page
    assert "Thành phố Vinh" in old_page


def test_a_former_province_lists_its_former_communes(client, world):
    hoa_binh = AdminUnit.objects.get(level="former_province", code="17")
    client.force_login(world.clerk_a)

    page = client.get(reverse("places:detail", args=[hoa_binh.pk]), {"q": "phuong lam"})

    assert "Phường Phương Lâm" in page.content.decode()
