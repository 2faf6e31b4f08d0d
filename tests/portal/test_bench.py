"""`make bench` measures every public page; here on the demo, queries only."""

import io

from django.core.management import call_command

from portal.management.commands.bench import pages


def test_bench_measures_every_public_page_within_its_query_budget(demo):
    out = io.StringIO()
    call_command("bench", "--runs", "1", "--queries-only", stdout=out)
    report = out.getvalue()
    labels = [label for label, *_budgets in pages()]
    assert {"home", "directory", "practices", "experience", "toolkit"} <= set(labels)
    for label in labels:
        assert f"\n{label} " in report, label
    assert "OVER" not in report
    assert "Every page within its budget." in report
