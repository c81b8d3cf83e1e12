"""Places typed in files and forms, current and pre-2025, resolve to today's communes."""

import pytest

from khuyenhoc.core.errors import DomainError
from khuyenhoc.places.lookups import resolve_commune
from khuyenhoc.places.matching import PlaceIndex, PlaceNotFound
from khuyenhoc.places.models import AdminUnit


def _commune(name: str, province: str = "") -> AdminUnit:
    units = AdminUnit.objects.filter(level="commune", name=name)
    return units.get(province_code=province) if province else units.get()


@pytest.fixture
def index(db) -> PlaceIndex:
    return PlaceIndex()


@pytest.mark.parametrize(
    ("text", "province", "expected"),
    [
        ("Phường Hưng Lộc", "40", "Phường Vinh Lộc"),  # Thành phố Vinh, Nghệ An
        ("phuong hung loc", "40", "Phường Vinh Lộc"),
        ("16708", "40", "Phường Vinh Lộc"),  # its pre-2025 code
        ("Xã Hưng Lộc", "38", "Xã Vạn Lộc"),  # Huyện Hậu Lộc, Thanh Hóa
        ("Phường Phương Lâm", "25", "Phường Hòa Bình"),  # former Hòa Bình province, now Phú Thọ
        ("Phường Thành Vinh", "40", "Phường Thành Vinh"),  # a current name wins
    ],
)
def test_pre_2025_commune_names_and_codes_give_the_commune_that_took_them_over(
    index, text, province, expected
):
    assert index.commune(text, province) == _commune(expected, province)


def test_an_old_name_shared_by_two_former_communes_that_went_different_ways_is_explained(index):
    with pytest.raises(PlaceNotFound) as caught:
        index.commune("Phường Lam Sơn", "38")

    message = caught.value.message
    assert "trước 01/7/2025" in message
    assert "Phường Lam Sơn (Thành phố Thanh Hóa) nay thuộc Phường Hạc Thành" in message
    assert "Phường Lam Sơn (Thị xã Bỉm Sơn) nay thuộc Phường Bỉm Sơn" in message


def test_a_divided_former_commune_names_every_part(index):
    with pytest.raises(PlaceNotFound) as caught:
        index.commune("Xã Vầy Nưa", "25")

    assert "Xã Vầy Nưa (Huyện Đà Bắc) nay thuộc Xã Tiền Phong" in caught.value.message
    assert "hoặc Phường Thống Nhất" in caught.value.message


def test_an_old_name_is_looked_for_only_in_the_rows_province(index):
    with pytest.raises(PlaceNotFound) as caught:
        index.commune("Phường Hưng Lộc", "01")

    assert caught.value.message == "Không có xã/phường “Phường Hưng Lộc” trong tỉnh này."


def test_a_form_accepts_an_old_commune_name_and_explains_an_ambiguous_one(db):
    assert resolve_commune("Phường Hưng Lộc", province_code="40") == _commune("Phường Vinh Lộc")
    with pytest.raises(DomainError) as caught:
        resolve_commune("Phường Lam Sơn", province_code="38")
    assert caught.value.field == "commune"
    assert "Phường Hạc Thành" in caught.value.message
    assert resolve_commune("Lam Sơn", province_code="38") == _commune("Xã Lam Sơn", "38")
