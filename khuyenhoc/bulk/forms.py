"""The upload form of a web import."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 200 * 1024 * 1024


class ImportForm(forms.Form):
    """A file and how to import it."""

    file = forms.FileField(label=_("Tệp XLSX, XLS hoặc CSV"))
    org_code = forms.CharField(
        label=_("Đơn vị mặc định (mã)"),
        required=False,
        max_length=40,
        help_text=_("Dùng cho các dòng không ghi đơn vị quản lý."),
    )
    dry_run = forms.BooleanField(label=_("Chỉ kiểm tra, chưa ghi"), required=False)
    skip_invalid = forms.BooleanField(
        label=_("Nhập các dòng hợp lệ, bỏ qua dòng lỗi"), required=False
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise forms.ValidationError(_("Tệp rỗng."))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Tệp lớn hơn 200 MB; hãy chia nhỏ tệp."))
        return upload
