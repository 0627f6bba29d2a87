"""Writes of what Ofsted said that come from outside the admin."""

from django.core.exceptions import PermissionDenied

from accounts import rules

from .models import ImprovementArea

SHORT_TITLE_LENGTH = ImprovementArea._meta.get_field("short_title").max_length


def short_title_for(text):
    """A recommendation's first sentence, or its first words, to fit a short title."""
    text = " ".join(text.split())
    first = text.split(". ")[0].rstrip(".")
    if len(first) <= SHORT_TITLE_LENGTH:
        return first
    return first[: SHORT_TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def add_improvement_area(*, inspection, number, text, by, theme=None) -> ImprovementArea:
    """An improvement area a council's imported plan names that the inspection did not have yet."""
    if not rules.can_import_plan(by, inspection):
        raise PermissionDenied("Only a leader of the inspection's council can add its improvement areas.")
    return ImprovementArea.objects.create(
        inspection=inspection, number=number, short_title=short_title_for(text), text=text.strip(), theme=theme
    )
