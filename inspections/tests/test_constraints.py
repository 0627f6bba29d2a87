"""Database constraints reject bad rows, each with a message a person understands."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from inspections.models import Grade
from tests.factories import (
    ImprovementAreaFactory,
    InspectionFactory,
    JudgementAreaFactory,
    JudgementFactory,
)

pytestmark = pytest.mark.django_db


def test_an_inspection_cannot_end_before_it_starts(bromley):
    inspection = InspectionFactory.build(
        local_authority=bromley, start_date=datetime.date(2018, 11, 16), end_date=datetime.date(2018, 11, 5)
    )
    with pytest.raises(ValidationError, match="The end date must be the same as or after the start date."):
        inspection.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        inspection.save()


def test_an_inspection_has_one_judgement_per_area(inspection):
    area = JudgementAreaFactory(name="Overall effectiveness")
    JudgementFactory(inspection=inspection, area=area, grade=Grade.GOOD)
    duplicate = JudgementFactory.build(inspection=inspection, area=area, grade=Grade.OUTSTANDING)
    with pytest.raises(ValidationError, match="This inspection already has a judgement for this area."):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_grade_must_be_one_of_ofsteds_four(inspection):
    judgement = JudgementFactory.build(inspection=inspection, area=JudgementAreaFactory(), grade=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        judgement.save()


def test_improvement_area_numbers_are_unique_within_an_inspection(inspection):
    ImprovementAreaFactory(inspection=inspection, number=1)
    duplicate = ImprovementAreaFactory.build(inspection=inspection, number=1)
    with pytest.raises(ValidationError, match="already has an improvement area with this number"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_judgement_area_cannot_end_before_it_applies():
    area = JudgementAreaFactory.build(applies_from=datetime.date(2023, 1, 1), applies_until=datetime.date(2022, 1, 1))
    with pytest.raises(ValidationError, match="on or after the date it applies from"):
        area.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        area.save()


def test_scoped_querysets_show_only_the_users_authority(inspection, staff_user, other_leader):
    from inspections.models import Inspection

    assert list(Inspection.objects.for_user(staff_user)) == [inspection]
    assert list(Inspection.objects.for_user(other_leader)) == []
