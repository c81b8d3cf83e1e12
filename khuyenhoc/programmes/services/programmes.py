"""Writes for a programme itself: the signed programme and its parties, its documents and contents."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.core.uploads import check_upload, stored_name, upload_name
from khuyenhoc.programmes.models import Content, Document, Party, Programme
from khuyenhoc.programmes.services.common import check_manage


@transaction.atomic
def programme_create(
    *, actor: Any, scope: Scope, code: str, title: str, signed_on: datetime.date,
    starts_year: int, ends_year: int, parties: list[Any], signed_place: str = "",
    legal_basis: str = "", summary: str = "",
) -> Programme:  # fmt: skip
    """Record a signed programme; the first party leads it (the user must work for that body)."""
    code, title = clean_text(code).upper(), clean_text(title)
    if not code or not title:
        raise DomainError(ErrorCode.REQUIRED, _("Cần mã và tên chương trình."), field="code")
    if Programme.objects.filter(code=code).exists():
        raise DomainError(
            ErrorCode.DUPLICATE, _("Mã chương trình %(c)s đã có.") % {"c": code}, field="code"
        )
    if not parties:
        raise DomainError(ErrorCode.REQUIRED, _("Cần ít nhất một bên ký."), field="parties")
    if not 2000 <= starts_year <= ends_year <= 2100:
        raise DomainError(
            ErrorCode.INVALID,
            _("Thời gian thực hiện không hợp lệ (từ năm ≤ đến năm)."),
            field="ends_year",
        )
    lead = parties[0]
    require(scope, Action.CHANGE, lead.path)
    programme = Programme(
        code=code, title=title, signed_on=signed_on, signed_place=clean_text(signed_place),
        starts_year=starts_year, ends_year=ends_year, legal_basis=clean_text(legal_basis),
        summary=summary.strip(), lead=lead, org_path=lead.path,
    )  # fmt: skip
    stamp(programme, actor).save()
    for position, node in enumerate(dict.fromkeys(parties), start=1):
        stamp(
            Party(programme=programme, org_node=node, org_path=node.path, position=position), actor
        ).save()
    return programme


@transaction.atomic
def document_attach(
    *, actor: Any, scope: Scope, programme: Programme, name: str, upload: Any
) -> Document:
    """Attach a document (the signed text, a plan, a review) to a programme its user manages."""
    check_manage(scope, programme)
    check_upload(upload, upload_name(upload))
    document = Document(programme=programme, name=clean_text(name) or upload_name(upload)[:255])
    document.file.save(stored_name(upload), upload, save=False)
    stamp(document, actor).save()
    return document


@transaction.atomic
def content_add(
    *,
    actor: Any,
    scope: Scope,
    programme: Programme,
    number: int,
    text: str,
    responsible: Sequence[Party] = (),
) -> Content:
    """A numbered content item; its number is unique in the programme."""
    check_manage(scope, programme)
    text = clean_text(text)
    if not text:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nội dung."), field="text")
    if programme.contents.filter(number=number).exists():
        raise DomainError(
            ErrorCode.DUPLICATE, _("Đã có nội dung số %(n)s.") % {"n": number}, field="number"
        )
    content = stamp(Content(programme=programme, number=number, text=text), actor)
    content.save()
    content.responsible.set([p for p in responsible if p.programme_id == programme.pk])
    return content
