"""The five coordination programmes as the seed news reports describe them: Bà Rịa – Vũng Tàu's
nine provincial bodies (2023–2030), Nghệ An's labour federation and association (2023–2030), the
Party Committee of central agencies and the national association (signed 2022), Thanh Hóa's
association with the Fatherland Front and mass organisations (reviewed for 2023), and Hòa Bình's
association and labour federation (2024–2030).

Contents, targets and figures are the reports' own; a figure keeps the report's wording in its note
("trên" — over). Where a required field has no value in a report (a signing day, a period), the
choice made is explained beside it and said in the programme's summary.
"""

from dataclasses import dataclass
from datetime import date

from khuyenhoc.programmes.models import BaseSource, Source, Unit

PERCENT, COUNT, MONEY = Unit.PERCENT, Unit.COUNT, Unit.MONEY


@dataclass(frozen=True)
class Measure:
    """An indicator; `campaign` is the purpose of the lead party's fund campaign it reads."""

    code: str
    name: str
    unit: str
    source: str = Source.REPORTED
    title: str = ""
    content: int | None = None
    base_label: str = ""
    campaign: str = ""
    base_source: str = ""  # what the targets' denominators count (programmes.bases)


@dataclass(frozen=True)
class Goal:
    """A target stated by a report, at a node or for a province (its denominator is counted from the
    records when its indicator says what to count)."""

    indicator: str
    year: int
    value: int
    node: str = ""
    province: str = ""


@dataclass(frozen=True)
class Reported:
    """A figure a report states, recorded by the party it is about."""

    indicator: str
    year: int
    node: str
    value: int
    note: str


@dataclass(frozen=True)
class Event:
    """An event a report describes."""

    node: str
    on: date
    summary: str
    content: int | None = None


@dataclass(frozen=True)
class Spec:
    """A programme as its report describes it."""

    code: str
    title: str
    signed_on: date
    signed_place: str
    years: tuple[int, int]
    parties: tuple[str, ...]  # the lead first: the association, which manages it in this system
    contents: tuple[str, ...]
    summary: str
    legal_basis: str = ""
    measures: tuple[Measure, ...] = ()
    goals: tuple[Goal, ...] = ()
    reported: tuple[Reported, ...] = ()
    events: tuple[Event, ...] = ()


# The specs below are laid out by hand, one indicator, figure or event a line where it fits.
# fmt: off

# Seed 000. The report names no venue; the nine signing bodies are all of the province.
BA_RIA_VUNG_TAU = Spec(
    code="CTPH-BRVT-2023",
    title="Chương trình phối hợp đẩy mạnh hoạt động khuyến học, khuyến tài, xây dựng xã hội học tập "
    "giai đoạn 2023 – 2030",
    signed_on=date(2023, 9, 8),
    signed_place="Bà Rịa – Vũng Tàu",
    years=(2023, 2030),
    parties=("HKH-77", "DU-77", "CD-77", "DTN-77", "LHPN-77", "CQNN-77-LDTBXH", "HND-77", "CTD-77",
             "NCT-77"),
    legal_basis="Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”; Chương trình “Đẩy mạnh phong "
    "trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị giai đoạn 2021-2030” và Chương "
    "trình “Xây dựng mô hình công dân học tập giai đoạn 2021-2030” của Thủ tướng Chính phủ; Phong trào "
    "“Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023-2030” do Thủ "
    "tướng Chính phủ phát động ngày 10/6/2023.",
    summary="Tăng cường sự phối hợp giữa 9 cơ quan, đơn vị, sở ngành, đoàn thể, hội cấp tỉnh và Hội "
    "Khuyến học tỉnh trong đẩy mạnh khuyến học, khuyến tài, xây dựng xã hội học tập; tạo chuyển biến rõ "
    "nét trong nhận thức của cán bộ, đảng viên, người lao động về học tập suốt đời. Các nội dung được "
    "đánh số theo thứ tự bài báo nêu.",
    contents=(
        "Tuyên truyền, phổ biến các chủ trương của Đảng, chính sách pháp luật của Nhà nước về khuyến "
        "học, khuyến tài, xây dựng xã hội học tập; vận động cán bộ, hội viên nâng cao ý thức tự học.",
        "Mở rộng các hoạt động khuyến học, khuyến tài, xây dựng xã hội học tập trong các cơ quan, đơn "
        "vị, tổ chức hội.",
        "Phối hợp xây dựng các mô hình học tập: công dân học tập; gia đình, dòng họ, đơn vị, cộng đồng "
        "học tập.",
        "Xây dựng các tổ chức khuyến học và vận động xây dựng “Quỹ khuyến học, khuyến tài” tại các "
        "doanh nghiệp, cơ quan, đơn vị.",
        "Động viên, khen thưởng kịp thời hội viên, đoàn viên có thành tích học tập tốt; bình xét tuyên "
        "dương, khen thưởng tập thể, cá nhân có nhiều đóng góp cho khuyến học, khuyến tài.",
        "Phối hợp xây dựng chuyên đề về khuyến học, khuyến tài, xây dựng xã hội học tập làm nội dung "
        "sinh hoạt chuyên đề; vận động học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về "
        "tự học, học tập suốt đời.",
        "Phát động phong trào thi đua, cuộc vận động thúc đẩy học tập suốt đời trong gia đình, dòng "
        "họ, cộng đồng, đơn vị, công dân học tập, gắn với xây dựng cộng đồng học tập các cấp.",
        "Phát hiện, biểu dương, tôn vinh, khen thưởng gương điển hình tiên tiến trong học tập, năng động "
        "sáng tạo, có sáng kiến khoa học, kỹ thuật, doanh nhân giỏi, tự học thành tài.",
        "Triển khai giải thưởng “Nhân tài Đất Việt”; nhân rộng mô hình tốt, cách làm hay, sáng kiến có "
        "giá trị trong phong trào khuyến học, khuyến tài, xây dựng xã hội học tập.",
    ),
    measures=(
        Measure("BKH", "Cơ quan, đơn vị thành lập Ban Khuyến học", PERCENT, content=4),
        Measure("CDHT", "Cán bộ, đảng viên đăng ký “Công dân học tập”", PERCENT,
                Source.REGISTERED, "citizen", 4, "số cán bộ, đảng viên"),
        Measure("GDHT", "Gia đình cán bộ, đảng viên đăng ký “Gia đình học tập”", PERCENT,
                Source.REGISTERED, "family", 4, "số gia đình cán bộ, đảng viên"),
    ),
    # "Phấn đấu: 100% ..." names no year: the targets are for the end of the period.
    goals=(
        Goal("BKH", 2030, 100, node="HKH-77"),
        Goal("CDHT", 2030, 100, node="HKH-77"),
        Goal("GDHT", 2030, 100, node="HKH-77"),
    ),
    events=(
        Event("HKH-77", date(2023, 9, 8), "Lễ ký kết chương trình phối hợp của 9 đơn vị, với ông "
              "Lương Đức Đích, Chủ tịch Hội Khuyến học tỉnh; ông Lê Văn Hòa, Chủ tịch LĐLĐ tỉnh; ông "
              "Thôi Đại Việt, Phó Bí thư Tỉnh đoàn; bà Lê Thị Hoa, Phó Chủ tịch Hội LHPN tỉnh; bà Hà "
              "Thị Việt Bắc, Phó Chủ tịch Hội Chữ thập đỏ tỉnh; đại diện lãnh đạo các đơn vị còn lại "
              "và cán bộ chuyên trách 9 đơn vị."),
    ),
)

# Seed 001. The report lists seven contents and states no targets or figures: its title indicators
# carry no target (a user may set one, with its base, on the programme page).
NGHE_AN = Spec(
    code="CTPH-NA-LDLD-2023",
    title="Chương trình phối hợp hoạt động giữa Liên đoàn Lao động tỉnh và Hội Khuyến học tỉnh giai "
    "đoạn 2023-2030",
    signed_on=date(2023, 9, 12),
    signed_place="Nghệ An",
    years=(2023, 2030),
    parties=("HKH-40", "CD-40"),
    summary="Tăng cường phối hợp đẩy mạnh khuyến học, khuyến tài, xây dựng xã hội học tập, học tập "
    "suốt đời trong công nhân, viên chức, lao động. Bên cạnh 7 nội dung: khen thưởng kịp thời công "
    "nhân, viên chức, lao động và con của họ có thành tích học tập tốt; xây dựng các mô hình gia đình "
    "học tập, đơn vị học tập; khuyến khích theo học các lớp đào tạo dài hạn; hỗ trợ con công nhân, lao "
    "động có hoàn cảnh khó khăn vượt khó học giỏi. Hằng năm cụ thể hóa hoạt động, sơ kết định kỳ.",
    contents=(
        "Tuyên truyền, phổ biến các chủ trương của Đảng, chính sách, pháp luật của Nhà nước về khuyến "
        "học, khuyến tài, xã hội học tập, học tập suốt đời.",
        "Tuyên truyền, vận động nâng cao nhận thức, trách nhiệm của các cấp, các ngành, người sử dụng "
        "lao động tham gia xây dựng xã hội học tập từ cơ sở.",
        "Vận động công nhân, viên chức, lao động nâng cao ý thức tự học, tự nâng cao trình độ về mọi "
        "mặt, đáp ứng yêu cầu.",
        "Nâng cao chất lượng nguồn nhân lực, phục vụ sự nghiệp công nghiệp hóa, hiện đại hóa, hội nhập.",
        "Đẩy mạnh phong trào học tập trong gia đình công nhân, viên chức, lao động.",
        "Phát động phong trào học tập trong cơ quan, đơn vị, doanh nghiệp.",
        "Hưởng ứng “Tuần lễ hưởng ứng học tập suốt đời”.",
    ),
    measures=(
        Measure("CDHT", "Công nhân, viên chức, lao động đăng ký “Công dân học tập”", PERCENT,
                Source.REGISTERED, "citizen", 3, "số công nhân, viên chức, lao động"),
        Measure("GDHT", "Gia đình công nhân, viên chức, lao động đạt “Gia đình học tập”", PERCENT,
                Source.RECOGNISED, "family", 5, "số gia đình công nhân, viên chức, lao động"),
        Measure("DVHT", "Cơ quan, đơn vị, doanh nghiệp đạt “Đơn vị học tập”", PERCENT,
                Source.RECOGNISED, "unit", 6, "số cơ quan, đơn vị, doanh nghiệp"),
    ),
    events=(
        Event("HKH-40", date(2023, 9, 12), "Hội nghị ký kết và triển khai chương trình phối hợp giai "
              "đoạn 2023-2030, do đồng chí Kha Văn Tám, Chủ tịch Liên đoàn Lao động tỉnh, và đồng chí "
              "Nguyễn Thanh Hiền, Chủ tịch Hội Khuyến học tỉnh, chủ trì."),
    ),
)

# Seed 002, published on 15 September 2022, gives neither the signing day nor a period: the day of
# publication stands for the signing, and the period runs to 2030, the horizon of the other four.
CENTRAL_AGENCIES = Spec(
    code="CTPH-DUK-TW-2022",
    title="Chương trình phối hợp giữa Đảng ủy Khối các cơ quan Trung ương và Hội Khuyến học Việt Nam",
    signed_on=date(2022, 9, 15),
    signed_place="",
    years=(2022, 2030),
    parties=("HKH-TW", "DU-TW"),
    legal_basis="Chỉ thị số 11-CT/TW của Bộ Chính trị khóa X; Kết luận số 49-KL/TW ngày 10/5/2019 của "
    "Ban Bí thư Trung ương Đảng khóa XII về tăng cường sự lãnh đạo của Đảng đối với công tác khuyến "
    "học, khuyến tài, xây dựng xã hội học tập.",
    summary="Phấn đấu mỗi tổ chức đảng, cán bộ, đảng viên và gia đình cán bộ, đảng viên trong Đảng bộ "
    "Khối các cơ quan Trung ương trở thành đơn vị học tập, công dân học tập và gia đình học tập, làm "
    "nòng cốt xây dựng các mô hình học tập trong nhân dân. Bài báo (15/9/2022) không nêu ngày ký, nơi "
    "ký và thời hạn; dữ liệu mẫu lấy ngày đăng bài và thời hạn đến năm 2030.",
    contents=(
        "Đẩy mạnh và đổi mới tuyên truyền về Chỉ thị số 11-CT/TW, Kết luận số 49-KL/TW về học tập suốt "
        "đời gắn với khuyến học, khuyến tài, xây dựng xã hội học tập, và về vai trò của Đảng ủy Khối và "
        "Hội Khuyến học Việt Nam.",
        "Thành lập “Tổ chức khuyến học” của Đảng ủy Khối; xây dựng “Đơn vị học tập” trong các cơ quan, "
        "đơn vị; mỗi đảng viên phấn đấu trở thành “Công dân học tập” theo Kết luận số 49-KL/TW.",
        "Phối hợp xây dựng một số chuyên đề về khuyến học, khuyến tài, lồng ghép trong sinh hoạt chi "
        "bộ, đảng bộ.",
        "Vận động cán bộ, hội viên Hội Khuyến học các cấp, cán bộ, đảng viên trong Đảng bộ Khối tự học "
        "tập, học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tự học, học tập suốt đời.",
        "Kịp thời phát hiện, biểu dương, khen thưởng, tôn vinh tập thể, cá nhân tiêu biểu trong học "
        "tập, có sáng kiến cải tiến hiệu quả trong khuyến học, khuyến tài và xây dựng Đảng.",
    ),
    measures=(
        Measure("DVHT", "Tổ chức đảng trở thành “Đơn vị học tập”", PERCENT, Source.RECOGNISED,
                "unit", 2, "số tổ chức đảng trong Đảng bộ Khối"),
        Measure("CDHT", "Đảng viên trở thành “Công dân học tập”", PERCENT, Source.RECOGNISED,
                "citizen", 2, "số đảng viên trong Đảng bộ Khối"),
        Measure("GDHT", "Gia đình cán bộ, đảng viên trở thành “Gia đình học tập”", PERCENT,
                Source.RECOGNISED, "family", None, "số gia đình cán bộ, đảng viên"),
    ),
    # "Mỗi ... trở thành": every one of them, so 100%, by the end of the period.
    goals=(
        Goal("DVHT", 2030, 100, node="DU-TW"),
        Goal("CDHT", 2030, 100, node="DU-TW"),
        Goal("GDHT", 2030, 100, node="DU-TW"),
    ),
    events=(
        Event("HKH-TW", date(2022, 9, 15), "Lễ ký chương trình phối hợp, có đồng chí Huỳnh Tấn Việt, "
              "Ủy viên Trung ương Đảng, Bí thư Đảng ủy Khối các cơ quan Trung ương, và GS.TS Nguyễn "
              "Thị Doan, Chủ tịch Hội Khuyến học Việt Nam."),
    ),
)

# Seed 003 reviews the programme's year 2023 and sets 2024's targets; it gives no signing day or
# period, so the demo starts it on 1 January 2023 (the first year reported) and runs it to 2030.
# Its parties are those the report names (the veterans' association is not named, so not included);
# its contents are the work the review describes. The 2024 targets are the province's, their
# denominators counted from the demo's records under the parties.
THANH_HOA = Spec(
    code="CTPH-TH-MTTQ-2023",
    title="Chương trình phối hợp công tác khuyến học - khuyến tài, xây dựng xã hội học tập giữa Hội "
    "Khuyến học tỉnh với Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thanh Hóa và các đoàn thể",
    signed_on=date(2023, 1, 1),
    signed_place="",
    years=(2023, 2030),
    parties=("HKH-38", "MTTQ-38", "LHPN-38", "HND-38", "CD-38", "DTN-38"),
    summary="Năm 2023 các đơn vị tuyên truyền, tổ chức Ngày sách và Văn hóa đọc Việt Nam, xây dựng tủ "
    "sách ở thôn, bản, xã; vận động đóng góp một ngày lương/năm và “Ống tiết kiệm khuyến học” ít nhất "
    "10.000 đồng/người/tháng; hỗ trợ trường học, học sinh với số tiền tới hàng chục tỉ đồng. Bài tổng "
    "kết (12/3/2024) không nêu ngày ký và thời hạn; dữ liệu mẫu lấy 01/01/2023 và 2023–2030.",
    contents=(
        "Tuyên truyền nâng cao nhận thức về khuyến học - khuyến tài, xây dựng xã hội học tập.",
        "Củng cố, nâng cao chất lượng tổ chức hội khuyến học, hội viên các cấp.",
        "Đẩy mạnh phong trào học tập thường xuyên, học tập suốt đời, xây dựng các mô hình học tập.",
        "Xây dựng quỹ khuyến học: một ngày lương/năm, “Ống tiết kiệm khuyến học”, vận động nhà hảo "
        "tâm, doanh nghiệp.",
        "Hỗ trợ trường học, động viên học sinh vượt khó, ngăn chặn tai, tệ nạn xã hội xâm nhập học "
        "đường.",
        "Tập huấn nâng cao kỹ năng, nghiệp vụ công tác hội để tham mưu cho cấp ủy, làm nòng cốt trong "
        "phong trào thi đua khuyến học - khuyến tài, xây dựng xã hội học tập.",
    ),
    measures=(
        Measure("HTHT", "Cán bộ, công chức, viên chức, người lao động đăng ký một hình thức học tập",
                PERCENT, content=3),
        Measure("DVHT-DK", "Đơn vị trực thuộc đăng ký xây dựng “Đơn vị học tập”", PERCENT,
                Source.REGISTERED, "unit", 3, "số đơn vị trực thuộc", base_source=BaseSource.UNITS),
        Measure("DVHT-DAT", "Đơn vị đạt “Đơn vị học tập”", PERCENT, Source.RECOGNISED, "unit", 3,
                "số đơn vị trực thuộc", base_source=BaseSource.UNITS),
        Measure("GDHT-DK", "Gia đình cán bộ, công chức, viên chức, người lao động đăng ký xây dựng "
                "“Gia đình học tập”", PERCENT, Source.REGISTERED, "family", 3, "số gia đình",
                base_source=BaseSource.HOUSEHOLDS),
        Measure("GDHT-DAT", "Gia đình đạt “Gia đình học tập”", PERCENT, Source.RECOGNISED, "family",
                3, "số gia đình", base_source=BaseSource.HOUSEHOLDS),
        Measure("ONG-MUC", "Mức ủng hộ tối thiểu “Ống tiết kiệm khuyến học” (đồng/người/tháng)",
                MONEY, content=4),
        Measure("NGAY-LUONG", "Tiền vận động một ngày lương", MONEY, Source.FUND_RAISED, content=4,
                campaign="one_day_salary"),
        Measure("ONG-TK", "Tiền vận động “Ống tiết kiệm khuyến học”", MONEY, Source.FUND_RAISED,
                content=4, campaign="piggy_bank"),
    ),
    goals=(
        Goal("HTHT", 2024, 100, province="38"),
        Goal("DVHT-DK", 2024, 100, province="38"),
        Goal("DVHT-DAT", 2024, 85, province="38"),
        Goal("GDHT-DK", 2024, 100, province="38"),
        Goal("GDHT-DAT", 2024, 90, province="38"),
    ),
    reported=(
        Reported("ONG-MUC", 2023, "HKH-38", 10_000, "Mức ủng hộ ít nhất 10.000 đồng/người/tháng."),
    ),
    events=(
        # The day is the one the observance is named for (21 April); the report gives the year.
        Event("MTTQ-38", date(2023, 4, 21), "Tổ chức Ngày sách và Văn hóa đọc Việt Nam; xây dựng tủ "
              "sách ở các thôn, bản, xã, nhất là các xã đạt chuẩn nông thôn mới.", 1),
        Event("HKH-38", date(2024, 3, 12), "Hội nghị tổng kết chương trình phối hợp năm 2023, triển "
              "khai nhiệm vụ và thống nhất chỉ tiêu năm 2024."),
    ),
)

# Seed 004 names four of the six contents signed; the other two are numbered placeholders. Its
# figures are those of the five years 2018–2023 reviewed at the signing: they are recorded in the new
# programme's first year, with the period in their note. The report gives no day: it was published
# on 14 August 2024 ("vừa tổ chức", just held), which stands for the signing day.
HOA_BINH = Spec(
    code="CTPH-HB-LDLD-2024",
    title="Chương trình phối hợp hoạt động khuyến học, khuyến tài, xây dựng xã hội học tập giữa Hội "
    "Khuyến học tỉnh và Liên đoàn Lao động tỉnh Hòa Bình giai đoạn 2024 - 2030",
    signed_on=date(2024, 8, 14),
    signed_place="Hòa Bình",
    years=(2024, 2030),
    parties=("HKH-17", "CD-17"),
    summary="Gắn việc triển khai các hoạt động học tập suốt đời trong cán bộ, công nhân viên chức lao "
    "động với khuyến học, khuyến tài, xây dựng xã hội học tập. Ký tại hội nghị tổng kết chương trình "
    "phối hợp giai đoạn 2018 - 2023; bài báo (14/8/2024) không nêu ngày ký.",
    contents=(
        "Phối hợp phổ biến, tuyên truyền, triển khai thực hiện mô hình “Đơn vị học tập”.",
        "Phát động xây dựng Quỹ khuyến học, khuyến tài ở các cơ quan, đơn vị, doanh nghiệp.",
        "Gắn việc triển khai thực hiện các hoạt động học tập suốt đời trong cán bộ, công nhân viên "
        "chức lao động và khuyến học, khuyến tài, xây dựng xã hội học tập.",
        "Củng cố, kiện toàn, phát triển và nâng cao chất lượng hoạt động các Ban Khuyến học của các cơ "
        "quan, đơn vị, doanh nghiệp trong tỉnh.",
        "Nội dung thứ năm (bài báo chỉ nêu 4 trong 6 nội dung đã ký).",
        "Nội dung thứ sáu (bài báo chỉ nêu 4 trong 6 nội dung đã ký).",
    ),
    measures=(
        Measure("DVHT", "Cơ quan, đơn vị, doanh nghiệp đạt “Đơn vị học tập”", PERCENT,
                Source.RECOGNISED, "unit", 1, "số cơ quan, đơn vị, doanh nghiệp"),
        Measure("HOC-BONG", "Suất học bổng đã chi cho con công nhân, viên chức, lao động", COUNT,
                Source.SCHOLARSHIPS, content=2),
        Measure("CU-DI-HOC", "Lượt công nhân viên chức lao động được cử đi học tập, nâng cao trình độ, "
                "kỹ năng nghề nghiệp", COUNT, content=3),
        Measure("TUYEN-TRUYEN", "Lượt công nhân viên chức lao động được tuyên truyền, vận động tham "
                "gia học tập trong năm", COUNT, content=3),
        Measure("SANG-KIEN", "Sáng kiến, công trình, sản phẩm được công nhận", COUNT, content=3),
        Measure("LAM-LOI", "Giá trị làm lợi của sáng kiến, công trình, sản phẩm", MONEY, content=3),
        Measure("GIAO-VIEN", "Giáo viên được tặng bằng khen", COUNT),
        Measure("HOC-SINH", "Học sinh được trao học bổng và tặng xe đạp", COUNT, content=2),
        Measure("TIEN-HB", "Số tiền học bổng và xe đạp tặng học sinh", MONEY, content=2),
    ),
    reported=(
        Reported("CU-DI-HOC", 2024, "CD-17", 130_000, "Trên 130 nghìn lượt trong 5 năm 2018 - 2023."),
        Reported("TUYEN-TRUYEN", 2024, "CD-17", 300_000, "Trên 300.000 lượt hằng năm, 2018 - 2023."),
        Reported("SANG-KIEN", 2024, "CD-17", 25_000, "Trên 25.000, qua các phong trào thi đua "
               "2018 - 2023."),
        Reported("LAM-LOI", 2024, "CD-17", 56_000_000_000, "Trên 56 tỷ đồng, 2018 - 2023."),
        Reported("GIAO-VIEN", 2024, "CD-17", 153, "Bằng khen của Liên đoàn Lao động tỉnh, 2018 - 2023."),
        Reported("HOC-SINH", 2024, "CD-17", 100, "Học bổng và xe đạp cho 100 học sinh, 2018 - 2023."),
        Reported("TIEN-HB", 2024, "CD-17", 270_000_000, "Trên 270 triệu đồng, 2018 - 2023."),
    ),
    events=(
        Event("HKH-17", date(2024, 8, 14), "Hội nghị tổng kết chương trình phối hợp hoạt động khuyến "
              "học, khuyến tài, xây dựng xã hội học tập giai đoạn 2018 - 2023 và ký kết chương trình "
              "phối hợp giai đoạn 2024 - 2030."),
    ),
)

# fmt: on

PROGRAMMES = (BA_RIA_VUNG_TAU, NGHE_AN, CENTRAL_AGENCIES, THANH_HOA, HOA_BINH)
