"""The demo's coordination programmes: the five of the seed reports, with their parties, contents,
stated targets and figures, and targets whose actual figures come from the demo's own records."""

from decimal import Decimal

import pytest

from khuyenhoc.demo.loader import load_demo
from khuyenhoc.programmes.models import Programme, ReportedValue, Source, Target
from khuyenhoc.reports.indicators import figure


@pytest.fixture
def demo(db):
    load_demo()


@pytest.mark.django_db
def test_the_demo_holds_the_five_programmes_with_their_parties_and_contents(demo):
    programmes = {p.code: p for p in Programme.objects.all()}

    shape = {
        code: (p.parties.count(), p.contents.count(), p.starts_year, p.ends_year)
        for code, p in programmes.items()
    }

    assert shape == {
        "CTPH-BRVT-2023": (9, 9, 2023, 2030),
        "CTPH-NA-LDLD-2023": (2, 7, 2023, 2030),
        "CTPH-DUK-TW-2022": (2, 5, 2022, 2030),
        "CTPH-TH-MTTQ-2023": (6, 6, 2023, 2030),
        "CTPH-HB-LDLD-2024": (2, 6, 2024, 2030),
    }
    assert all(p.activities.exists() for p in programmes.values())
    assert "Kết luận số 49-KL/TW" in programmes["CTPH-DUK-TW-2022"].legal_basis


@pytest.mark.django_db
def test_the_stated_figures_and_targets_are_recorded(demo):
    reported = {
        (r.indicator.programme.code, r.indicator.code): r.value
        for r in ReportedValue.objects.select_related("indicator__programme")
    }
    targets = {
        (t.indicator.programme.code, t.indicator.code, t.year): t.value
        for t in Target.objects.select_related("indicator__programme")
    }

    assert reported[("CTPH-HB-LDLD-2024", "CU-DI-HOC")] == 130_000
    assert reported[("CTPH-HB-LDLD-2024", "SANG-KIEN")] == 25_000
    assert reported[("CTPH-HB-LDLD-2024", "LAM-LOI")] == 56_000_000_000
    assert reported[("CTPH-HB-LDLD-2024", "TIEN-HB")] == 270_000_000
    assert reported[("CTPH-TH-MTTQ-2023", "ONG-MUC")] == 10_000
    assert targets[("CTPH-TH-MTTQ-2023", "DVHT-DAT", 2024)] == 85
    assert targets[("CTPH-TH-MTTQ-2023", "GDHT-DAT", 2024)] == 90
    assert targets[("CTPH-BRVT-2023", "BKH", 2030)] == 100


@pytest.mark.django_db
def test_computed_targets_have_actual_figures_from_the_demo_records(demo):
    families = Target.objects.get(
        indicator__programme__code="CTPH-TH-MTTQ-2023", indicator__code="GDHT-DAT", year=2024
    )
    piggy_bank = Target.objects.get(indicator__source=Source.FUND_RAISED)

    title, money = figure(families), figure(piggy_bank)

    assert families.base
    assert title.actual == Decimal("0.00")  # the demo has no recognitions in 2024
    assert money.actual > 0
    assert 0 < money.achieved < 100
