"""Minh chứng: files attached to a registration, one criterion each, until it is verified.

A file is accepted by what its first bytes say it is (core.uploads); it is stored under a name of our
own and served only through a view that checks who may see the registration.
"""

import hashlib
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require
from khuyenhoc.core.text import clean_text
from khuyenhoc.core.uploads import check_upload, stored_name, upload_name
from khuyenhoc.titles.models import OPEN_STATUSES, Criterion, Evidence, Registration
from khuyenhoc.titles.services.registrations import registration_lock, registration_lock_own


@transaction.atomic
def evidence_attach(
    *, actor: Any, scope: Scope, registration: Registration, criterion_code: str, upload: Any,
    note: str = "",
) -> Evidence:  # fmt: skip
    """Attach a file to one criterion of a registration the user may change."""
    reg = registration_lock(registration=registration)
    require(scope, Action.CHANGE, reg.org_path)
    return _attach(actor, reg, criterion_code, upload, note)


@transaction.atomic
def evidence_attach_own(
    *, actor: Any, registration: Registration, criterion_code: str, upload: Any, note: str = ""
) -> Evidence:
    """A citizen attaches a file to their own registration."""
    reg = registration_lock_own(actor=actor, registration=registration)
    return _attach(actor, reg, criterion_code, upload, note)


def _attach(actor: Any, reg: Registration, code: str, upload: Any, note: str) -> Evidence:
    if reg.status not in OPEN_STATUSES:
        raise DomainError(
            ErrorCode.INVALID,
            _("Chỉ gửi minh chứng trước khi thẩm định (hiện: “%(s)s”).")
            % {"s": reg.get_status_display()},
        )
    if not Criterion.objects.filter(group__criteria_set=reg.criteria_set, code=code).exists():
        raise DomainError(
            ErrorCode.INVALID,
            _("Bộ tiêu chí không có tiêu chí %(code)s.") % {"code": code},
            field="criterion_code",
        )
    name = upload_name(upload)
    content_type = check_upload(upload, name)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    evidence = Evidence(
        registration=reg, criterion_code=code, name=name, content_type=content_type,
        size=upload.size, sha256=digest.hexdigest(), note=clean_text(note),
        by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    evidence.file.save(stored_name(upload, prefix=f"{reg.pk}-"), upload, save=False)
    evidence.save()
    return evidence
