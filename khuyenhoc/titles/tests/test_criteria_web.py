"""A province adds its own criteria from the web pages, without code; others cannot touch them."""

from django.urls import reverse

from khuyenhoc.testing import factories as f
from khuyenhoc.titles.models import CriteriaSet, Criterion


def test_a_province_copies_edits_and_publishes_its_own_variant(client, world):
    official = CriteriaSet.objects.get(code="DVHT-TT22-2020")
    client.force_login(world.province_admin)

    copied = client.post(
        reverse("titles:criteria-copy", args=[official.pk]),
        {
            "code": "dvht-nghean-2026",
            "name": "Đơn vị học tập — Nghệ An",
            "org_node": world.province.code,
        },
    )
    draft = CriteriaSet.objects.get(code="DVHT-NGHEAN-2026")
    item = Criterion.objects.get(group__criteria_set=draft, code="1.1")
    edited = client.post(
        reverse("titles:criterion-edit", args=[item.pk]),
        {
            "text": "Có kế hoạch học tập được thủ trưởng phê duyệt",
            "max_points": "10",
            "min_points": "5",
        },
    )
    published = client.post(reverse("titles:criteria-publish", args=[draft.pk]), follow=True)
    frozen = client.post(
        reverse("titles:criterion-edit", args=[item.pk]),
        {"text": "Sửa sau khi công bố", "max_points": "10"},
    )

    detail = reverse("titles:criteria-detail", args=[draft.pk])
    assert copied.url == edited.url == detail
    assert published.redirect_chain == [(detail, 302)]
    assert (draft.owner, draft.supersedes) == (world.province, None)
    item.refresh_from_db()
    assert (item.text, item.min_points, item.must_pass) == (
        "Có kế hoạch học tập được thủ trưởng phê duyệt", 5, False,
    )  # fmt: skip
    assert "Đã công bố Đơn vị học tập — Nghệ An." in published.content.decode()
    assert frozen.status_code == 422
    assert "không sửa được" in frozen.content.decode()
    assert Criterion.objects.get(pk=item.pk).text == "Có kế hoạch học tập được thủ trưởng phê duyệt"


def test_a_clerk_or_another_province_cannot_change_a_variant(client, world):
    official = CriteriaSet.objects.get(code="DVHT-TT22-2020")
    client.force_login(world.province_admin)
    copied = client.post(
        reverse("titles:criteria-copy", args=[official.pk]),
        {"code": "DVHT-NA", "org_node": world.province.code},
    )
    item = Criterion.objects.get(group__criteria_set__code="DVHT-NA", code="1.1")
    other = f.orgnode(
        kind="province", code="HKH-T25", name="Hội Khuyến học tỉnh Phú Thọ", place_code="25"
    )
    stranger = f.user("phutho", other, ["org_admin"])

    client.force_login(world.clerk_a)
    clerk = client.post(
        reverse("titles:criterion-edit", args=[item.pk]), {"text": "x", "max_points": "1"}
    )
    client.force_login(stranger)
    foreign = client.post(
        reverse("titles:criterion-edit", args=[item.pk]), {"text": "x", "max_points": "1"}
    )
    foreign_copy = client.post(
        reverse("titles:criteria-copy", args=[official.pk]),
        {"code": "DVHT-GIA", "org_node": world.province.code},
    )

    assert copied.url == reverse("titles:criteria-detail", args=[item.group.criteria_set_id])
    assert clerk.status_code == 403
    assert foreign.status_code == 403
    assert "Không có đơn vị mã" in foreign_copy.content.decode()
    assert Criterion.objects.get(pk=item.pk).text == "Có kế hoạch học tập của đơn vị"
    assert not CriteriaSet.objects.filter(code="DVHT-GIA").exists()
