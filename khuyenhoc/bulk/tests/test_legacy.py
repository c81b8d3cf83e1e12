"""Legacy Vietnamese encodings (TCVN3/ABC and VNI Windows): the hand-written tables, and detection."""

import unicodedata

import pytest

from khuyenhoc.bulk.legacy import (
    TCVN3_ENCODE,
    VNI_ENCODE,
    detect_legacy,
    fix_legacy,
    tcvn3_to_unicode,
    vni_to_unicode,
)

# TCVN3 writes ư as 0xAD, the soft hyphen: invisible in source, so spelled "\xad" below.
SHY = "\xad"

TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, sắc, huyền, hỏi, ngã, nặng


def _vietnamese_letters() -> set[str]:
    """Every non-ASCII Vietnamese letter, both cases, built without the module's tables."""
    lower = {"đ"}
    for vowel in ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"):
        for tone in TONES:
            letter = unicodedata.normalize("NFC", vowel + tone)
            if not letter.isascii():
                lower.add(letter)
    return lower | {letter.upper() for letter in lower}


def _encode(text: str, table: dict[str, str]) -> str:
    """Write Unicode text in a legacy encoding with the inverse of the decoding table."""
    return "".join(table.get(char, char) for char in text)


# --- the tables ---------------------------------------------------------------------------------


def test_both_tables_cover_the_134_vietnamese_letters():
    letters = _vietnamese_letters()
    assert len(letters) == 134
    assert set(TCVN3_ENCODE) == letters
    assert set(VNI_ENCODE) == letters


def test_tcvn3_gives_each_lowercase_letter_its_own_byte():
    lower = {letter: char for letter, char in TCVN3_ENCODE.items() if letter.islower()}
    assert len(lower) == 67
    assert len(set(lower.values())) == 67  # no two letters share a byte
    assert all(len(char) == 1 and 0xA1 <= ord(char) <= 0xFE for char in lower.values())
    for letter, char in lower.items():
        assert tcvn3_to_unicode(char) == letter


def test_tcvn3_capitals_that_exist_sit_at_a1_to_a7():
    capitals = "".join(TCVN3_ENCODE[letter] for letter in "ĂÂÊÔƠƯĐ")
    assert capitals == "\xa1\xa2\xa3\xa4\xa5\xa6\xa7"
    assert "".join(TCVN3_ENCODE[letter] for letter in "ăâêôơưđ") == "\xa8\xa9\xaa\xab\xac\xad\xae"
    assert tcvn3_to_unicode(capitals) == "ĂÂÊÔƠƯĐ"


def test_tcvn3_other_capitals_reuse_the_lowercase_byte():
    for letter, char in TCVN3_ENCODE.items():
        if letter.isupper() and letter not in "ĂÂÊÔƠƯĐ":
            assert char == TCVN3_ENCODE[letter.lower()]
            assert tcvn3_to_unicode(char) == letter.lower()  # a lone byte cannot tell


def test_vni_gives_each_letter_its_own_sequence():
    assert len(set(VNI_ENCODE.values())) == 134
    for letter, sequence in VNI_ENCODE.items():
        assert vni_to_unicode(sequence) == letter


def test_vni_capitals_are_the_upper_case_of_the_lowercase_sequences():
    for letter, sequence in VNI_ENCODE.items():
        if letter.islower():
            assert VNI_ENCODE[letter.upper()] == sequence.upper()


# Every lowercase letter, in a realistic word: (Unicode, TCVN3 as read from the file, VNI, VNI capitals).
EVERY_LETTER = [
    ("Khánh", "Kh¸nh", "Khaùnh", "KHAÙNH"),  # á
    ("Hà", "Hµ", "Haø", "HAØ"),  # à
    ("Hải", "H¶i", "Haûi", "HAÛI"),  # ả
    ("Mã", "M·", "Maõ", "MAÕ"),  # ã
    ("Phạm", "Ph¹m", "Phaïm", "PHAÏM"),  # ạ
    ("Văn", "V¨n", "Vaên", "VAÊN"),  # ă
    ("Thắng", "Th¾ng", "Thaéng", "THAÉNG"),  # ắ
    ("Hằng", "H»ng", "Haèng", "HAÈNG"),  # ằ
    ("Đẳng", "§¼ng", "Ñaúng", "ÑAÚNG"),  # ẳ
    ("Nẵng", "N½ng", "Naüng", "NAÜNG"),  # ẵ
    ("Đặng", "§Æng", "Ñaëng", "ÑAËNG"),  # ặ
    ("Tâm", "T©m", "Taâm", "TAÂM"),  # â
    ("Tấn", "TÊn", "Taán", "TAÁN"),  # ấ
    ("Trần", "TrÇn", "Traàn", "TRAÀN"),  # ầ
    ("Cẩm", "CÈm", "Caåm", "CAÅM"),  # ẩ
    ("Mẫn", "MÉn", "Maãn", "MAÃN"),  # ẫ
    ("Thuận", "ThuËn", "Thuaän", "THUAÄN"),  # ậ
    ("Bé", "BÐ", "Beù", "BEÙ"),  # é
    ("Chè", "ChÌ", "Cheø", "CHEØ"),  # è
    ("Trẻ", "TrÎ", "Treû", "TREÛ"),  # ẻ
    ("Vẽ", "VÏ", "Veõ", "VEÕ"),  # ẽ
    ("Mẹ", "MÑ", "Meï", "MEÏ"),  # ẹ
    ("Lê", "Lª", "Leâ", "LEÂ"),  # ê
    ("Huế", "HuÕ", "Hueá", "HUEÁ"),  # ế
    ("Kiều", "KiÒu", "Kieàu", "KIEÀU"),  # ề
    ("Hiển", "HiÓn", "Hieån", "HIEÅN"),  # ể
    ("Nguyễn", "NguyÔn", "Nguyeãn", "NGUYEÃN"),  # ễ
    ("Nghệ", "NghÖ", "Ngheä", "NGHEÄ"),  # ệ
    ("Chí", "ChÝ", "Chí", "CHÍ"),  # í (VNI: the same character)
    ("Bình", "B×nh", "Bình", "BÌNH"),  # ì (VNI: the same character)
    ("Tỉnh", "TØnh", "Tænh", "TÆNH"),  # ỉ
    ("Nghĩa", "NghÜa", "Nghóa", "NGHÓA"),  # ĩ
    ("Thị", "ThÞ", "Thò", "THÒ"),  # ị
    ("Hóa", "Hãa", "Hoùa", "HOÙA"),  # ó
    ("Hòa", "Hßa", "Hoøa", "HOØA"),  # ò
    ("Giỏi", "Giái", "Gioûi", "GIOÛI"),  # ỏ
    ("Võ", "Vâ", "Voõ", "VOÕ"),  # õ
    ("Ngọc", "Ngäc", "Ngoïc", "NGOÏC"),  # ọ
    ("Ngô", "Ng«", "Ngoâ", "NGOÂ"),  # ô
    ("Quốc", "Quèc", "Quoác", "QUOÁC"),  # ố
    ("Hồ", "Hå", "Hoà", "HOÀ"),  # ồ
    ("Phổ", "Phæ", "Phoå", "PHOÅ"),  # ổ
    ("Đỗ", "§ç", "Ñoã", "ÑOÃ"),  # ỗ
    ("Nội", "Néi", "Noäi", "NOÄI"),  # ộ
    ("Sơn", "S¬n", "Sôn", "SÔN"),  # ơ
    ("Thới", "Thíi", "Thôùi", "THÔÙI"),  # ớ
    ("Trường", "Tr" + SHY + "êng", "Tröôøng", "TRÖÔØNG"),  # ờ (and ư)
    ("Sở", "Së", "Sôû", "SÔÛ"),  # ở
    ("Rỡ", "Rì", "Rôõ", "RÔÕ"),  # ỡ
    ("Lợi", "Lîi", "Lôïi", "LÔÏI"),  # ợ
    ("Phúc", "Phóc", "Phuùc", "PHUÙC"),  # ú
    ("Hùng", "Hïng", "Huøng", "HUØNG"),  # ù
    ("Thủy", "Thñy", "Thuûy", "THUÛY"),  # ủ
    ("Vũ", "Vò", "Vuõ", "VUÕ"),  # ũ
    ("Thụy", "Thôy", "Thuïy", "THUÏY"),  # ụ
    ("Hưng", "H" + SHY + "ng", "Höng", "HÖNG"),  # ư
    ("Đức", "§øc", "Ñöùc", "ÑÖÙC"),  # ứ
    ("Thừa", "Thõa", "Thöøa", "THÖØA"),  # ừ
    ("Cử", "Cö", "Cöû", "CÖÛ"),  # ử
    ("Hữu", "H÷u", "Höõu", "HÖÕU"),  # ữ
    ("Lực", "Lùc", "Löïc", "LÖÏC"),  # ự
    ("Lý", "Lý", "Lyù", "LYÙ"),  # ý (TCVN3: the same character)
    ("Quỳnh", "Quúnh", "Quyønh", "QUYØNH"),  # ỳ
    ("Kỷ", "Kû", "Kyû", "KYÛ"),  # ỷ
    ("Mỹ", "Mü", "Myõ", "MYÕ"),  # ỹ
    ("Thuỵ", "Thuþ", "Thuî", "THUÎ"),  # ỵ
    ("đường", "®" + SHY + "êng", "ñöôøng", "ÑÖÔØNG"),  # đ
]


def test_every_lowercase_letter_is_shown_in_a_word():
    shown = {char for word, *_ in EVERY_LETTER for char in word.lower() if not char.isascii()}
    assert shown == {letter for letter in _vietnamese_letters() if letter.islower()}


@pytest.mark.parametrize(("word", "tcvn3", "vni", "vni_upper"), EVERY_LETTER)
def test_each_letter_converts(word, tcvn3, vni, vni_upper):
    assert tcvn3_to_unicode(tcvn3) == word
    assert vni_to_unicode(vni) == word
    assert vni_to_unicode(vni_upper) == word.upper()
    assert _encode(word, TCVN3_ENCODE) == tcvn3  # the literal agrees with the table
    assert _encode(word, VNI_ENCODE) == vni


# --- real files: strings typed as they appear, guarding against a self-consistent wrong table -----

TCVN3_SEEN = [
    ("NguyÔn V¨n An", "Nguyễn Văn An"),
    ("Hµ Néi", "Hà Nội"),
    ("§µo", "Đào"),
    ("TrÇn ThÞ B×nh", "Trần Thị Bình"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Tr" + SHY + "êng THCS Lª Lîi", "Trường THCS Lê Lợi"),
    ("Uû ban nh©n d©n", "Uỷ ban nhân dân"),
    ("Së Gi¸o dôc vµ §µo t¹o", "Sở Giáo dục và Đào tạo"),
    ("Thµnh phè Hå ChÝ Minh", "Thành phố Hồ Chí Minh"),
    ("Héi KhuyÕn häc", "Hội Khuyến học"),
    ("§Æng ThÞ H" + SHY + "¬ng", "Đặng Thị Hương"),
    ("Qu¶ng Ng·i", "Quảng Ngãi"),
    ("§µ N½ng", "Đà Nẵng"),
    ("Lª Hoµng §øc", "Lê Hoàng Đức"),
    ("Bµ RÞa – Vòng Tµu", "Bà Rịa – Vũng Tàu"),
    ("Vâ Nguyªn Gi¸p", "Võ Nguyên Giáp"),
    ("Häc sinh giái", "Học sinh giỏi"),
    ("Sè 12 ®" + SHY + "êng Lª Lîi", "Số 12 đường Lê Lợi"),
    ("Thanh Ho¸", "Thanh Hoá"),
]

VNI_SEEN = [
    ("Nguyeãn Vaên An", "Nguyễn Văn An"),
    ("Haø Noäi", "Hà Nội"),
    ("Ñaøo", "Đào"),
    ("Traàn Thò Bình", "Trần Thị Bình"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("Tröôøng THCS Leâ Lôïi", "Trường THCS Lê Lợi"),
    ("UÛy ban nhaân daân", "Ủy ban nhân dân"),
    ("Sôû Giaùo duïc vaø Ñaøo taïo", "Sở Giáo dục và Đào tạo"),
    ("Thaønh phoá Hoà Chí Minh", "Thành phố Hồ Chí Minh"),
    ("Hoäi Khuyeán hoïc", "Hội Khuyến học"),
    ("Ñaëng Thò Höông", "Đặng Thị Hương"),
    ("Quaûng Ngaõi", "Quảng Ngãi"),
    ("Ñaø Naüng", "Đà Nẵng"),
    ("Leâ Hoaøng Ñöùc", "Lê Hoàng Đức"),
    ("Baø Ròa – Vuõng Taøu", "Bà Rịa – Vũng Tàu"),
    ("NGUYEÃN VAÊN AN", "NGUYỄN VĂN AN"),
    ("Bình Döông", "Bình Dương"),
    ("Thanh Hoùa", "Thanh Hóa"),
    ("Phaïm Ngoïc AÙnh", "Phạm Ngọc Ánh"),
    ("Phaïm Ngoïc Aùnh", "Phạm Ngọc Ánh"),  # Excel's PROPER() lowers the accent after a capital
]


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_SEEN)
def test_tcvn3_strings_from_real_files(legacy, unicode):
    assert detect_legacy(legacy) == "tcvn3"
    assert fix_legacy(legacy) == unicode


@pytest.mark.parametrize(("legacy", "unicode"), VNI_SEEN)
def test_vni_strings_from_real_files(legacy, unicode):
    assert detect_legacy(legacy) == "vni"
    assert fix_legacy(legacy) == unicode


# --- names and places, encoded with the inverse tables and decoded back -------------------------

NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Hoàng Đức",
    "Phạm Ngọc Ánh",
    "Đặng Thị Hương",
    "Hồ Chí Minh",
    "Nghệ An",
    "Thanh Hóa",
    "Bà Rịa – Vũng Tàu",
    "Quỳnh",
    "Nguyễn Thị Thủy",
    "Ưng Hoàng Phúc",
    "Trương Mỹ Lan",
    "Hà Nội",
    "Võ Nguyên Giáp",
    "Bùi Thị Xuân",
    "Huỳnh Tấn Phát",
    "Lý Thường Kiệt",
    "Trịnh Công Sơn",
    "Ngô Bảo Châu",
    "Đinh Bộ Lĩnh",
    "Lương Thế Vinh",
    "Đoàn Thị Điểm",
    "Lê Quý Đôn",
    "Nguyễn Thị Ngọc Diễm",
    "Ỷ Lan",
    "Ông Ích Khiêm",
    "Nguyễn Thị Ý",
    "Lê Văn Út",
    "Đà Nẵng",
    "Hải Phòng",
    "Cần Thơ",
    "Thừa Thiên Huế",
    "Quảng Ngãi",
    "Đắk Lắk",
    "Sóc Trăng",
    "Bến Tre",
    "Khánh Hòa",
    "Điện Biên",
    "Vĩnh Phúc",
    "Gò Vấp",
    "Thủ Đức",
    "Quỳnh Lưu",
    "Thuỵ Khuê",
    "Hội Khuyến học xã Hòa Bình",
    "Trường THCS Lê Lợi",
    "Số 12 đường Nguyễn Trãi",
    "NGUYỄN VĂN AN",
    "TRẦN THỊ BÌNH",
]


@pytest.mark.parametrize("name", NAMES)
def test_tcvn3_round_trip(name):
    legacy = _encode(name, TCVN3_ENCODE)
    assert detect_legacy(legacy) == "tcvn3"
    assert fix_legacy(legacy) == name


@pytest.mark.parametrize("name", NAMES)
def test_vni_round_trip(name):
    legacy = _encode(name, VNI_ENCODE)
    if legacy in AMBIGUOUS:
        # Also valid Unicode ("Hoà Chí Minh"): by design such a cell is left exactly as it is.
        assert detect_legacy(legacy) is None
        assert fix_legacy(legacy) == legacy
        return
    assert detect_legacy(legacy) == "vni"
    assert fix_legacy(legacy) == name


@pytest.mark.parametrize("name", NAMES)
def test_unicode_names_are_left_alone(name):
    assert detect_legacy(name) is None
    assert fix_legacy(name) == name


def test_output_is_nfc_and_fixing_twice_changes_nothing():
    for legacy, _ in TCVN3_SEEN + VNI_SEEN:
        fixed = fix_legacy(legacy)
        assert unicodedata.is_normalized("NFC", fixed)
        assert fix_legacy(fixed) == fixed


# --- case: TCVN3 has no capitals for most letters -----------------------------------------------


def test_tcvn3_all_capitals_cell_is_upper_cased():
    assert fix_legacy("§¹I HäC S" + SHY + " PH¹M") == "ĐẠI HỌC SƯ PHẠM"


def test_tcvn3_title_case_name_gets_its_capital_back():
    assert fix_legacy("NguyÔn ThÞ ¸nh") == "Nguyễn Thị Ánh"


def test_tcvn3_lowercase_word_stays_lowercase():
    assert fix_legacy("Céng hoµ x· héi") == "Cộng hoà xã hội"
    assert fix_legacy("Sè 12 ®" + SHY + "êng Lª Lîi") == "Số 12 đường Lê Lợi"  # ® is a real đ


# --- what must never change ---------------------------------------------------------------------

NEVER = [
    "Nguyễn Văn An",
    "Ngo Van An",
    "Müller",
    "José",
    "Café",
    "ABC123",
    "",
    "Đỗ Ân",
    "Trường THCS Lê Lợi",
    "Số CCCD",
    "0912 345 678",
    "12/05/2001",
    "1.234,50",
    "nguyen.van.an@example.com",
    "an.nguyen@truong.edu.vn",
    # Unicode Vietnamese spelled with Windows-1252 letters only
    "Hoàng",
    "Bình",
    "Thanh Hóa",
    "Lê Tâm",
    "Hòa Bình",
    "Thuý",
    "Châu Đốc",
    "Hồ Chí Minh",
    # foreign names and words
    "Søren",
    "Bjørn",
    "Zoë",
    "Noël",
    "Raphaël",
    "Anaïs",
    "Loïc",
    "Naïm",
    "Caïn",
    "São Paulo",
    "Señor Núñez",
    "François",
    "Jürgen Größe",
    "Çelik",
    "Ångström",
    "Crème brûlée",
    # symbols from Windows-1252
    "©2024",
    "25°C",
    "½ kg",
    "Giá: 1.000 €",
    "Ö",
    # other scripts
    "王小明",
    "Иван",
]


@pytest.mark.parametrize("text", NEVER)
def test_left_alone(text):
    assert detect_legacy(text) is None
    assert fix_legacy(text) == text


# Legacy text that cannot be told from Unicode or a foreign word: left alone on purpose.
AMBIGUOUS = [
    "Hoà Chí Minh",  # VNI for "Hồ Chí Minh", and also valid Unicode ("Hoà")
    "ót",  # TCVN3 for "út", and also a Unicode Vietnamese syllable
    "Êp",  # TCVN3 for "ấp", same
    "Loïc",  # VNI for "Lọc": a lone ï is not evidence enough
]


@pytest.mark.parametrize("text", AMBIGUOUS)
def test_ambiguous_text_is_left_alone(text):
    assert fix_legacy(text) == text
