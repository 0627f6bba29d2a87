"""manage.py import_plan: the import from the command line, its text preview and its exit status."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from actions.models import ActionItem
from plans.models import PendingImport
from plans.tests.spreadsheets import HEADINGS, csv_bytes, xlsx

ROWS = [
    HEADINGS,
    ["1", "", "Audit interviews", "jsmith", "31/03/2027", "", "Green", ""],
    ["2", "Hear children's voices", "Run a survey", "jsmith", "Q4 2026-27", "", "", ""],
]


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(xlsx(ROWS))
    return path


def run(*args):
    out = StringIO()
    call_command("import_plan", *map(str, args), stdout=out)
    return out.getvalue()


def test_dry_run_prints_the_preview_and_saves_nothing(leader, inspection, area, jane, plan_file):
    out = run(plan_file, "--inspection", inspection.pk, "--as", "leader", "--dry-run")
    assert "  C Action: Action" in out
    assert "  Row 2: Audit interviews | 1. Return home interviews | Jane Smith | 31 March 2027 | In progress" in out
    assert "  Row 3: Run a survey | 2. Hear children's voices (new) | Jane Smith | 31 March 2027 | Not started" in out
    assert "Dry run: nothing imported. 2 actions in 2 improvement areas will be created." in out
    assert not ActionItem.objects.exists()
    assert not PendingImport.objects.exists()


def test_it_imports_and_a_second_run_creates_nothing(leader, inspection, area, jane, plan_file):
    out = run(plan_file, "--inspection", inspection.pk, "--as", "leader")
    assert "Imported 2 actions from plan.xlsx" in out
    assert ActionItem.objects.count() == 2
    assert not PendingImport.objects.exists()
    out = run(plan_file, "--inspection", inspection.pk, "--as", "leader")
    assert "Row 2: skipped, Already there" in out
    assert ActionItem.objects.count() == 2


def test_a_row_with_a_problem_exits_non_zero_and_imports_nothing(leader, inspection, area, jane, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(csv_bytes([*ROWS, ["3", "Area", "Third", "nobody", "31/03/2027"]]))
    with pytest.raises(
        CommandError, match="Nothing imported: 2 actions in 2 improvement areas will be created; 1 row"
    ):
        run(path, "--inspection", inspection.pk, "--as", "leader")
    assert not ActionItem.objects.exists()


def test_an_unreadable_file_exits_non_zero(leader, inspection, tmp_path):
    path = tmp_path / "plan.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(CommandError, match="old-style Excel file"):
        run(path, "--inspection", inspection.pk, "--as", "leader")


def test_only_a_leader_of_the_inspections_council_may_import(staff_user, other_leader, inspection, plan_file):
    with pytest.raises(CommandError, match="may not import a plan"):
        run(plan_file, "--inspection", inspection.pk, "--as", "staff")
    with pytest.raises(CommandError, match="has no inspection with that id"):
        run(plan_file, "--inspection", inspection.pk, "--as", "essex.leader")
