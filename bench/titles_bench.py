"""Learning-title benchmarks (not tests; figures in docs/benchmarks.md).

    .venv/bin/python bench/titles_bench.py [--database-url URL] [--assessments 1000000]
        [--certificates 10000] [--baseline-certificates 300] [--naive-assessments 50000]

1. Scoring stored assessments: `titles.audit.assessments_audit` re-scores every assessment of a criteria
   set (reads the scores in chunks, scores them with the rubric compiled to integers, compares with the
   stored total, band and verdict) — goal: over 50,000 a second. Side by side, the same assessments
   scored one by one the way a straightforward implementation does it (ORM instances, the rubric loaded
   per assessment, `rubric.score` with its explanations), on a prefix because it is slow.
2. Certificates: `titles.documents.certificates_pdf` renders a decision of `--certificates` subjects,
   one page each with its own QR code, into one PDF — goal: under 20 s for 10,000. Side by side,
   WeasyPrint rendering the same certificate as HTML, one PDF per certificate (its usual use), on
   `--baseline-certificates` of them; its time for 10,000 is extrapolated and labelled so.

The data (registrations under one learning-citizen criteria set, two assessments each; a recognition
decision) is loaded once by the database's bulk path and reused when the counts match. Prints one JSON
line per measurement (RESULT {...}) and writes bench/out/titles.json.
"""

import argparse
import datetime
import gc
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import OUT_DIR, PROJECT_DIR, migrate, setup_django

DEFAULT_URL = f"sqlite:///{PROJECT_DIR / 'var' / 'bench_titles.sqlite3'}"
SET_CODE = "CDHT-324-2023-N1"
CAMPAIGN_NAME = "Benchmark: Công dân học tập"
DECISION_NUMBER = "BENCH/QĐ-CN"


def peak_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def result(**values: object) -> dict:
    print("RESULT " + json.dumps(values, ensure_ascii=False), flush=True)
    return values


# --- data ------------------------------------------------------------------------------------------


def ensure_data(assessments: int) -> tuple[object, object]:
    """The benchmark campaign with `assessments` stored assessments (two per registration)."""
    from khuyenhoc.orgs.models import NodeKind, OrgNode, OrgSystem
    from khuyenhoc.orgs.services import orgnode_create
    from khuyenhoc.testing.factories import ROOT
    from khuyenhoc.titles.models import Assessment, Campaign, CriteriaSet
    from khuyenhoc.titles.services.campaigns import campaign_open

    cs = CriteriaSet.objects.get(code=SET_CODE)
    node = OrgNode.objects.filter(code="BENCH-TITLES").first() or orgnode_create(
        actor=None, scope=ROOT, system=OrgSystem.objects.get(code="HKH"), code="BENCH-TITLES",
        parent=None, kind=NodeKind.PROVINCE, name="Hội Khuyến học (benchmark danh hiệu)",
    )  # fmt: skip
    campaign = Campaign.objects.filter(name=CAMPAIGN_NAME).first()
    if campaign is None:
        day = datetime.date(2025, 12, 31)
        campaign = campaign_open(
            actor=None, scope=ROOT, title="citizen", year=2025, org_node=node, name=CAMPAIGN_NAME,
            registration_until=day, self_assessment_until=day, verification_until=day,
            decision_until=day,
        )  # fmt: skip
    have = Assessment.objects.filter(registration__campaign=campaign).count()
    if have != assessments:
        load_assessments(campaign, cs, assessments)
    return campaign, cs


def load_assessments(campaign: object, cs: object, count: int) -> None:
    """Registrations and their self-assessment and verification, scored by `rubric.score`."""
    from django.db import connection, transaction

    from khuyenhoc.core.bulkload import allocate_ids, insert_rows
    from khuyenhoc.titles.models import Assessment, DecisionLine, Registration
    from khuyenhoc.titles.rubric import load_rubric, score

    rng = random.Random(2025)
    rubric = load_rubric(cs)
    codes = [c.code for c in rubric.criteria]
    started = time.perf_counter()
    with transaction.atomic():
        DecisionLine.objects.filter(registration__campaign=campaign).delete()
        Assessment.objects.filter(registration__campaign=campaign).delete()
        Registration.objects.filter(campaign=campaign).delete()
        now = connection.ops.adapt_datetimefield_value(datetime.datetime.now(datetime.UTC))
        registrations = count // 2
        reg_ids = allocate_ids(Registration, registrations)
        insert_rows(
            Registration._meta.db_table,
            ["id", "created_at", "updated_at", "campaign_id", "title", "year", "subject_kind",
             "subject_key", "subject_name", "criteria_set_id", "org_path", "status", "band"],
            ((pk, now, now, campaign.pk, "citizen", 2025, "person", f"bench:{pk}",
              f"Người thử {pk}", cs.pk, campaign.org_path, "verified", "")
             for pk in reg_ids),
        )  # fmt: skip
        rows = []
        for pk in reg_ids:
            for stage in ("self", "verification"):
                # Mostly good learners, some weak indicators: a realistic mix of passes and fails.
                scores = {c: rng.choice((4, 5, 6, 7, 7.5, 8, 8.5, 9, 9.5, 10)) for c in codes}
                outcome = score(rubric, scores)
                rows.append((pk, stage, json.dumps(scores), "{}", outcome.total,
                             outcome.band_label, outcome.achieved, json.dumps(outcome.reasons),
                             "accepted" if stage != "self" else "", "", now))  # fmt: skip
            if len(rows) >= 20_000:
                _insert_assessments(rows)
                rows = []
        _insert_assessments(rows)
        Assessment.objects.filter(registration__campaign=campaign).count()
    print(f"loaded {count:,} assessments in {time.perf_counter() - started:.1f} s", flush=True)


def _insert_assessments(rows: list) -> None:
    from khuyenhoc.core.bulkload import insert_rows
    from khuyenhoc.titles.models import Assessment

    insert_rows(
        Assessment._meta.db_table,
        ["registration_id", "stage", "scores", "adjustments", "total", "band", "achieved",
         "reasons", "verdict", "comment", "at"],
        rows,
    )  # fmt: skip


def ensure_decision(campaign: object, count: int) -> object:
    """A recognition decision naming the first `count` registrations of the campaign."""
    from django.db import transaction

    from khuyenhoc.titles.models import Decision, DecisionLine, Registration

    decision = Decision.objects.filter(number=DECISION_NUMBER).first()
    if decision is not None and decision.lines.count() == count:
        return decision
    with transaction.atomic():
        if decision is not None:
            decision.lines.all().delete()
            decision.delete()
        decision = Decision.objects.create(
            number=DECISION_NUMBER, signed_on=datetime.date(2026, 3, 20), signer="Nguyễn Văn Ký",
            signer_title="Chủ tịch", issuer=campaign.org_node, org_path=campaign.org_path,
            title="citizen", year=2025,
        )  # fmt: skip
        regs = Registration.objects.filter(campaign=campaign).order_by("id")[:count]
        DecisionLine.objects.bulk_create(
            DecisionLine(decision=decision, registration=reg, position=n,
                         public_code=f"{decision.pk:x}{reg.pk:x}b{n:05d}")
            for n, reg in enumerate(regs, start=1)
        )  # fmt: skip
    return decision


# --- measurements ----------------------------------------------------------------------------------


def bench_audit(cs: object, naive: int) -> list[dict]:
    from khuyenhoc.core.scope import Scope
    from khuyenhoc.titles.audit import assessments_audit
    from khuyenhoc.titles.models import Assessment
    from khuyenhoc.titles.rubric import load_rubric, score

    everywhere = Scope.system()
    gc.collect()
    started = time.perf_counter()
    audit = assessments_audit(scope=everywhere, criteria_set=cs)
    seconds = time.perf_counter() - started
    fast = result(
        measure="score stored assessments", way="assessments_audit (compiled rubric, chunks)",
        assessments=audit.checked, mismatches=audit.mismatches, seconds=round(seconds, 2),
        per_second=round(audit.checked / seconds), peak_rss_mb=peak_mb(),
    )  # fmt: skip
    rows = Assessment.objects.filter(registration__criteria_set=cs).order_by("id")[:naive]
    started, done, agree = time.perf_counter(), 0, 0
    for assessment in rows.select_related("registration__criteria_set").iterator(chunk_size=2000):
        outcome = score(load_rubric(assessment.registration.criteria_set), assessment.scores)
        agree += outcome.total == assessment.total and outcome.achieved == assessment.achieved
        done += 1
    seconds = time.perf_counter() - started
    slow = result(
        measure="score stored assessments", way="one by one (ORM instance, rubric per row, score())",
        assessments=done, agreeing=agree, seconds=round(seconds, 2),
        per_second=round(done / seconds), peak_rss_mb=peak_mb(),
    )  # fmt: skip
    return [fast, slow]


def bench_certificates(decision: object, baseline: int) -> list[dict]:
    from khuyenhoc.titles.documents import certificates_pdf

    def url(code: str) -> str:
        return f"https://khuyenhoc.example.vn/titles/verify/{code}/"

    gc.collect()
    count = decision.lines.count()
    started = time.perf_counter()
    pdf = certificates_pdf(decision, url)
    seconds = time.perf_counter() - started
    out = OUT_DIR / "certificates.pdf"
    out.write_bytes(pdf)
    ours = result(
        measure="certificates into one PDF", way="certificates_pdf (fpdf2; shared frame laid out once; zxing-cpp QR as vector paths)",
        certificates=count, seconds=round(seconds, 2), per_second=round(count / seconds),
        pdf_mb=round(len(pdf) / 2**20, 1), peak_rss_mb=peak_mb(),
    )  # fmt: skip
    return [ours, bench_weasyprint(decision, baseline, url)]


def bench_weasyprint(decision: object, count: int, url: object) -> dict:
    """The same certificate as an HTML page rendered by WeasyPrint, one PDF per certificate."""
    import segno
    import weasyprint

    lines = list(decision.lines.select_related("registration").order_by("position")[:count])
    started = time.perf_counter()
    size = 0
    for line in lines:
        qr = segno.make(url(line.public_code), error="m").svg_data_uri(scale=4, border=1)
        html = CERTIFICATE_HTML.format(
            issuer=decision.issuer.name.upper(), year=decision.year,
            name=line.registration.subject_name, number=decision.number,
            day=decision.signed_on.strftime("%d/%m/%Y"), qr=qr, signer=decision.signer,
            signer_title=decision.signer_title.upper(),
        )  # fmt: skip
        size += len(weasyprint.HTML(string=html).write_pdf())
    seconds = time.perf_counter() - started
    return result(
        measure="certificates into one PDF", way="WeasyPrint, one HTML page → PDF per certificate",
        certificates=len(lines), seconds=round(seconds, 2), per_second=round(len(lines) / seconds),
        extrapolated_seconds_for_decision=round(seconds / len(lines) * decision.lines.count(), 1),
        pdf_mb=round(size / 2**20, 1), peak_rss_mb=peak_mb(),
    )  # fmt: skip


CERTIFICATE_HTML = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
@page {{ size: A4 landscape; margin: 12mm; }}
body {{ font-family: "DejaVu Serif", serif; text-align: center; border: 1.2mm solid #000;
        height: 182mm; margin: 0; position: relative; }}
.issuer {{ font-weight: bold; font-size: 12pt; margin-top: 13mm; }}
h1 {{ font-size: 28pt; margin: 10mm 0 2mm; }} .title {{ font-size: 14pt; }}
.name {{ font-weight: bold; font-size: 22pt; margin: 6mm 0 4mm; }} .by {{ font-style: italic; }}
.qr {{ position: absolute; right: 24mm; bottom: 24mm; width: 38mm; }}
.sign {{ position: absolute; left: 18mm; bottom: 20mm; width: 110mm; font-weight: bold; }}
</style></head><body>
<div class="issuer">{issuer}</div><h1>GIẤY CHỨNG NHẬN</h1>
<div class="title">Danh hiệu “Công dân học tập” năm {year}</div>
<div class="name">{name}</div><div class="by">Theo Quyết định số {number} ngày {day}</div>
<img class="qr" src="{qr}"><div class="sign">{signer_title}<br><i>(Đã ký)</i><br>{signer}</div>
</body></html>"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("TITLES_BENCH_URL", DEFAULT_URL))
    parser.add_argument("--assessments", type=int, default=1_000_000)
    parser.add_argument("--naive-assessments", type=int, default=50_000)
    parser.add_argument("--certificates", type=int, default=10_000)
    parser.add_argument("--baseline-certificates", type=int, default=300)
    parser.add_argument("--skip", choices=("audit", "certificates"), action="append", default=[])
    args = parser.parse_args()
    setup_django(args.database_url)
    migrate()
    from django.db import connection

    campaign, cs = ensure_data(args.assessments)
    results = []
    if "audit" not in args.skip:
        results += bench_audit(cs, args.naive_assessments)
    if "certificates" not in args.skip:
        results += bench_certificates(
            ensure_decision(campaign, args.certificates), args.baseline_certificates
        )
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    out = OUT_DIR / f"titles-{connection.vendor}.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(f"written {out}")


if __name__ == "__main__":
    main()
