import pytest

from tests.factories import (
    ActionItemFactory,
    ImprovementAreaFactory,
    InspectionFactory,
    LocalAuthorityFactory,
    UserFactory,
)


@pytest.fixture
def bromley(db):
    return LocalAuthorityFactory(name="Bromley", code="305", region="London")


@pytest.fixture
def essex(db):
    return LocalAuthorityFactory(name="Essex", code="881", region="East of England")


@pytest.fixture
def inspection(bromley):
    return InspectionFactory(local_authority=bromley)


@pytest.fixture
def area(inspection):
    return ImprovementAreaFactory(inspection=inspection, number=1, short_title="Return home interviews")


@pytest.fixture
def staff_user(bromley):
    return UserFactory(username="staff", staff=True, local_authority=bromley)


@pytest.fixture
def other_staff_user(bromley):
    return UserFactory(username="staff2", staff=True, local_authority=bromley)


@pytest.fixture
def jane(bromley):
    """Staff of Bromley whom imported plans name as "Jane Smith", "jsmith" or "jsmith@example.org"."""
    return UserFactory(username="jsmith", first_name="Jane", last_name="Smith", staff=True, local_authority=bromley)


@pytest.fixture
def leader(bromley):
    return UserFactory(username="leader", leader=True, local_authority=bromley)


@pytest.fixture
def administrator(bromley):
    return UserFactory(username="admin", administrator=True, local_authority=bromley)


@pytest.fixture
def other_leader(essex):
    """A leader of another local authority."""
    return UserFactory(username="essex.leader", leader=True, local_authority=essex)


@pytest.fixture
def action(area, staff_user):
    return ActionItemFactory(improvement_area=area, owner=staff_user, title="Audit return home interviews")
