"""Who a board pack is for, and so what it leaves out. The one place that decides it."""

from dataclasses import dataclass

from django.utils.text import slugify

from deadlines.models import GOVERNANCE_KINDS, STATUTORY_KINDS


@dataclass(frozen=True)
class Audience:
    key: str
    name: str
    description: str
    heading: str
    # Officers' names: action owners, senior leads, who signed off.
    names: bool = True
    # The latest progress note of each action, and whether notes marked internal may be it.
    notes: bool = True
    internal_notes: bool = False
    # The milestones the pack lists: Ofsted's statutory deadlines, the plan's governance meetings.
    milestone_kinds: tuple = (*STATUTORY_KINDS, *GOVERNANCE_KINDS)
    # A plain English sentence on each area's progress, for readers who do not read RAG tables.
    plain_summary: bool = False
    # Readers who sign in to the service: the pack links to its pages.
    signed_in: bool = True
    # Whose attention the exceptions need first.
    attention_of: str = "reader's"

    def __str__(self):
        return self.name

    def columns(self, keys):
        """An action table's columns, less the owner's name and the note where the audience has none."""
        left_out = {"owner"} if not self.names else set()
        if not self.notes:
            left_out.add("latest_note")
        return [key for key in keys if key not in left_out]

    @property
    def plain(self):
        """No links to the service's pages, which the reader cannot open."""
        return not self.signed_in

    @property
    def milestones_caption(self):
        if set(self.milestone_kinds) == set(STATUTORY_KINDS):
            return "Ofsted's statutory deadlines for the action plan"
        return "Ofsted's deadlines and the plan's governance meetings"


BOARD = Audience(
    "board",
    "Improvement board",
    "Everything, including officers' names and notes marked internal.",
    "Improvement board pack",
    internal_notes=True,
)
SCRUTINY = Audience(
    "scrutiny", "Scrutiny committee", "Everything but the notes marked internal.", "Scrutiny committee pack"
)
DFE = Audience(
    "dfe",
    "Department for Education or Ofsted",
    "The plan against the inspection's words, with Ofsted's statutory deadlines; no notes marked internal.",
    "Pack for the Department for Education and Ofsted",
    milestone_kinds=STATUTORY_KINDS,
)
PUBLIC = Audience(
    "public",
    "Public",
    "No staff names and no progress notes; a plain English summary of each area.",
    "Improving children's services: our progress",
    names=False,
    notes=False,
    milestone_kinds=(),
    plain_summary=True,
    signed_in=False,
    attention_of="council's",
)

AUDIENCES = {audience.key: audience for audience in (BOARD, SCRUTINY, DFE, PUBLIC)}


def pdf_filename(local_authority, audience, today):
    """ "bromley-improvement-board-pack-2026-12-01.pdf" """
    return f"{slugify(local_authority.name)}-{slugify(audience.name)}-pack-{today:%Y-%m-%d}.pdf"
