"""`make bench` measures every public page, for visitors and for a member, and
the member pages; here on the demo, queries only."""

import io
import json

from django.core.management import call_command

from portal.management.commands.bench import member_pages, pages


def test_bench_measures_every_page_within_its_query_budget(demo, tmp_path, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600  # off in tests; the bench measures it
    out = io.StringIO()
    # Any page over its budget (issue #17), warm or cold, fails the command.
    call_command(
        "bench", "--runs", "1", "--queries-only", "--results", tmp_path, stdout=out
    )
    report = out.getvalue()
    labels = [label for label, *_budgets in pages()]
    own_labels = [label for label, *_budgets in member_pages()]
    assert {"home", "directory", "practices", "experience", "toolkit"} <= set(labels)
    assert {"dashboard", "new experience form", "follow settings form"} <= set(
        own_labels
    )
    for label in labels:
        assert f"\n{label} " in report, label
        assert f"\nmember: {label} " in report, label
    for label in own_labels:
        assert f"\nmember: {label} " in report, label
    assert "page cache / warm / cold" in report
    assert list(tmp_path.glob("*.md"))
    (results,) = tmp_path.glob("*.json")
    results = json.loads(results.read_text())
    assert results["member"] == "lid@pleinmakers.example"
    measured = {page["label"]: page for page in results["pages"]}
    measured.update(
        (f"member: {page['label']}", page) for page in results["member_pages"]
    )
    for label, page in measured.items():
        if page.get("missing"):
            continue
        # A visitor's second request comes whole from the page cache.
        if "page cache" in page:
            assert page["page cache"]["queries"] == 0, label
        warm, cold = page["warm"]["queries"], page["cold"]["queries"]
        assert max(warm, cold) <= page["max_queries"], (label, warm, cold)


def test_profile_shows_where_a_cold_page_spends_its_calls(demo):
    out = io.StringIO()
    call_command("bench", "--profile", "--only", "dashboard", "--runs", "2", stdout=out)
    report = out.getvalue()
    assert "=== dashboard /account/: 2 cold requests ===" in report
    assert "function calls" in report
    assert "Ordered by: cumulative time" in report
