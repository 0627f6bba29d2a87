"""The deadlines' writes: the milestones derived from the receipt date, submissions, responses and closure days."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from deadlines import services
from deadlines.models import (
    ClosureDay,
    Milestone,
    MilestoneEventKind,
    MilestoneKind,
    OfstedResponse,
    ReportReceipt,
)
from inspections.models import ImprovementKind, InspectionKind
from tests.factories import ImprovementAreaFactory, InspectionFactory


def d(text):
    return datetime.date.fromisoformat(text)


@pytest.fixture
def standard(bromley):
    """An ILACS standard inspection that ended on Friday 15 November 2024."""
    return InspectionFactory(
        local_authority=bromley,
        kind=InspectionKind.ILACS_STANDARD,
        start_date=d("2024-11-04"),
        end_date=d("2024-11-15"),
    )


@pytest.fixture
def focused_visit(bromley):
    """Bromley's focused visit of 14 and 15 September 2021; here it names an area for priority action."""
    visit = InspectionFactory(
        local_authority=bromley,
        kind=InspectionKind.FOCUSED_VISIT,
        start_date=d("2021-09-14"),
        end_date=d("2021-09-15"),
    )
    ImprovementAreaFactory(inspection=visit, kind=ImprovementKind.AREA_FOR_PRIORITY_ACTION)
    return visit


def deadlines(inspection):
    return {m.kind: m.due_on for m in Milestone.objects.filter(inspection=inspection)}


def test_a_standard_inspection_gets_its_final_plan_70_working_days_after_receipt(standard, leader):
    services.record_receipt(inspection=standard, received_on=d("2025-02-03"), author=leader)
    # 14 weeks of weekdays, and three more for Good Friday, Easter Monday and the May bank holiday.
    assert deadlines(standard) == {MilestoneKind.FINAL_PLAN: d("2025-05-15")}


def test_a_focused_visit_with_priority_actions_gets_an_early_draft_after_20_working_days(focused_visit, leader):
    services.record_receipt(inspection=focused_visit, received_on=d("2021-10-19"), author=leader)
    assert deadlines(focused_visit) == {
        MilestoneKind.EARLY_DRAFT: d("2021-11-16"),
        # 14 weeks on is Tuesday 25 January 2022; the Christmas and New Year substitute days add three.
        MilestoneKind.FINAL_PLAN: d("2022-01-28"),
    }


def test_a_focused_visit_without_priority_actions_sets_no_deadline(bromley, leader):
    visit = InspectionFactory(local_authority=bromley, kind=InspectionKind.FOCUSED_VISIT)
    ImprovementAreaFactory(inspection=visit, kind=ImprovementKind.AREA_FOR_IMPROVEMENT)
    services.record_receipt(inspection=visit, received_on=visit.end_date + datetime.timedelta(days=30), author=leader)
    assert deadlines(visit) == {}
    assert ReportReceipt.objects.filter(inspection=visit).exists()


def test_a_monitoring_visit_sets_no_deadline(bromley, leader):
    visit = InspectionFactory(local_authority=bromley, kind=InspectionKind.MONITORING_VISIT)
    services.record_receipt(inspection=visit, received_on=visit.end_date, author=leader)
    assert deadlines(visit) == {}


def test_the_derived_due_date_is_written_to_the_milestones_history(standard, leader):
    services.record_receipt(inspection=standard, received_on=d("2025-02-03"), author=leader)
    [event] = Milestone.objects.get(inspection=standard).events.all()
    assert event.kind == MilestoneEventKind.DUE_DATE_SET
    assert event.author == leader
    assert event.note == "Due 15 May 2025: 70 working days after the report was received on 3 February 2025."


def test_correcting_the_receipt_date_moves_the_deadline_and_says_so(standard, leader):
    services.record_receipt(inspection=standard, received_on=d("2025-02-03"), author=leader)
    services.record_receipt(inspection=standard, received_on=d("2025-02-04"), author=leader)
    milestone = Milestone.objects.get(inspection=standard)
    assert milestone.due_on == d("2025-05-16")
    assert milestone.events.last().note.startswith("Due date moved from 15 May 2025 to 16 May 2025")
    assert ReportReceipt.objects.get(inspection=standard).received_on == d("2025-02-04")


def test_a_receipt_before_the_inspection_ended_is_refused_and_nothing_saved(standard, leader):
    with pytest.raises(ValidationError) as error:
        services.record_receipt(inspection=standard, received_on=d("2024-11-14"), author=leader)
    assert error.value.message_dict == {
        "received_on": ["Date received must be on or after the inspection ended (15 November 2024)"]
    }
    assert not ReportReceipt.objects.exists()
    assert not Milestone.objects.exists()


def test_a_receipt_in_the_future_is_refused(standard, leader):
    with pytest.raises(ValidationError) as error:
        services.record_receipt(inspection=standard, received_on=d("2099-01-01"), author=leader)
    assert error.value.message_dict == {"received_on": ["Date received must be today or in the past"]}


def test_staff_may_not_record_the_receipt(standard, staff_user):
    with pytest.raises(PermissionDenied):
        services.record_receipt(inspection=standard, received_on=d("2025-02-03"), author=staff_user)


@pytest.fixture
def final_plan(standard, leader):
    services.record_receipt(inspection=standard, received_on=d("2025-02-03"), author=leader)
    return Milestone.objects.get(inspection=standard, kind=MilestoneKind.FINAL_PLAN)


def test_a_submission_is_saved_with_its_history(final_plan, leader):
    services.record_submission(milestone=final_plan, submitted_on=d("2025-05-09"), author=leader)
    final_plan.refresh_from_db()
    assert final_plan.submitted_on == d("2025-05-09")
    assert final_plan.events.last().kind == MilestoneEventKind.SUBMITTED
    assert final_plan.events.last().note == "Submitted on 9 May 2025."


def test_a_submission_before_the_report_was_received_is_refused_and_nothing_saved(final_plan, leader):
    with pytest.raises(ValidationError) as error:
        services.record_submission(milestone=final_plan, submitted_on=d("2025-01-31"), author=leader)
    assert error.value.message_dict == {
        "submitted_on": ["Date submitted must be on or after the date the report was received (3 February 2025)"]
    }
    final_plan.refresh_from_db()
    assert final_plan.submitted_on is None
    assert final_plan.events.count() == 1


def test_a_receipt_after_a_submission_is_refused(final_plan, leader, standard):
    services.record_submission(milestone=final_plan, submitted_on=d("2025-05-09"), author=leader)
    with pytest.raises(ValidationError) as error:
        services.record_receipt(inspection=standard, received_on=d("2025-05-12"), author=leader)
    assert error.value.message_dict == {
        "received_on": ["Date received must be on or before the first submission to Ofsted (9 May 2025)"]
    }


def test_ofsted_asking_for_changes_needs_a_note(final_plan, leader):
    services.record_submission(milestone=final_plan, submitted_on=d("2025-05-09"), author=leader)
    with pytest.raises(ValidationError) as error:
        services.record_response(
            milestone=final_plan,
            response=OfstedResponse.CHANGES_REQUESTED,
            responded_on=d("2025-05-20"),
            author=leader,
        )
    assert error.value.message_dict == {"note": ["Enter what Ofsted asked to change"]}


def test_a_response_before_the_submission_is_refused(final_plan, leader):
    services.record_submission(milestone=final_plan, submitted_on=d("2025-05-09"), author=leader)
    with pytest.raises(ValidationError) as error:
        services.record_response(
            milestone=final_plan, response=OfstedResponse.ACCEPTED, responded_on=d("2025-05-08"), author=leader
        )
    assert "Date of the response must be on or after the date it was submitted (9 May 2025)" in str(error.value)
    final_plan.refresh_from_db()
    assert final_plan.response == ""


def test_a_response_without_a_submission_is_refused(final_plan, leader):
    with pytest.raises(ValidationError):
        services.record_response(
            milestone=final_plan, response=OfstedResponse.ACCEPTED, responded_on=d("2025-05-08"), author=leader
        )


def test_a_new_submission_after_ofsted_asked_for_changes_clears_the_response(final_plan, leader):
    services.record_submission(milestone=final_plan, submitted_on=d("2025-05-09"), author=leader)
    services.record_response(
        milestone=final_plan,
        response=OfstedResponse.CHANGES_REQUESTED,
        responded_on=d("2025-05-20"),
        note="Add measures to recommendation 2.",
        author=leader,
    )
    services.record_submission(milestone=final_plan, submitted_on=d("2025-05-28"), author=leader)
    final_plan.refresh_from_db()
    assert (final_plan.submitted_on, final_plan.response, final_plan.response_note) == (d("2025-05-28"), "", "")
    notes = [event.note for event in final_plan.events.all()]
    assert notes[1:] == [
        "Submitted on 9 May 2025.",
        "Ofsted asked for changes on 20 May 2025. Add measures to recommendation 2.",
        "Submitted again on 28 May 2025 (before: 9 May 2025).",
    ]


def test_an_accepted_plan_cannot_be_submitted_again(final_plan, leader):
    services.record_submission(milestone=final_plan, submitted_on=d("2025-05-09"), author=leader)
    services.record_response(
        milestone=final_plan, response=OfstedResponse.ACCEPTED, responded_on=d("2025-05-20"), author=leader
    )
    with pytest.raises(ValidationError):
        services.record_submission(milestone=final_plan, submitted_on=d("2025-05-21"), author=leader)


def test_a_closure_day_moves_the_councils_deadlines_and_removing_it_moves_them_back(final_plan, leader, bromley):
    closure = ClosureDay(local_authority=bromley, date=d("2025-03-14"), name="Council closure day")
    services.save_closure_day(closure=closure, author=leader)
    final_plan.refresh_from_db()
    assert final_plan.due_on == d("2025-05-16")
    assert "moved for Council closure day, 14 March 2025" in final_plan.events.last().note
    services.delete_closure_day(closure=closure, author=leader)
    final_plan.refresh_from_db()
    assert final_plan.due_on == d("2025-05-15")


def test_another_councils_closure_day_leaves_the_deadlines_alone(final_plan, leader, essex):
    services.save_closure_day(
        closure=ClosureDay(local_authority=essex, date=d("2025-03-14"), name="Essex closure day"), author=None
    )
    final_plan.refresh_from_db()
    assert final_plan.due_on == d("2025-05-15")


def test_a_closure_day_for_every_council_moves_the_deadlines(final_plan):
    services.save_closure_day(
        closure=ClosureDay(local_authority=None, date=d("2025-03-14"), name="One-off bank holiday"), author=None
    )
    final_plan.refresh_from_db()
    assert final_plan.due_on == d("2025-05-16")


def test_a_leader_adds_a_governance_milestone(standard, leader):
    milestone = services.add_milestone(
        inspection=standard, kind=MilestoneKind.IMPROVEMENT_BOARD, due_on=d("2025-03-20"), author=leader
    )
    assert milestone.local_authority_id == standard.local_authority_id
    assert milestone.events.get().kind == MilestoneEventKind.ADDED


def test_a_governance_milestone_cannot_be_an_ofsted_deadline(standard, leader):
    with pytest.raises(ValidationError):
        services.add_milestone(
            inspection=standard, kind=MilestoneKind.FINAL_PLAN, due_on=d("2025-03-20"), author=leader
        )


def test_staff_may_not_add_milestones(standard, staff_user):
    with pytest.raises(PermissionDenied):
        services.add_milestone(
            inspection=standard, kind=MilestoneKind.CABINET, due_on=d("2025-03-20"), author=staff_user
        )


def test_another_councils_leader_may_not_record_its_deadlines(standard, final_plan, other_leader):
    with pytest.raises(PermissionDenied):
        services.record_receipt(inspection=standard, received_on=d("2025-02-04"), author=other_leader)
    with pytest.raises(PermissionDenied):
        services.record_submission(milestone=final_plan, submitted_on=d("2025-05-09"), author=other_leader)
    with pytest.raises(PermissionDenied):
        services.add_milestone(
            inspection=standard, kind=MilestoneKind.CABINET, due_on=d("2025-03-20"), author=other_leader
        )
