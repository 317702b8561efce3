"""A paper's theme headings (CAPITALS above the sections of a theme) are kept as written on the
section they open, so the reader can show them: under one alone, a paragraph has no sub-heading."""

from __future__ import annotations

from boardreader.corpus.parse import parse_report

PAPER = """Coastal Services Board – report from Cllr Wendy Arbuthnot (Chair)

HOUSING

Empty homes

1. We brought 41 empty homes back into use this quarter, ahead of the plan agreed in April.

ENVIRONMENT

2. The dune restoration at Skelby Point finished in March, a month early and within budget.

3. Volunteers planted 2,000 marram grass plugs along the northern stretch.

Beach wardens

4. Eleven wardens were recruited for the summer season.
"""

NO_THEMES = """Harbour Panel – note from Cllr Ivo Penhale

Moorings review

1. The review of moorings charges will report to the panel in the autumn.

Dredging

2. Dredging of the inner basin is planned for the winter.
"""


def test_a_theme_heading_is_kept_as_written_on_the_section_it_opens() -> None:
    report = parse_report(PAPER.encode(), "coastal.txt")
    opened = [(s.theme_heading, s.heading, s.theme, [p.number for p in s.paragraphs]) for s in report.sections]
    assert ("HOUSING", "Empty homes", "Housing", ["1"]) in opened
    assert ("ENVIRONMENT", None, "Environment", ["2", "3"]) in opened, "paragraphs under the theme's heading alone"
    assert (None, "Beach wardens", "Environment", ["4"]) in opened, "a later section of the theme opens none"


def test_themes_inferred_from_words_have_no_heading_to_show() -> None:
    report = parse_report(NO_THEMES.encode(), "harbour.txt")
    assert all(s.theme_heading is None for s in report.sections)
