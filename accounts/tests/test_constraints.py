"""Database constraints on accounts reject bad rows, each with a message a person understands."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MESSAGE = "A superuser is a platform administrator and belongs to no council"


def test_a_superuser_belongs_to_no_council(bromley):
    superuser = User(username="root", password="!", is_superuser=True, local_authority=bromley)

    with pytest.raises(ValidationError, match=MESSAGE):
        superuser.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        superuser.save()


def test_someone_already_in_a_council_cannot_be_made_a_superuser(administrator):
    administrator.is_superuser = True

    with pytest.raises(IntegrityError), transaction.atomic():
        administrator.save(update_fields=["is_superuser"])


def test_a_superuser_without_a_council_and_a_council_member_are_both_fine(bromley):
    UserFactory(username="root", platform_administrator=True).full_clean()
    UserFactory(username="member", local_authority=bromley).full_clean()
