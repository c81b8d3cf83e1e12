"""HTML forms of the learning-title cycle, with Vietnamese field messages."""

from typing import Any

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from khuyenhoc.core.errors import NotFoundError
from khuyenhoc.core.scope import Scope
from khuyenhoc.people.forms import DATE_ERRORS, DATE_INPUT, ScopedForm, org_field
from khuyenhoc.titles.models import Criterion, Title, Verdict
from khuyenhoc.titles.rubric import number
from khuyenhoc.titles.selectors import citizen_subject_groups, pick_subject


def _date(label: str) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_INPUT, error_messages=DATE_ERRORS)


class CampaignForm(ScopedForm):
    title = forms.ChoiceField(label=_("Danh hiệu"), choices=Title.choices)
    year = forms.IntegerField(
        label=_("Năm"), error_messages={"invalid": _("Năm phải là một số, ví dụ 2026.")}
    )
    org_node = org_field()
    name = forms.CharField(label=_("Tên đợt"), required=False, max_length=255)
    registration_until = _date(_("Hạn đăng ký"))
    self_assessment_until = _date(_("Hạn tự đánh giá"))
    verification_until = _date(_("Hạn thẩm định"))
    decision_until = _date(_("Hạn ra quyết định"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_node"].label = _("Đơn vị tổ chức (mã)")


def subject_group_field() -> forms.ChoiceField:
    """The subject groups of the published learning-citizen criteria sets (filled per form)."""
    return forms.ChoiceField(label=_("Nhóm đối tượng (công dân học tập)"), required=False)


class RegisterForm(forms.Form):
    """One subject named by CCCD / record number / code, or every member of a unit."""

    subject = forms.CharField(
        label=_("Đối tượng"),
        required=False,
        max_length=64,
        help_text=_("Số CCCD hoặc mã hồ sơ của người; mã gia đình, dòng họ, đơn vị hoặc địa bàn."),
    )
    members_of = forms.CharField(
        label=_("Hoặc: mọi người do đơn vị này quản lý (mã đơn vị)"),
        required=False,
        max_length=40,
    )
    subject_group = subject_group_field()

    def __init__(self, *args: Any, scope: Scope, title: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope, self.title = scope, title
        if title != Title.CITIZEN:
            del self.fields["subject_group"]
            del self.fields["members_of"]
        else:
            groups = citizen_subject_groups()
            self.fields["subject_group"].choices = [("", "—"), *[(g, g) for g in groups]]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        text, members = data.get("subject", ""), data.get("members_of", "")
        if not text and not members:
            raise forms.ValidationError(_("Hãy nhập đối tượng hoặc mã đơn vị."))
        if text:
            try:
                data["subject"] = pick_subject(scope=self.scope, title=self.title, text=text)
            except NotFoundError:
                self.add_error(
                    "subject", _("Không tìm thấy “%(t)s” trong phạm vi của bạn.") % {"t": text}
                )
        return data


class ScoresForm(forms.Form):
    """One field per criterion: points (0..max) or Đạt/Không đạt; a reason box per criterion on verify."""

    def error_field(self, name: str | None) -> str | None:
        """The field of a service's error: a criterion code is shown on its "c_<code>" field."""
        return f"c_{name}" if name and f"c_{name}" in self.fields else name

    def __init__(
        self,
        *args: Any,
        criteria: list[Criterion],
        verify: bool = False,
        facts: Any = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria, self.verify = criteria, verify
        hints = {
            fact.criterion: _("Theo dữ liệu: %(label)s %(value)s; gợi ý %(points)s điểm.")
            % {"label": fact.label, "value": fact.value, "points": number(fact.suggested)}
            for fact in facts
            if fact.criterion and fact.suggested is not None
        }
        for c in criteria:
            label = f"{c.code}. {c.text}"
            if c.is_pass_fail:
                self.fields[f"c_{c.code}"] = forms.ChoiceField(
                    label=label,
                    choices=[("", "—"), ("Đạt", _("Đạt")), ("Không đạt", _("Không đạt"))],
                )
            else:
                self.fields[f"c_{c.code}"] = forms.CharField(
                    label=_("%(label)s (tối đa %(max)s)") % {"label": label, "max": c.max_points},
                    max_length=6,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 4}),
                    help_text=hints.get(c.code, ""),
                )
            if verify:
                self.fields[f"r_{c.code}"] = forms.CharField(
                    label=_("Lý do điều chỉnh %(code)s") % {"code": c.code},
                    required=False,
                    max_length=500,
                )
        if verify:
            self.fields["verdict"] = forms.ChoiceField(label=_("Kết luận"), choices=Verdict.choices)
            self.fields["comment"] = forms.CharField(
                label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3})
            )

    def scores(self) -> dict[str, str]:
        return {c.code: self.cleaned_data.get(f"c_{c.code}", "") for c in self.criteria}

    def reasons(self) -> dict[str, str]:
        return {c.code: self.cleaned_data.get(f"r_{c.code}", "") for c in self.criteria}


class DecisionForm(ScopedForm):
    """A decision's header and the subjects it names (checkboxes of the eligible registrations)."""

    org_node = org_field()
    number = forms.CharField(
        label=_("Số quyết định"), max_length=40, help_text=_("Ví dụ 15/QĐ-HKH")
    )
    signed_on = forms.DateField(label=_("Ngày ký"), widget=DATE_INPUT, error_messages=DATE_ERRORS)
    signer = forms.CharField(label=_("Người ký"), max_length=128)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=128, initial="Chủ tịch")
    registrations = forms.ModelMultipleChoiceField(
        label=_("Danh sách"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một đối tượng.")},
    )
    reason = forms.CharField(
        label=_("Lý do thu hồi"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, choices: Any, revoking: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_node"].label = _("Cơ quan ban hành (mã)")
        self.fields["registrations"].queryset = choices
        self.fields["registrations"].label_from_instance = lambda r: (
            f"{r.subject_name} — {number(r.total) if r.total is not None else '—'} điểm, {r.band or '—'}"
        )
        if revoking:
            del self.fields["org_node"]
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]


class EvidenceForm(forms.Form):
    """A file for one criterion of a registration."""

    criterion_code = forms.ChoiceField(label=_("Tiêu chí"))
    file = forms.FileField(
        label=_("Tệp minh chứng"),
        help_text=_("PDF, ảnh JPEG/PNG, Word hoặc Excel; đến 10 MB."),
        error_messages={"required": _("Hãy chọn tệp."), "empty": _("Tệp trống.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,image/*,.docx,.xlsx,.odt"}),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)

    def __init__(self, *args: Any, criteria: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criterion_code"].choices = [
            (c.code, f"{c.code} {Truncator(c.text).chars(80)}") for c in criteria
        ]


class CriteriaCopyForm(ScopedForm):
    """A draft copied from a criteria set: a province's local variant (owner) or a new version."""

    code = forms.CharField(
        label=_("Mã bộ tiêu chí mới"), max_length=40, help_text=_("Ví dụ DVHT-TT22-NGHEAN-2026.")
    )
    name = forms.CharField(label=_("Tên"), required=False, max_length=255)
    org_node = forms.CharField(
        label=_("Đơn vị ban hành (mã)"),
        required=False,
        max_length=40,
        help_text=_(
            "Tỉnh ban hành bộ tiêu chí địa phương; để trống để tạo phiên bản mới của bộ này."
        ),
    )


class CriterionForm(forms.Form):
    """One criterion of a draft: its wording, points and minimum, whether it must be passed."""

    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    max_points = forms.IntegerField(
        label=_("Điểm tối đa"), required=False, min_value=1, max_value=100,
        help_text=_("Để trống nếu tiêu chí chỉ đánh giá Đạt/Không đạt."),
    )  # fmt: skip
    min_points = forms.IntegerField(
        label=_("Điểm tối thiểu"), required=False, min_value=0, max_value=100
    )
    must_pass = forms.BooleanField(label=_("Bắt buộc đạt"), required=False)


class GroupForm(forms.Form):
    """A citizen names the subject group they register in (each group has its own criteria)."""

    subject_group = forms.ChoiceField(label=_("Bạn thuộc nhóm"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = citizen_subject_groups()
        self.fields["subject_group"].choices = [(g, g) for g in groups]
