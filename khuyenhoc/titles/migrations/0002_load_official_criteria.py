"""The official criteria sets the system ships with (../shared/domain.md; sources in domain-sources.md).

Only what the legal texts in our sources itemise is entered as criteria. Where a text is not itemised, one
honest item stands for the rest (named as such) so that totals and bands stay right and an administrator can
split it; where we have no criteria at all, the title is recognised by a "bình xét" review at a meeting.
"""

import datetime

from django.db import migrations

CITIZEN_GROUPS = [
    "Người dân cư trú trên địa bàn xã",
    "Người lao động",
    "Cán bộ, công chức, viên chức và doanh nhân",
    "Học sinh, sinh viên, người học",
]
CITIZEN_INDICATORS = [
    ("Năng lực tự học và học tập suốt đời", [
        "Đọc sách, báo và cập nhật thông tin",
        "Có kế hoạch học tập",
        "Dành thời gian tham gia các hoạt động học tập",
        "Khuyến khích, động viên gia đình, đồng nghiệp cùng học tập",
    ]),
    ("Năng lực sử dụng công cụ tương tác", [
        "Ứng dụng công nghệ thông tin",
        "Sử dụng ngoại ngữ",
        "Kỹ năng tính toán",
        "Tư duy phản biện",
    ]),
    ("Năng lực quan hệ xã hội", [
        "Quan hệ thân thiện, giải quyết mâu thuẫn",
        "Hợp tác, chia sẻ",
    ]),
]  # fmt: skip
CITIZEN_NOTE = (
    "Ba năng lực, mười chỉ số, 100 điểm; đạt khi tổng điểm từ 80 và không chỉ số nào dưới 5 điểm. "
    "Mức 10 điểm mỗi chỉ số được suy ra từ tổng 100 điểm. Cách diễn đạt từng chỉ số theo nhóm đối tượng "
    "xem phụ lục của Quyết định; quản trị viên có thể nạp phiên bản có đủ lời văn."
)

UNIT_GROUPS = [
    ("Điều kiện học tập", [
        ("Có kế hoạch học tập của đơn vị", 10),
        ("Có quy định khuyến khích học tập", 10),
        ("Nguồn lực đầu tư cho học tập", 10),
    ]),
    ("Kết quả học tập của thành viên", [
        ("100% thành viên có kế hoạch tự học hằng năm được phê duyệt", 10),
        ("Chấp hành kỷ luật, hợp tác trong công việc", 5),
        ("Hoàn thành chương trình bồi dưỡng bắt buộc", 10),
        ("Đạt danh hiệu “Lao động tiên tiến” trở lên", 5),
    ]),
    ("Hiệu quả học tập", [
        ("100% thành viên đạt phẩm chất công dân học tập", 25),
        ("Các nội dung còn lại của tiêu chí hiệu quả (khoản 3 Điều 5), chưa tách chi tiết", 15),
    ]),
]  # fmt: skip
UNIT_BANDS = [("tot", "Tốt", 85, True), ("kha", "Khá", 70, True), ("trung_binh", "Trung bình", 50, True), ("khong_dat", "Không đạt", 0, False)]  # fmt: skip

COMMUNE_CRITERIA = [
    "Lãnh đạo, chỉ đạo (trong đó có tổ chức Tuần lễ hưởng ứng học tập suốt đời)",
    "Nguồn lực cho xây dựng xã hội học tập",
    "Trung tâm học tập cộng đồng, thư viện, nhà văn hóa",
    "Phổ cập giáo dục, xóa mù chữ",
    "Hiệu quả",
]
REVIEW_NOTE = (
    "Chưa có văn bản tiêu chí trong nguồn của hệ thống: công nhận qua bình xét tại cuộc họp, có biên bản. "
    "Quản trị viên nạp bộ tiêu chí khi có văn bản."
)
REVIEW_TITLES = [
    ("GDHT-BINH-XET", "family", "Gia đình học tập — bình xét", "Bình xét tại cuộc họp thôn/tổ dân phố"),
    ("DHHT-BINH-XET", "clan", "Dòng họ học tập — bình xét", "Bình xét tại cuộc họp của dòng họ"),
    ("CDHT-THON-BINH-XET", "community", "Cộng đồng học tập cấp thôn — bình xét", "Bình xét tại hội nghị cấp xã"),
]


def load(apps, schema_editor):
    CriteriaSet = apps.get_model("titles", "CriteriaSet")
    CriteriaGroup = apps.get_model("titles", "CriteriaGroup")
    Criterion = apps.get_model("titles", "Criterion")
    Band = apps.get_model("titles", "Band")
    published = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)

    def groups(cs, items, *, pass_fail=False):
        for number, (name, criteria) in enumerate(items, start=1):
            group = CriteriaGroup.objects.create(criteria_set=cs, number=number, name=name)
            for position, item in enumerate(criteria, start=1):
                text, points = (item, None) if pass_fail else item
                Criterion.objects.create(
                    group=group, code=f"{number}.{position}", text=text, max_points=points,
                    must_pass=pass_fail, position=position,
                )  # fmt: skip

    for index, group_name in enumerate(CITIZEN_GROUPS, start=1):
        cs = CriteriaSet.objects.create(
            code=f"CDHT-324-2023-N{index}", title="citizen", subject_group=group_name,
            name=f"Công dân học tập — {group_name}",
            legal_basis="Quyết định 324/QĐ-KHVN ngày 25/10/2023 của Hội Khuyến học Việt Nam",
            note=CITIZEN_NOTE, method="scored", valid_from=datetime.date(2023, 10, 25),
            pass_total=80, min_points_each=5,
        )  # fmt: skip
        groups(cs, [(name, [(text, 10) for text in items]) for name, items in CITIZEN_INDICATORS])
        Band.objects.create(criteria_set=cs, code="dat", label="Đạt", min_total=80)
        Band.objects.create(
            criteria_set=cs, code="khong_dat", label="Không đạt", min_total=0, achieved=False
        )

    cs = CriteriaSet.objects.create(
        code="DVHT-TT22-2020", title="unit", name="Đơn vị học tập (cấp xã)",
        legal_basis="Thông tư 22/2020/TT-BGDĐT của Bộ Giáo dục và Đào tạo",
        note="100 điểm trong ba nhóm; xếp loại Tốt 85–100, Khá 70–dưới 85, Trung bình 50–dưới 70.",
        method="scored", valid_from=datetime.date(2020, 8, 6),
    )  # fmt: skip
    groups(cs, UNIT_GROUPS)
    for code, label, min_total, achieved in UNIT_BANDS:
        Band.objects.create(
            criteria_set=cs, code=code, label=label, min_total=min_total, achieved=achieved
        )

    cs = CriteriaSet.objects.create(
        code="CDHT-XA-TT25-2023", title="community", subject_group="Cấp xã",
        name="Cộng đồng học tập cấp xã",
        legal_basis="Thông tư 25/2023/TT-BGDĐT của Bộ Giáo dục và Đào tạo (hiệu lực 12/02/2024)",
        note="Năm tiêu chí, mỗi tiêu chí đánh giá đạt hoặc không đạt; mức độ 1 hoặc 2 do cấp công nhận quyết định.",
        method="scored", valid_from=datetime.date(2024, 2, 12),
    )  # fmt: skip
    groups(cs, [("Tiêu chí", COMMUNE_CRITERIA)], pass_fail=True)

    for code, title, name, criterion in REVIEW_TITLES:
        cs = CriteriaSet.objects.create(
            code=code, title=title, name=name, legal_basis="Bình xét theo hướng dẫn của Hội Khuyến học",
            note=REVIEW_NOTE, method="review", valid_from=datetime.date(2021, 1, 1),
        )  # fmt: skip
        groups(cs, [("Bình xét", [criterion])], pass_fail=True)
    # Published last, once complete (the models refuse changes to a published set).
    CriteriaSet.objects.filter(owner__isnull=True, published_at__isnull=True).update(
        published_at=published
    )


class Migration(migrations.Migration):
    dependencies = [("titles", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
