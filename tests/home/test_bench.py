"""`make bench` measures every public page; here on the demo, queries only."""

import io

from django.core.management import call_command

from home.management.commands.bench import PAGES


def test_bench_measures_every_public_page_within_its_query_budget(demo):
    out = io.StringIO()
    call_command("bench", "--runs", "1", "--queries-only", stdout=out)
    report = out.getvalue()
    for label, *_budgets in PAGES:
        assert f"\n{label} " in report, label
    assert "OVER" not in report
    assert "Every page within its budget." in report
