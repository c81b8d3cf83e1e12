"""Vietnamese messages for the input errors pydantic reports (API request bodies and query strings)."""

from typing import Any

from django.utils.translation import gettext as _


def _templates() -> dict[str, str]:
    return {
        "missing": _("Thiếu trường bắt buộc."),
        "int_parsing": _("Phải là một số nguyên."),
        "int_type": _("Phải là một số nguyên."),
        "int_from_float": _("Phải là một số nguyên."),
        "float_parsing": _("Phải là một số."),
        "bool_parsing": _("Phải là true hoặc false."),
        "string_type": _("Phải là một chuỗi ký tự."),
        "string_too_short": _("Quá ngắn: cần ít nhất %(min_length)s ký tự."),
        "string_too_long": _("Quá dài: tối đa %(max_length)s ký tự."),
        "string_pattern_mismatch": _("Có ký tự không được phép (như ký tự điều khiển)."),
        "date_parsing": _("Ngày không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 1985-09-05."),
        "date_from_datetime_parsing": _(
            "Ngày không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 1985-09-05."
        ),
        "date_from_datetime_inexact": _(
            "Ngày không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 1985-09-05."
        ),
        "date_type": _("Ngày không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 1985-09-05."),
        "datetime_parsing": _("Thời điểm không hợp lệ: dùng dạng ISO 8601."),
        "enum": _("Giá trị không nằm trong danh sách cho phép: %(expected)s."),
        "literal_error": _("Giá trị không nằm trong danh sách cho phép: %(expected)s."),
        "greater_than_equal": _("Phải lớn hơn hoặc bằng %(ge)s."),
        "greater_than": _("Phải lớn hơn %(gt)s."),
        "less_than_equal": _("Phải nhỏ hơn hoặc bằng %(le)s."),
        "less_than": _("Phải nhỏ hơn %(lt)s."),
        "model_attributes_type": _("Phải là một đối tượng JSON."),
        "dict_type": _("Phải là một đối tượng JSON."),
        "list_type": _("Phải là một danh sách."),
        "too_long": _("Quá nhiều phần tử: tối đa %(max_length)s."),
        "json_invalid": _("Nội dung không phải JSON hợp lệ."),
        "extra_forbidden": _("Trường này không được phép."),
    }


def vietnamese_message(error: dict[str, Any]) -> str:
    """The Vietnamese message for one pydantic error (its `type`, `ctx` and `msg`)."""
    kind = error.get("type", "")
    if kind == "value_error":
        # Raised by our own validators, whose messages are already Vietnamese.
        return str(error.get("msg", "")).removeprefix("Value error, ")
    template = _templates().get(kind)
    if template is None:
        return _("Giá trị không hợp lệ.")
    context = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    try:
        return template % context
    except (KeyError, ValueError):
        return template.split(":")[0] + "."
