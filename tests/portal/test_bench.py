"""`make bench` measures every public page; here on the demo, queries only."""

import io

import pytest
from django.core.management import call_command

from portal.management.commands.bench import pages


@pytest.mark.xfail(
    reason="issue #17 part 1: home, practice, municipality and search are "
    "still over budget (see perf-queries report)",
    strict=False,
)
def test_bench_measures_every_public_page_within_its_query_budget(demo, tmp_path):
    out = io.StringIO()
    call_command(
        "bench", "--runs", "1", "--queries-only", "--results", tmp_path, stdout=out
    )
    report = out.getvalue()
    labels = [label for label, *_budgets in pages()]
    assert {"home", "directory", "practices", "experience", "toolkit"} <= set(labels)
    for label in labels:
        assert f"\n{label} " in report, label
    assert "OVER" not in report
    assert "warm/cold" in report
    assert list(tmp_path.glob("*.json")) and list(tmp_path.glob("*.md"))
    assert "Every page within its budget." in report
