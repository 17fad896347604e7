"""bench_pages in this process (no gunicorn): queries, the uncached render and its targets."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_bench_pages_reports_queries_render_cost_and_its_targets(settings):
    settings.FRAGMENT_CACHE_SECONDS = 3600  # as in production: the bench turns it off itself
    out = StringIO()

    call_command("bench_pages", sizes="10", renders=1, stdout=out)

    report = out.getvalue()
    assert "| sittings | queries | render time (median) | bytes |" in report
    row = next(line for line in report.splitlines() if line.startswith("| 10 |"))
    queries = int(row.split("|")[2])
    assert queries == 11  # the uncached event page: neither cache served it
    assert "- render at 10 sittings:" in report and "(target < 100 ms)" in report
    assert "- HTML at 10 sittings:" in report and "(target < 250,000 bytes): met" in report
    assert "| event page | `/evenementen/bench-10-sittings/` | 11 |" in report
    assert "Under load" not in report  # without --base-url
