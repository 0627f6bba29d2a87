"""Load the seed data, the demo accounts and the demo action items. Safe to run again.

    DEMO_PASSWORD=... python manage.py load_demo_data

1. loaddata fixtures/seed.json and fixtures/interventions.json (fixed primary keys: running it again changes
   nothing);
2. the demo accounts of actions/demo.py, with the password from DEMO_PASSWORD
   (existing accounts keep their row and get the password reset);
3. demo action items with a history spread over the past months (see actions/demo.py);
   an action that already exists (same improvement area and title) is not created again.
"""

import datetime
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import LocalAuthority
from actions import demo
from actions.models import ActionItem
from actions.services import create_action, record_progress
from inspections.models import ImprovementArea, ImprovementKind, Inspection

SEED_FIXTURE = settings.BASE_DIR / "fixtures" / "seed.json"
# The government's intervention in Bromley after 2016, from the same sources.
INTERVENTIONS_FIXTURE = settings.BASE_DIR / "fixtures" / "interventions.json"


def demo_password():
    return os.environ.get("DEMO_PASSWORD") or getattr(settings, "DEMO_PASSWORD", "")


def ensure_accounts(password):
    """Create or refresh the demo accounts; return ({username: user}, number created)."""
    User = get_user_model()
    authorities = {la.code: la for la in LocalAuthority.objects.filter(code__in={a.la_code for a in demo.ACCOUNTS})}
    created = 0
    for account in demo.ACCOUNTS:
        user, is_new = User.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": f"{account.username}@example.org",
            },
        )
        created += is_new
        user.local_authority = authorities[account.la_code]
        user.is_active = True
        if account.is_staff:
            user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=account.role))
    # Fresh instances: permission caches must see the groups just added.
    accounts = User.objects.filter(username__in=[a.username for a in demo.ACCOUNTS]).select_related("local_authority")
    users = {u.username: u for u in accounts}
    return users, created


def essex_demo_area():
    """The one invented improvement area for Essex, clearly marked as demo data in its text."""
    inspection = Inspection.objects.get(pk=demo.ESSEX_INSPECTION_PK)
    area = ImprovementArea.objects.filter(
        inspection=inspection, short_title=demo.ESSEX_DEMO_AREA["short_title"]
    ).first()
    if area is None:
        last = inspection.improvement_areas.aggregate(last=Max("number"))["last"] or 0
        area = ImprovementArea.objects.create(
            inspection=inspection,
            number=last + 1,
            kind=ImprovementKind.AREA_FOR_IMPROVEMENT,
            **demo.ESSEX_DEMO_AREA,
        )
    return area


def moment(today, days_ago, index):
    """A working-hours time `days_ago` days before today (later steps a little later in the day)."""
    day = today - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9 + index % 8, 15)))


def create_demo_action(spec, *, area, users, leader, today):
    owner = users[spec.owner]
    action = create_action(
        improvement_area=area,
        owner=owner,
        created_by=leader,
        title=spec.title,
        description=f"{spec.description}\n\n{demo.DEMO_NOTE}",
        success_measure=spec.success_measure,
        due_date=today + datetime.timedelta(days=spec.due_in_days),
        at=moment(today, spec.created_days_ago, 0),
    )
    for index, step in enumerate(spec.history, start=1):
        record_progress(
            action=action,
            author=leader if step.by_leader else owner,
            status=step.status,
            note=step.note,
            at=moment(today, step.days_ago, index),
        )
    return action


def create_demo_actions(users):
    """Create the demo actions not already present; return (created, already present)."""
    today = timezone.localdate()
    areas = {
        key: ImprovementArea.objects.select_related("inspection").get(pk=pk) for key, pk in demo.SEED_AREAS.items()
    }
    areas[demo.ESSEX_DEMO_AREA_KEY] = essex_demo_area()
    leaders = {code: users[username] for code, username in demo.LEADER_FOR.items()}
    created = existing = 0
    for la_code, specs in ((demo.BROMLEY, demo.BROMLEY_ACTIONS), (demo.ESSEX, demo.ESSEX_ACTIONS)):
        for spec in specs:
            area = areas[spec.area]
            if ActionItem.objects.filter(improvement_area=area, title=spec.title).exists():
                existing += 1
                continue
            create_demo_action(spec, area=area, users=users, leader=leaders[la_code], today=today)
            created += 1
    return created, existing


class Command(BaseCommand):
    help = "Load the seed data, the demo accounts (password from DEMO_PASSWORD) and demo action items. Idempotent."

    def handle(self, *args, **options):
        password = demo_password()
        if not password:
            raise CommandError("Set the DEMO_PASSWORD environment variable to the demo accounts' password.")

        call_command("loaddata", str(SEED_FIXTURE), verbosity=0)
        call_command("loaddata", str(INTERVENTIONS_FIXTURE), verbosity=0)
        with transaction.atomic():
            users, accounts_created = ensure_accounts(password)
            actions_created, actions_existing = create_demo_actions(users)

        self.stdout.write(
            f"Demo data ready: seed loaded; {len(users)} demo accounts ({accounts_created} new); "
            f"{actions_created} demo actions created, {actions_existing} already present."
        )
        accounts = (f"{a.username} ({a.role}, {users[a.username].local_authority.name})" for a in demo.ACCOUNTS)
        self.stdout.write(f"Demo accounts: {', '.join(accounts)}.")
