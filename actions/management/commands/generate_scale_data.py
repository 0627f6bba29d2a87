"""Add many local authorities, each with a realistic history, to size the service for a national deployment.

    DEMO_PASSWORD=... python manage.py generate_scale_data                  # 153 authorities: England
    DEMO_PASSWORD=... python manage.py generate_scale_data --authorities 10

Each run adds authorities with unused DfE codes (500 upwards). Each one gets:
- a leader `<code>.leader`, staff `<code>.staff1`, `<code>.staff2`, ... (20 to 50 people in all) and an
  administrator `<code>.admin`, all signing in with DEMO_PASSWORD;
- a SIF inspection, an ILACS inspection, a focused visit, a recent ILACS inspection and sometimes a
  monitoring visit, with their judgements and 5 to 10 improvement areas each, under shared themes;
- `--actions-per-authority` action items (1,000) owned by its people, with about `--updates-per-action`
  progress updates each (10) spread over the last three years.

The rows are written in bulk (COPY on PostgreSQL, bulk_create elsewhere), not through actions.services:
the services lock, re-read and write one action at a time, which would take hours for 1.5 million
updates. The generator keeps their rules itself instead: every history chain starts with the "created"
row, each row's status_before is the previous row's status_after, the last row's status_after is the
action's status, completed_on is the day it was completed exactly when it is completed or signed off,
only leaders sign off, and every owner belongs to the action's authority.
"""

import datetime
import os
import random
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts import roles
from accounts.models import LocalAuthority
from actions.models import DONE_STATUSES, ActionItem, ProgressUpdate, Status, UpdateKind
from inspections.models import (
    OVERALL_EFFECTIVENESS,
    Framework,
    Grade,
    ImprovementArea,
    ImprovementKind,
    Inspection,
    InspectionKind,
    Judgement,
    JudgementArea,
    Theme,
)

S = Status
HISTORY_YEARS = 3
BATCH_SIZE = 2000
# Bromley (305) and Essex (881) are real; generated codes start well clear of them.
FIRST_CODE = 500
REAL_CODES = ("305", "881")


def generated_authorities():
    """The councils this command made: codes from FIRST_CODE up, but for the real ones above it (Essex)."""
    return LocalAuthority.objects.filter(code__gte=str(FIRST_CODE)).exclude(code__in=REAL_CODES)


REGIONS = [
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
]
PLACE_STARTS = ["Ash", "Brad", "Calder", "Dun", "Elm", "Fair", "Glen", "Hart", "Ivy", "Kings", "Lang", "Marsh"]
PLACE_ENDS = ["bury", "field", "ford", "ham", "ley", "mere", "stead", "ton", "wick", "worth", "dale", "by", "moor"]
FIRST_NAMES = ["Aisha", "Ben", "Chloe", "David", "Emma", "Farid", "Grace", "Harry", "Imran", "Jess", "Kwame", "Laura"]
LAST_NAMES = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Foster", "Green", "Hughes", "Iqbal", "Jones", "Khan"]

# The judgement areas of fixtures/seed.json, by natural key, so that both data sets share them.
JUDGEMENT_AREAS = [
    # framework, name, short name, applies from, applies until, position
    (Framework.SIF, "Children who need help and protection", "Help and protection", "2013-11-01", "2017-12-31", 1),
    (
        Framework.SIF,
        "Children looked after and achieving permanence",
        "Children in care",
        "2013-11-01",
        "2017-12-31",
        2,
    ),
    (Framework.SIF, "Leadership, management and governance", "Leadership", "2013-11-01", "2017-12-31", 3),
    (Framework.SIF, "Overall effectiveness", "Overall effectiveness", "2013-11-01", "2017-12-31", 4),
    (
        Framework.ILACS,
        "The impact of leaders on social work practice with children and families",
        "Leadership",
        "2018-01-01",
        "2022-12-31",
        1,
    ),
    (
        Framework.ILACS,
        "The experiences and progress of children who need help and protection",
        "Help and protection",
        "2018-01-01",
        "2022-12-31",
        2,
    ),
    (
        Framework.ILACS,
        "The experiences and progress of children in care and care leavers",
        "Children in care",
        "2018-01-01",
        "2022-12-31",
        3,
    ),
    (Framework.ILACS, "Overall effectiveness", "Overall effectiveness", "2018-01-01", "2022-12-31", 4),
    (
        Framework.ILACS,
        "The impact of leaders on social work practice with children and families",
        "Leadership",
        "2023-01-01",
        None,
        1,
    ),
    (
        Framework.ILACS,
        "The experiences and progress of children who need help and protection",
        "Help and protection",
        "2023-01-01",
        None,
        2,
    ),
    (Framework.ILACS, "The experiences and progress of children in care", "Children in care", "2023-01-01", None, 3),
    (Framework.ILACS, "The experiences and progress of care leavers", "Care leavers", "2023-01-01", None, 4),
    (Framework.ILACS, "Overall effectiveness", "Overall effectiveness", "2023-01-01", "2026-03-31", 5),
]

# Themes by slug; the first five are those of fixtures/seed.json.
THEMES = {
    "missing-children-and-return-home-interviews": "Children who go missing and return home interviews",
    "homeless-16-and-17-year-olds": "Homeless 16- and 17-year-olds",
    "care-leavers-health-histories": "Care leavers' health histories",
    "school-attendance-and-progress-of-children-in-care": "School attendance and progress of children in care",
    "emotional-resilience-of-care-leavers": "Emotional resilience of care leavers",
    "quality-of-assessments": "Quality of assessments",
    "management-oversight-and-supervision": "Management oversight and supervision",
    "child-protection-planning": "Child protection planning",
    "pathway-plans": "Pathway plans",
    "front-door-and-early-help": "Front door and early help",
    "placement-sufficiency": "Placement sufficiency",
    "workforce-stability": "Workforce stability",
}

# What inspectors ask councils to improve, with the theme each belongs to.
TOPICS = [
    ("Return home interviews for children who go missing", "missing-children-and-return-home-interviews"),
    ("Use of information from return home interviews", "missing-children-and-return-home-interviews"),
    ("Information for homeless 16- and 17-year-olds", "homeless-16-and-17-year-olds"),
    ("Care leavers' access to their health histories", "care-leavers-health-histories"),
    ("School attendance of children in care", "school-attendance-and-progress-of-children-in-care"),
    ("Progress of secondary-aged children in care", "school-attendance-and-progress-of-children-in-care"),
    ("Emotional resilience of care leavers", "emotional-resilience-of-care-leavers"),
    ("Quality and timeliness of assessments", "quality-of-assessments"),
    ("Analysis of risk in assessments", "quality-of-assessments"),
    ("Management oversight of casework", "management-oversight-and-supervision"),
    ("Frequency and quality of supervision", "management-oversight-and-supervision"),
    ("Child protection plans that are specific and measurable", "child-protection-planning"),
    ("Core group meetings and plan reviews", "child-protection-planning"),
    ("Pathway plans written with young people", "pathway-plans"),
    ("Timeliness of pathway plan reviews", "pathway-plans"),
    ("Decisions at the front door", "front-door-and-early-help"),
    ("Step-down to early help", "front-door-and-early-help"),
    ("Sufficiency of local placements", "placement-sufficiency"),
    ("Stability of placements for older children", "placement-sufficiency"),
    ("Recruitment and retention of social workers", "workforce-stability"),
    ("Caseloads of newly qualified social workers", "workforce-stability"),
    ("Life-story work for children in care", None),
    ("Private fostering arrangements", None),
]
VERBS = ["Audit", "Review", "Introduce", "Train staff on", "Report monthly on", "Agree a protocol for", "Improve"]
NOTES = {
    S.NOT_STARTED: [
        "Waiting for the new team manager to start before this begins.",
        "Scoping meeting booked with the service manager.",
        "Depends on the case recording system upgrade.",
    ],
    S.IN_PROGRESS: [
        "First audit done; findings shared with team managers.",
        "Draft guidance written and out for comment.",
        "Training delivered to two of the three teams.",
        "Monthly figures now reported to the improvement board.",
        "Dip sample of 20 cases shows improvement; repeating next month.",
        "Met with partners to agree the data we share.",
    ],
    S.BLOCKED: [
        "Blocked: waiting for the system supplier to deliver the new form.",
        "Blocked: the post that leads this is vacant.",
        "Blocked: partners have not yet agreed the information-sharing protocol.",
    ],
    S.COMPLETED: [
        "Delivered: the new process is in place and the audit shows it working.",
        "Completed: guidance published and every team trained.",
        "Completed: figures have met the target for three months running.",
    ],
    S.SIGNED_OFF: [
        "Signed off at the improvement board: evidence reviewed.",
        "Signed off: the audit evidence is convincing.",
    ],
}
# Statuses an action passes through after its "created" row, to end at each status.
PATHS = {
    S.NOT_STARTED: [],
    S.IN_PROGRESS: [S.IN_PROGRESS],
    S.BLOCKED: [S.IN_PROGRESS, S.BLOCKED],
    S.COMPLETED: [S.IN_PROGRESS, S.COMPLETED],
    S.SIGNED_OFF: [S.IN_PROGRESS, S.COMPLETED, S.SIGNED_OFF],
}
GRADE_WEIGHTS = {Grade.OUTSTANDING: 15, Grade.GOOD: 45, Grade.REQUIRES_IMPROVEMENT: 30, Grade.INADEQUATE: 10}
# Final status weights: actions long past their due date are mostly done; recent ones mostly under way.
WEIGHTS_LONG_DUE = {S.NOT_STARTED: 6, S.IN_PROGRESS: 14, S.BLOCKED: 5, S.COMPLETED: 10, S.SIGNED_OFF: 65}
WEIGHTS_RECENT = {S.NOT_STARTED: 25, S.IN_PROGRESS: 45, S.BLOCKED: 7, S.COMPLETED: 8, S.SIGNED_OFF: 15}

ACTION_COLUMNS = [
    "improvement_area_id",
    "title",
    "description",
    "owner_id",
    "due_date",
    "status",
    "success_measure",
    "completed_on",
    "created_by_id",
    "created_at",
    "updated_at",
]
UPDATE_COLUMNS = ["action_id", "author_id", "created_at", "kind", "status_before", "status_after", "note"]


def demo_password():
    return os.environ.get("DEMO_PASSWORD") or getattr(settings, "DEMO_PASSWORD", "")


def status_chain(final, steps, rng):
    """The statuses after the "created" row: `steps` of them (or the fewest that reach `final`), ending at it.

    Extra steps are notes that keep the status, and sometimes a spell of being blocked.
    """
    chain = list(PATHS[final])
    if final != S.NOT_STARTED and steps - len(chain) >= 2 and rng.random() < 0.2:
        chain[1:1] = [S.BLOCKED, S.IN_PROGRESS]
    # A done action's last row is the change that completed or signed it off; notes come before it.
    last_slot = len(chain) - 1 if final in DONE_STATUSES else len(chain)
    while len(chain) < steps:
        slot = rng.randint(0, last_slot)
        chain.insert(slot, chain[slot - 1] if slot else S.NOT_STARTED)
        last_slot += 1
    return chain


class Writer:
    """Writes action and history rows (tuples in ACTION_COLUMNS and UPDATE_COLUMNS order) in bulk."""

    def write_actions(self, rows):
        """Return the new actions' ids, in order."""
        objects = [ActionItem(**dict(zip(ACTION_COLUMNS, row, strict=True))) for row in rows]
        ActionItem.objects.bulk_create(objects, batch_size=BATCH_SIZE)
        return [action.pk for action in objects]

    def write_updates(self, rows):
        objects = [ProgressUpdate(**dict(zip(UPDATE_COLUMNS, row, strict=True))) for row in rows]
        ProgressUpdate.objects.bulk_create(objects, batch_size=BATCH_SIZE)


class PostgresWriter(Writer):
    """COPY, several times faster than INSERT for a million rows. Action ids come from their sequence first."""

    def write_actions(self, rows):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [ActionItem._meta.db_table, len(rows)],
            )
            ids = [row[0] for row in cursor.fetchall()]
        self._copy(ActionItem, ["id", *ACTION_COLUMNS], ((pk, *row) for pk, row in zip(ids, rows, strict=True)))
        return ids

    def write_updates(self, rows):
        self._copy(ProgressUpdate, UPDATE_COLUMNS, rows)

    @staticmethod
    def _copy(model, columns, rows):
        # Columns not generated here get the model's default, as bulk_create would give them.
        others = [f for f in model._meta.concrete_fields if f.attname not in columns and not f.primary_key]
        defaults = tuple(f.get_default() for f in others)
        names = ", ".join(connection.ops.quote_name(name) for name in [*columns, *(f.column for f in others)])
        sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row((*row, *defaults))


class Generator:
    def __init__(self, *, rng, now, password_hash, actions_per_authority, updates_per_action):
        self.rng = rng
        self.now = now
        self.today = timezone.localdate(now)
        self.history_start = now - datetime.timedelta(days=365 * HISTORY_YEARS)
        self.password_hash = password_hash
        self.actions_per_authority = actions_per_authority
        self.updates_per_action = updates_per_action
        self.groups = {
            name: Group.objects.get(name=name) for name in (roles.STAFF, roles.LEADERS, roles.ADMINISTRATORS)
        }
        self.judgement_areas = self._judgement_areas()
        self.themes = self._themes()
        self.writer = PostgresWriter() if connection.vendor == "postgresql" else Writer()
        self.counts = dict.fromkeys(["users", "inspections", "areas", "actions", "updates"], 0)

    # Reference data, shared by every authority.

    @staticmethod
    def _judgement_areas():
        areas = []
        for framework, name, short_name, applies_from, applies_until, position in JUDGEMENT_AREAS:
            area, _ = JudgementArea.objects.get_or_create(
                framework=framework,
                name=name,
                applies_from=datetime.date.fromisoformat(applies_from),
                defaults={
                    "short_name": short_name,
                    "applies_until": applies_until and datetime.date.fromisoformat(applies_until),
                    "position": position,
                },
            )
            areas.append(area)
        return areas

    @staticmethod
    def _themes():
        return {
            slug: Theme.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in THEMES.items()
        }

    def areas_applying(self, framework, day):
        return [
            area
            for area in self.judgement_areas
            if area.framework == framework
            and area.applies_from <= day
            and (area.applies_until is None or day <= area.applies_until)
        ]

    # One authority.

    def authority(self, code, name):
        la = LocalAuthority.objects.create(code=code, name=name, region=self.rng.choice(REGIONS))
        leader, staff, admin = self.people(la)
        owners = [leader, *staff]
        areas = self.inspections(la, leader)
        self.actions(areas, owners, leader)
        return la

    def people(self, la):
        User = get_user_model()
        rng = self.rng
        total = rng.randint(20, 50)

        def person(username, **extra):
            return User(
                username=username,
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                email=f"{username}@example.org",
                password=self.password_hash,
                local_authority=la,
                **extra,
            )

        leader = person(f"{la.code}.leader")
        staff = [person(f"{la.code}.staff{n}") for n in range(1, total)]
        admin = person(f"{la.code}.admin", is_staff=True)
        User.objects.bulk_create([leader, *staff, admin])
        Membership = User.groups.through
        Membership.objects.bulk_create(
            [Membership(user_id=leader.pk, group_id=self.groups[roles.LEADERS].pk)]
            + [Membership(user_id=user.pk, group_id=self.groups[roles.STAFF].pk) for user in staff]
            + [Membership(user_id=admin.pk, group_id=self.groups[roles.ADMINISTRATORS].pk)]
        )
        self.counts["users"] += total + 1
        return leader, staff, admin

    def inspections(self, la, leader):
        """Inspections and visits over ten years; return their improvement areas, oldest first."""
        rng = self.rng
        visits = [
            (InspectionKind.SIF, Framework.SIF, self.day(2015, 2017)),
            (InspectionKind.ILACS_STANDARD, Framework.ILACS, self.day(2018, 2019)),
            (InspectionKind.FOCUSED_VISIT, None, self.day(2021, 2021)),
            (
                rng.choice([InspectionKind.ILACS_STANDARD, InspectionKind.ILACS_SHORT]),
                Framework.ILACS,
                self.day(2023, 2024),
            ),
        ]
        if rng.random() < 0.3:
            visits.insert(1, (InspectionKind.MONITORING_VISIT, None, self.day(2017, 2017)))
        inspections, judgements, areas = [], [], []
        for kind, framework, start in visits:
            end = start + datetime.timedelta(days=rng.choice([4, 9, 11]))
            inspection = Inspection(
                local_authority=la,
                kind=kind,
                start_date=start,
                end_date=end,
                published_on=end + datetime.timedelta(days=rng.randint(25, 50)),
                lead_inspector=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                summary=f"Generated {kind.label.lower()} of {la.name}'s services for children.",
                source="manage.py generate_scale_data",
            )
            inspections.append((inspection, framework))
        Inspection.objects.bulk_create([inspection for inspection, _ in inspections])
        for inspection, framework in inspections:
            if framework:
                applying = self.areas_applying(framework, inspection.start_date)
                graded = [area for area in applying if area.short_name != OVERALL_EFFECTIVENESS]
                grades = rng.choices(list(GRADE_WEIGHTS), weights=list(GRADE_WEIGHTS.values()), k=len(graded))
                judgements += [
                    Judgement(inspection=inspection, area=a, grade=g) for a, g in zip(graded, grades, strict=True)
                ]
                # Overall effectiveness follows the weakest judgement.
                judgements += [
                    Judgement(inspection=inspection, area=area, grade=max(grades))
                    for area in applying
                    if area.short_name == OVERALL_EFFECTIVENESS
                ]
            kind = (
                ImprovementKind.RECOMMENDATION if framework == Framework.SIF else ImprovementKind.AREA_FOR_IMPROVEMENT
            )
            for number, (title, theme) in enumerate(rng.sample(TOPICS, rng.randint(5, 10)), start=1):
                areas.append(
                    ImprovementArea(
                        inspection=inspection,
                        number=number,
                        short_title=title,
                        text=f"The local authority should improve: {title[0].lower()}{title[1:]}.",
                        kind=kind,
                        theme=self.themes[theme] if theme else None,
                        senior_lead=leader,
                    )
                )
        Judgement.objects.bulk_create(judgements)
        ImprovementArea.objects.bulk_create(areas)
        self.counts["inspections"] += len(inspections)
        self.counts["areas"] += len(areas)
        return areas

    def actions(self, areas, owners, leader):
        rng = self.rng
        # Recent inspections' areas carry more of the work: weight them by position.
        area_picks = rng.choices(areas, weights=range(1, len(areas) + 1), k=self.actions_per_authority)
        # The leader owns a few actions; staff own the rest.
        owner_weights = [3] + [10] * (len(owners) - 1)
        action_rows, chains = [], []
        for index, area in enumerate(area_picks, start=1):
            published = timezone.make_aware(datetime.datetime.combine(area.inspection.published_on, datetime.time(9)))
            earliest = max(self.history_start, published)
            created_at = earliest + datetime.timedelta(
                seconds=rng.uniform(0, max(0.0, (self.now - earliest).total_seconds() - 7 * 86400))
            )
            due_date = timezone.localdate(created_at) + datetime.timedelta(days=rng.randint(30, 540))
            weights = WEIGHTS_LONG_DUE if (self.today - due_date).days > 90 else WEIGHTS_RECENT
            final = rng.choices(list(weights), weights=list(weights.values()))[0]
            steps = max(len(PATHS[final]), round(rng.gauss(self.updates_per_action - 1, 2)))
            steps = min(steps, 2 * self.updates_per_action)
            chain = status_chain(final, steps, rng)
            # History times, strictly increasing from the creation to (at the latest) now.
            times = sorted(
                created_at + datetime.timedelta(seconds=rng.uniform(60, (self.now - created_at).total_seconds()))
                for _ in chain
            )
            times = [created_at] + [t + datetime.timedelta(microseconds=n) for n, t in enumerate(times, start=1)]
            completed_on = None
            if final in DONE_STATUSES:
                # The day of the change to completed, as record_progress would have recorded it.
                changed = max(i for i, s in enumerate(chain) if s == S.COMPLETED and chain[i - 1] != S.COMPLETED)
                completed_on = timezone.localdate(times[changed + 1])
            owner = rng.choices(owners, weights=owner_weights)[0]
            verb = rng.choice(VERBS)
            action_rows.append(
                (
                    area.pk,
                    f"{verb} {area.short_title[0].lower()}{area.short_title[1:]} ({index})",
                    f"{verb} how we work on {area.short_title.lower()}, as the inspectors asked.",
                    owner.pk,
                    due_date,
                    final,
                    "Audits show the improvement in at least 90% of cases for three months running.",
                    completed_on,
                    leader.pk,
                    created_at,
                    times[-1],
                )
            )
            chains.append((owner, chain, times))
        ids = self.writer.write_actions(action_rows)

        update_rows = []
        for action_id, (owner, chain, times) in zip(ids, chains, strict=True):
            update_rows.append(
                (
                    action_id,
                    leader.pk,
                    times[0],
                    UpdateKind.CREATED,
                    "",
                    S.NOT_STARTED,
                    f"Action created and assigned to {owner}.",
                )
            )
            before = S.NOT_STARTED
            for status, at in zip(chain, times[1:], strict=True):
                # Only a leader signs off; now and then the leader records progress for the owner.
                author = leader if status == S.SIGNED_OFF or rng.random() < 0.1 else owner
                kind = UpdateKind.SIGNED_OFF if status == S.SIGNED_OFF else UpdateKind.PROGRESS
                update_rows.append((action_id, author.pk, at, kind, before, status, rng.choice(NOTES[status])))
                before = status
        self.writer.write_updates(update_rows)
        self.counts["actions"] += len(ids)
        self.counts["updates"] += len(update_rows)

    def day(self, first_year, last_year):
        start = datetime.date(first_year, 1, 10)
        return start + datetime.timedelta(days=self.rng.randint(0, (datetime.date(last_year, 11, 30) - start).days))


def free_codes(count, first):
    used = set(LocalAuthority.objects.values_list("code", flat=True))
    codes = [f"{n:03d}" for n in range(first, 1000) if f"{n:03d}" not in used][:count]
    if len(codes) < count:
        raise CommandError(f"Only {len(codes)} unused three-digit codes from {first}; ask for fewer authorities.")
    return codes


def authority_name(code, rng, used):
    for _ in range(20):
        name = f"{rng.choice(PLACE_STARTS)}{rng.choice(PLACE_ENDS)} Council"
        if name not in used:
            break
    else:
        name = f"Council {code}"
    used.add(name)
    return name


class Command(BaseCommand):
    help = "Add local authorities with users, inspections, improvement areas, actions and three years of history."

    def add_arguments(self, parser):
        parser.add_argument("--authorities", type=int, default=153, help="How many to add (153: all of England).")
        parser.add_argument("--actions-per-authority", type=int, default=1000)
        parser.add_argument("--updates-per-action", type=int, default=10, help="On average, the first included.")
        parser.add_argument("--first-code", type=int, default=FIRST_CODE, help="Lowest DfE code to use.")
        parser.add_argument(
            "--seed", type=int, default=2016, help="Random seed: the same seed on the same day gives the same data."
        )

    def handle(self, *args, **options):
        password = demo_password()
        if not password and not settings.DEBUG:
            raise CommandError(
                "Set DEMO_PASSWORD (the generated accounts' password) or DEBUG=1: this creates accounts."
            )
        if options["authorities"] < 1 or options["actions_per_authority"] < 1 or options["updates_per_action"] < 1:
            raise CommandError("--authorities, --actions-per-authority and --updates-per-action must be at least 1.")

        started = time.monotonic()
        rng = random.Random(options["seed"] + LocalAuthority.objects.count())
        codes = free_codes(options["authorities"], options["first_code"])
        generator = Generator(
            rng=rng,
            now=timezone.now(),
            # One hash for everyone: hashing a password takes a good part of a second.
            password_hash=make_password(password or None),
            actions_per_authority=options["actions_per_authority"],
            updates_per_action=options["updates_per_action"],
        )
        used_names = set(LocalAuthority.objects.values_list("name", flat=True))
        for number, code in enumerate(codes, start=1):
            # One transaction per authority: an interrupted run leaves whole authorities behind.
            with transaction.atomic():
                generator.authority(code, authority_name(code, rng, used_names))
            if number % 10 == 0:
                self.analyse_reference_tables()
                if options["verbosity"] > 1:
                    self.stdout.write(f"  {number} authorities in {time.monotonic() - started:.0f} s")
        generated = time.monotonic() - started
        self.refresh_statistics()

        counts = generator.counts
        self.stdout.write(
            f"Added {len(codes)} local authorities (codes {codes[0]} to {codes[-1]}): {counts['users']} users, "
            f"{counts['inspections']} inspections, {counts['areas']} improvement areas, {counts['actions']} actions, "
            f"{counts['updates']} progress updates in {generated:.0f} s, "
            f"then VACUUM ANALYZE in {time.monotonic() - started - generated:.0f} s."
            + ("" if password else " Set DEMO_PASSWORD to be able to sign in as them.")
        )

    @staticmethod
    def analyse_reference_tables():
        """Keep the planner's row counts of the small tables in step as they grow.

        The trigger that checks each action's owner looks up the owner and the improvement area; planned
        from statistics taken when the tables were tiny (a previous run of a few authorities), those
        lookups become sequential scans, and generation slows down as the square of its size.
        """
        if connection.vendor != "postgresql":
            return
        tables = [model._meta.db_table for model in (get_user_model(), ImprovementArea, Inspection)]
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(tables)}")

    @staticmethod
    def refresh_statistics():
        """Tell PostgreSQL's planner about the new rows now rather than whenever autovacuum gets to them."""
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            return
        tables = [
            model._meta.db_table
            for model in (ActionItem, ProgressUpdate, ImprovementArea, Inspection, Judgement, get_user_model())
        ]
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")
