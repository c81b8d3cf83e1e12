"""Shared by the benchmark scripts: Django set-up against a chosen database, and the benchmark org tree.

Not timed tests: these scripts are run by hand or by `make bench` (bench/run_all.py).
"""

import os
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
OUT_DIR = Path(os.environ.get("BENCH_OUT") or PROJECT_DIR / "bench" / "out")  # git-ignored

# Codes of the benchmark organisation nodes; the tree hangs off no other node, so it is its own root.
BENCH_CODE = "BENCH{province}"


def setup_django(database_url: str) -> None:
    """Point the settings at `database_url` (read once, at set-up) and start Django."""
    if str(PROJECT_DIR) not in sys.path:
        sys.path.insert(0, str(PROJECT_DIR))
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "khuyenhoc.settings"
    # DEBUG would keep every query in memory (connection.queries) and slow each one down.
    os.environ.pop("DEBUG", None)
    # A developer's machine: the repository's local secret key is enough (settings.py refuses it elsewhere).
    os.environ.setdefault("KHUYENHOC_DEV", "1")
    import django

    django.setup()


def migrate() -> None:
    """Bring the schema up to the code (other work may have added migrations since the data was loaded)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


@dataclass
class BenchTree:
    """The benchmark organisation tree of one province: root, its commune nodes, their branches."""

    province: object
    communes: list
    branches: list  # every branch node, commune by commune

    def branches_of(self, commune_node: object) -> list:
        return [b for b in self.branches if b.parent_id == commune_node.pk]


def load_tree(province: str) -> BenchTree:
    """The benchmark tree of `province` as created by generate_persons.py (raises if missing)."""
    from khuyenhoc.orgs.models import OrgNode

    root = OrgNode.objects.get(code=BENCH_CODE.format(province=province))
    communes = list(OrgNode.objects.filter(parent=root).order_by("code"))
    branches = list(OrgNode.objects.filter(parent__in=communes).order_by("code"))
    return BenchTree(province=root, communes=communes, branches=branches)


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values (p95: fraction=0.95)."""
    if not sorted_values:
        return float("nan")
    rank = max(1, int(-(-fraction * len(sorted_values) // 1)))  # ceil
    return sorted_values[min(rank, len(sorted_values)) - 1]
