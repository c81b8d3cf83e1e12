import pytest

from khuyenhoc.core.validation_messages import vietnamese_message


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        ({"type": "missing"}, "Thiếu trường bắt buộc."),
        ({"type": "string_too_long", "ctx": {"max_length": 128}}, "Quá dài: tối đa 128 ký tự."),
        (
            {"type": "date_from_datetime_parsing"},
            "Ngày không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 1985-09-05.",
        ),
        (
            {"type": "value_error", "msg": "Value error, Cần chọn đơn vị quản lý."},
            "Cần chọn đơn vị quản lý.",
        ),
        ({"type": "something_new"}, "Giá trị không hợp lệ."),
    ],
)
def test_pydantic_errors_read_in_vietnamese(error, expected):
    assert vietnamese_message(error) == expected
