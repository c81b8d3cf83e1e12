"""Forms of the programme pages; organisations are named by code, places by name or code."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from khuyenhoc.core.forms import lookup
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.people.forms import DATE_ERRORS, DATE_INPUT, ScopedForm
from khuyenhoc.places.lookups import resolve_place
from khuyenhoc.programmes.models import BaseSource, ReportingPeriod, Source, Unit
from khuyenhoc.titles.models import Title

YEAR = {"min_value": 2000, "max_value": 2100}


class ProgrammeForm(forms.Form):
    code = forms.CharField(label=_("Mã chương trình"), max_length=40)
    title = forms.CharField(label=_("Tên chương trình"), max_length=255)
    signed_on = forms.DateField(label=_("Ngày ký"), widget=DATE_INPUT, error_messages=DATE_ERRORS)
    signed_place = forms.CharField(label=_("Nơi ký"), max_length=128, required=False)
    starts_year = forms.IntegerField(label=_("Từ năm"), **YEAR)
    ends_year = forms.IntegerField(label=_("Đến năm"), **YEAR)
    parties = forms.CharField(
        label=_("Các bên ký (mã tổ chức, mỗi dòng một mã; dòng đầu là cơ quan chủ trì)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    legal_basis = forms.CharField(
        label=_("Căn cứ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    summary = forms.CharField(
        label=_("Tóm tắt"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_parties(self) -> list[OrgNode]:
        codes = [
            c.strip().upper()
            for c in self.cleaned_data["parties"].replace(",", "\n").splitlines()
            if c.strip()
        ]
        found = {n.code: n for n in OrgNode.objects.filter(code__in=codes)}
        missing = [c for c in codes if c not in found]
        if missing:
            raise forms.ValidationError(
                _("Không có tổ chức mã: %(c)s.") % {"c": ", ".join(missing)}
            )
        return [found[c] for c in codes]


class DocumentForm(forms.Form):
    name = forms.CharField(label=_("Tên tài liệu"), max_length=255, required=False)
    upload = forms.FileField(label=_("Tệp (PDF, Word, Excel, ảnh; tối đa 10 MB)"))


class ContentForm(forms.Form):
    number = forms.IntegerField(label=_("Số thứ tự"), min_value=1, max_value=99)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))


class IndicatorForm(forms.Form):
    code = forms.CharField(label=_("Mã chỉ tiêu"), max_length=20)
    name = forms.CharField(label=_("Tên chỉ tiêu"), max_length=255)
    unit = forms.ChoiceField(label=_("Đơn vị"), choices=Unit.choices)
    source = forms.ChoiceField(label=_("Nguồn số liệu"), choices=Source.choices)
    title = forms.ChoiceField(
        label=_("Danh hiệu (nguồn từ danh hiệu học tập)"), required=False,
        choices=[("", "—"), *Title.choices],
    )  # fmt: skip
    base_label = forms.CharField(
        label=_("Mẫu số là (với chỉ tiêu tỷ lệ)"), max_length=128, required=False
    )
    base_source = forms.ChoiceField(
        label=_("Mẫu số lấy từ"), choices=BaseSource.choices, required=False,
        help_text=_("Đếm từ dữ liệu: mỗi chỉ tiêu giao lấy số người, số hộ hoặc số đơn vị của bên "
                    "nhận (đơn vị và cấp dưới, hoặc địa bàn) vào ngày giao."),
    )  # fmt: skip
    content = forms.TypedChoiceField(
        label=_("Thuộc nội dung"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["content"].choices = [("", "—")] + [
            (c.pk, str(c)) for c in programme.contents.all()
        ]


class TargetForm(ScopedForm):
    indicator = forms.TypedChoiceField(label=_("Chỉ tiêu"), coerce=int)
    year = forms.IntegerField(label=_("Năm"), **YEAR)
    org_node = forms.CharField(label=_("Giao cho đơn vị (mã)"), required=False, max_length=40)
    place = forms.CharField(
        label=_("hoặc cho địa bàn (tỉnh, xã: tên hoặc mã)"), required=False, max_length=128
    )
    value = forms.DecimalField(
        label=_("Chỉ tiêu (số hoặc %)"), min_value=0, max_digits=16, decimal_places=2
    )
    base = forms.IntegerField(
        label=_("Mẫu số (với chỉ tiêu tỷ lệ)"), required=False, min_value=1,
        help_text=_("Để trống khi chỉ tiêu đếm mẫu số từ dữ liệu: hệ thống đếm vào ngày giao."),
    )  # fmt: skip

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(i.pk, str(i)) for i in programme.indicators.all()]

    def clean_place(self) -> Any:
        text = self.cleaned_data.get("place", "")
        return lookup(resolve_place, text, field="place") if text else None


class ActivityForm(ScopedForm):
    org_node = forms.CharField(label=_("Đơn vị thực hiện (mã)"), max_length=40)
    content = forms.TypedChoiceField(
        label=_("Thuộc nội dung"), required=False, coerce=int, empty_value=None
    )
    happened_on = forms.DateField(label=_("Ngày"), widget=DATE_INPUT, error_messages=DATE_ERRORS)
    place_text = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    summary = forms.CharField(label=_("Đã làm gì"), widget=forms.Textarea(attrs={"rows": 3}))
    participants = forms.IntegerField(label=_("Số người tham gia"), required=False, min_value=0)
    attachment = forms.FileField(label=_("Tệp đính kèm"), required=False)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["content"].choices = [("", "—")] + [
            (c.pk, str(c)) for c in programme.contents.all()
        ]


class ActivityEditForm(forms.Form):
    summary = forms.CharField(label=_("Đã làm gì"), widget=forms.Textarea(attrs={"rows": 3}))
    place_text = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    participants = forms.IntegerField(label=_("Số người tham gia"), required=False, min_value=0)


class ReportedForm(ScopedForm):
    indicator = forms.TypedChoiceField(label=_("Chỉ tiêu"), coerce=int)
    year = forms.IntegerField(label=_("Năm"), **YEAR)
    org_node = forms.CharField(label=_("Đơn vị báo cáo (mã)"), max_length=40)
    value = forms.DecimalField(label=_("Số liệu"), min_value=0, max_digits=18, decimal_places=2)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)
    evidence = forms.FileField(label=_("Minh chứng"), required=False)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reported = programme.indicators.filter(source=Source.REPORTED)
        self.fields["indicator"].choices = [(i.pk, str(i)) for i in reported]


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại kỳ"), choices=ReportingPeriod.Kind.choices)
    name = forms.CharField(label=_("Tên kỳ"), max_length=128, required=False)
    year_from = forms.IntegerField(label=_("Từ năm"), **YEAR)
    year_to = forms.IntegerField(label=_("Đến năm"), **YEAR)
    due_on = forms.DateField(label=_("Hạn nộp"), widget=DATE_INPUT, error_messages=DATE_ERRORS)


class SubmitForm(ScopedForm):
    org_node = forms.CharField(label=_("Đơn vị gửi báo cáo (mã)"), max_length=40)
    note = forms.CharField(
        label=_("Thuyết minh"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
