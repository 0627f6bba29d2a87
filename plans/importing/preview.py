"""From a pending upload to what the import would do (the preview) or did (the import)."""

import logging
from dataclasses import dataclass

import tablib
from django.db import transaction
from django.utils.text import get_text_list

from ..models import PendingImport
from .headings import FIELD_LABELS, FIELDS, match_headings
from .reading import repeats_headings
from .resource import COLUMNS, PlanResource

logger = logging.getLogger(__name__)


def initial_mapping(headings):
    return {str(index): field for index, field in match_headings(headings).items()}


def new_upload(table, *, inspection, user, file_name):
    """An upload with each column matched as its heading reads, not saved (the command keeps its own)."""
    return PendingImport.of(
        table, inspection=inspection, user=user, file_name=file_name, mapping=initial_mapping(table.headings)
    )


def keep_upload(table, *, inspection, user, file_name):
    """Keep an upload in the database until it is confirmed, and drop those older than a day."""
    PendingImport.objects.stale().delete()
    pending = new_upload(table, inspection=inspection, user=user, file_name=file_name)
    pending.save()
    return pending


def rematch(pending, mapping):
    """The leader's correction of what each column holds."""
    pending.mapping = mapping
    pending.save(update_fields=["mapping"])


def build_dataset(pending):
    """The dataset the Resource imports: one line per sheet row, in the fields the leader matched.

    A recommendation written once above its actions (a merged cell, or a blank meaning "as above")
    carries down to the rows below it until the next one.
    """
    dataset = tablib.Dataset(headers=COLUMNS)
    columns = pending.column_fields
    carried = {"area": "", "area_number": "", "theme": ""}
    for number, cells in pending.rows:
        values = dict.fromkeys(FIELDS, "")
        for index, name in columns.items():
            if index < len(cells):
                values[name] = cells[index]
        skip = ""
        if not any(cells):
            skip = "Blank row"
        elif repeats_headings(cells, pending.headings):
            skip = "Repeats the headings"
        elif values["area"] or values["area_number"]:
            carried = {name: values[name] for name in carried}
        else:
            values.update(carried)
        dataset.append([number, skip, *values.values()])
    return dataset


@dataclass
class PreviewRow:
    number: int
    planned: object = None
    problems: tuple = ()

    @property
    def kind(self):
        if self.problems:
            return "problem"
        if self.planned.already_there:
            return "already there"
        if self.planned.skip_reason:
            return "skipped"
        return "new"


class Preview:
    """Every row of the plan: what it creates, its problems, or why it is skipped; and the summary."""

    def __init__(self, pending, result):
        self.pending = pending
        self.rows = []
        for row_result in result.rows:
            number = int(row_result.row_values["row"])
            if row_result.is_invalid():
                problems = [m for ms in row_result.validation_error.message_dict.values() for m in ms]
                self.rows.append(PreviewRow(number, problems=tuple(problems)))
            elif row_result.is_error():
                logger.error("Row %s of an import could not be read", number, exc_info=row_result.errors[0].error)
                self.rows.append(PreviewRow(number, problems=(f"Row {number}: this row could not be read.",)))
            else:
                self.rows.append(PreviewRow(number, planned=row_result.instance))
        self.to_create = [row.planned for row in self.rows if row.kind == "new"]
        self.problem_rows = [row for row in self.rows if row.problems]
        self.already_there = [row for row in self.rows if row.kind == "already there"]
        self.skipped = [row for row in self.rows if row.kind == "skipped"]
        self.areas = {id(planned.area): planned.area for planned in self.to_create}
        self.new_areas = [area for area in self.areas.values() if not hasattr(area, "pk")]

    @property
    def summary(self):
        """ "42 actions in 5 improvement areas will be created; 3 rows have problems"."""
        actions, areas, problems = len(self.to_create), len(self.areas), len(self.problem_rows)
        text = f"{_count(actions, 'action')} in {_count(areas, 'improvement area')} will be created"
        if problems:
            text += f"; {problems} {'row has a problem' if problems == 1 else 'rows have problems'}"
        return text

    @property
    def columns(self):
        """[(column letter, heading, label of the field it is matched to or "Not imported")]"""
        fields = self.pending.column_fields
        return [
            (column_letter(index), heading, FIELD_LABELS.get(fields.get(index), "Not imported"))
            for index, heading in enumerate(self.pending.headings)
        ]

    @property
    def unmatched(self):
        matched = set(self.pending.column_fields.values())
        return get_text_list([label for name, label in FIELD_LABELS.items() if name not in matched], "and")

    @property
    def can_import(self):
        return bool(self.to_create) and not self.problem_rows


def column_letter(index):
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _count(n, word):
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _resource(pending, user):
    fields = pending.column_fields
    columns = {name: pending.headings[index] or FIELD_LABELS[name] for index, name in fields.items()}
    return PlanResource(inspection=pending.inspection, user=user, source_name=pending.file_name, columns=columns)


def preview(pending, *, user):
    """What importing `pending` would do: a dry run, which writes nothing."""
    result = _resource(pending, user).import_data(build_dataset(pending), dry_run=True)
    return Preview(pending, result)


def run_import(pending, *, user):
    """Import `pending` in one transaction: everything, or (if any row has a problem) nothing.

    Returns (Preview, created actions); on a problem the Preview says why and nothing is saved.
    An upload kept in the database is deleted with the import, so the file is not kept.
    """
    with transaction.atomic():
        resource = _resource(pending, user)
        result = resource.import_data(
            build_dataset(pending), dry_run=False, use_transactions=True, rollback_on_validation_errors=True
        )
        done = Preview(pending, result)
        if done.problem_rows or result.has_errors():
            transaction.set_rollback(True)
            return done, []
        if pending.pk is not None:
            pending.delete()
    return done, [planned.action for planned in done.to_create]
