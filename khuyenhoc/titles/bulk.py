"""The registrations kind: one row per subject of a campaign, with self-assessment scores if the file
has them (`khuyenhoc import registrations FILE`, the web import, the same engine as persons).

Score columns are named by criterion code ("1.1" … "3.2", the codes of the shipped criteria sets). A row
whose subject is already registered for the title and year adds a new self-assessment when its scores
differ from the last one, and changes nothing when they are the same — so a file imported twice changes
nothing the second time. Each row goes through the cycle's services (a few queries per row): meant for a
campaign's lists (thousands of rows), not for millions.
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.kinds import Column, ImportContext, Kind, Outcome, Pending, RowError
from khuyenhoc.bulk.values import clean_cell_text
from khuyenhoc.core.errors import DomainError, NotFoundError
from khuyenhoc.core.scope import Scope, prefix_q
from khuyenhoc.core.text import whole_number
from khuyenhoc.titles.models import Assessment, Registration, Stage, SubjectKind
from khuyenhoc.titles.rubric import check_scores, load_rubric
from khuyenhoc.titles.selectors import campaign_get, pick_subject
from khuyenhoc.titles.services.assessments import assessment_submit
from khuyenhoc.titles.services.registrations import registration_create

SCORE_CODES = ("1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2")


def _score_field(code: str) -> str:
    return "s" + code.replace(".", "_")


class RegistrationKind(Kind):
    """Đăng ký danh hiệu — subjects of a campaign, with their self-assessment when given."""

    name = "registrations"
    label = _("Đăng ký danh hiệu học tập")
    columns = (
        Column("campaign", "Mã đợt đăng ký", ("Đợt", "Mã đợt"), required=True, example="1", help="Số của đợt, xem trang Danh hiệu.", width=12),
        Column("subject", "Đối tượng (CCCD hoặc mã)", ("Số CCCD", "CCCD", "Số định danh", "Mã hồ sơ", "Mã gia đình", "Mã dòng họ", "Mã đơn vị", "Đối tượng"), required=True, example="040085000123", width=20, personal="cccd"),
        Column("name", "Họ và tên / tên", ("Họ và tên", "Họ tên", "Tên"), example="Nguyễn Văn An", help="Để đối chiếu; không bắt buộc.", width=24),
        Column("subject_group", "Nhóm đối tượng", ("Nhóm",), example="Người dân cư trú trên địa bàn xã", width=30),
        *(Column(_score_field(code), f"Tiêu chí {code}", (code, f"Chỉ số {code}", f"TC {code}"), width=8) for code in SCORE_CODES),
    )  # fmt: skip

    def parse(self, values: dict[str, Any], ctx: ImportContext) -> dict[str, Any]:
        text = clean_cell_text(values.get("campaign")).lstrip("#")
        if whole_number(text) is None:
            raise RowError("campaign", _("Mã đợt đăng ký phải là số."))
        campaigns = ctx.cache.setdefault("campaigns", {})
        if text not in campaigns:
            try:
                campaigns[text] = campaign_get(scope=ctx.scope, pk=int(text))
            except NotFoundError:
                campaigns[text] = None
        campaign = campaigns[text]
        if campaign is None:
            raise RowError(
                "campaign", _("Không có đợt đăng ký số %(n)s trong phạm vi của bạn.") % {"n": text}
            )
        subject_text = clean_cell_text(values.get("subject"))
        try:
            subject = pick_subject(scope=ctx.scope, title=campaign.title, text=subject_text)
        except NotFoundError:
            raise RowError(
                "subject", _("Không tìm thấy “%(t)s” trong phạm vi của bạn.") % {"t": subject_text}
            ) from None
        scores = {
            code: clean_cell_text(values.get(_score_field(code)))
            for code in SCORE_CODES
            if clean_cell_text(values.get(_score_field(code)))
        }
        group = clean_cell_text(values.get("subject_group"))
        return {"campaign": campaign, "subject": subject, "group": group, "scores": scores}

    def write(self, batch: list[Pending], ctx: ImportContext) -> Outcome:
        outcome = Outcome()
        for pending in batch:
            try:
                with transaction.atomic():
                    result = _write_row(pending.data, ctx)
                setattr(outcome, result, getattr(outcome, result) + 1)
            except DomainError as err:
                field = _score_field(err.field) if err.field in SCORE_CODES else "subject"
                outcome.errors[pending.row_number] = RowError(field, err.message)
        return outcome

    def export_queryset(
        self, scope: Scope, org: Any = None, filters: dict[str, Any] | None = None
    ) -> Any:
        rows = Registration.objects.filter(scope.q("org_path")).select_related(
            "person", "household", "clan", "unit", "place", "criteria_set"
        )
        if org is not None:
            rows = rows.filter(prefix_q("org_path", org.path))
        return rows.order_by("id")

    def export_rows(self, records: Any) -> Any:
        # One query per chunk for the latest self-assessments, not one per registration.
        chunk: list[Registration] = []
        for record in records:
            chunk.append(record)
            if len(chunk) == 500:
                yield from self._rows(chunk)
                chunk = []
        yield from self._rows(chunk)

    def _rows(self, regs: list[Registration]) -> Any:
        own = Assessment.objects.filter(registration__in=regs).only("registration_id", "scores")
        latest = own.newest_by_registration(stage=Stage.SELF)
        for reg in regs:
            yield self.export_row(reg, latest[reg.pk].scores if reg.pk in latest else {})

    def export_row(self, reg: Registration, scores: dict | None = None) -> list[Any]:
        subject = {
            SubjectKind.PERSON: lambda: reg.person.cccd or f"#{reg.person_id}",
            SubjectKind.HOUSEHOLD: lambda: reg.household.code or f"#{reg.household_id}",
            SubjectKind.CLAN: lambda: reg.clan.code or f"#{reg.clan_id}",
            SubjectKind.UNIT: lambda: reg.unit.code,
            SubjectKind.PLACE: lambda: reg.place.code,
        }[SubjectKind(reg.subject_kind)]()
        scores = scores or {}
        cells = [_cell(scores.get(code)) for code in SCORE_CODES]
        return [reg.campaign_id, subject, reg.subject_name, reg.criteria_set.subject_group, *cells]


def _cell(value: Any) -> Any:
    if value is True:
        return "Đạt"
    if value is False:
        return "Không đạt"
    return "" if value is None else value


def _write_row(data: dict[str, Any], ctx: ImportContext) -> str:
    campaign, subject = data["campaign"], data["subject"]
    kind = Registration.objects.filter(title=campaign.title, year=campaign.year)
    key = f"{_kind_of(subject)}:{subject.pk}"
    reg = kind.filter(subject_key=key).first()
    created = reg is None
    if created:
        reg = registration_create(
            actor=ctx.actor, scope=ctx.scope, campaign=campaign, subject=subject,
            subject_group=data["group"],
        )  # fmt: skip
    if not data["scores"]:
        return "created" if created else "unchanged"
    clean = check_scores(load_rubric(reg.criteria_set), data["scores"], complete=False)
    last = reg.assessments.newest(stage=Stage.SELF)
    if last is not None and last.scores == clean:
        return "created" if created else "unchanged"
    assessment_submit(actor=ctx.actor, scope=ctx.scope, registration=reg, scores=data["scores"])
    return "created" if created else "updated"


def _kind_of(subject: Any) -> str:
    return {
        "person": "person", "household": "household", "clan": "clan", "orgnode": "unit",
        "adminunit": "place",
    }[subject._meta.model_name]  # fmt: skip


registry.register(RegistrationKind())
