"""What each reminder says and who gets it: unsaved OutboundEmails, for the outbox to record.

Nothing here writes, so `send_reminders --dry-run` can show what would go. Each builder reads
its people in batches, a fixed number of queries per batch.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, Max, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts import rules
from actions.models import ASSIGNMENT_KINDS, ActionItem, ProgressUpdate, Rag, Status, UpdateKind, overdue_q
from measures.models import Measure

from .models import EmailSettings, Kind, OutboundEmail, RagSnapshot, State

# The owner digest lists open actions due within this many days.
DIGEST_AHEAD_DAYS = 14
# An at-once email is written for a history row this recent: longer than cron could be down for, short
# enough that a first run does not tell people of old changes.
AT_ONCE_WINDOW = datetime.timedelta(days=2)
# A digest lists at most this many actions under each heading, then links to the rest.
SECTION_LIMIT = 25
BATCH_SIZE = 500


def site_url(path):
    return settings.SITE_URL.rstrip("/") + path


@dataclass
class Composed:
    """The emails to record, and how many were left out and why (for the command's summary)."""

    emails: list = field(default_factory=list)
    no_address: int = 0
    switched_off: int = 0

    def offer(self, email, *, wanted):
        """Keep `email` if its recipient wants it and has an address; else count it, and keep a skipped
        row for an at-once email, so that the next run does not weigh it again."""
        if not wanted or not email.to:
            if not wanted:
                self.switched_off += 1
                reason = "Switched off in the person's email settings"
            else:
                self.no_address += 1
                reason = "The person has no email address"
            if email.progress_update_id is None:
                return
            email.state, email.last_error, email.body_text, email.body_html = State.SKIPPED, reason, "", ""
        self.emails.append(email)


def settings_for(user_ids):
    """{user id: EmailSettings}, a default (everything on) for those who never changed theirs. One query."""
    saved = {row.user_id: row for row in EmailSettings.objects.filter(user_id__in=user_ids)}
    return {pk: saved.get(pk) or EmailSettings(user_id=pk) for pk in user_ids}


def action_item(action, detail):
    return {"title": action.title, "url": site_url(action.get_absolute_url()), "detail": detail}


def section(heading, actions, detail, *, more_url, item=action_item):
    """Up to SECTION_LIMIT items under a heading (`item` turns each into a title, link and detail), or None."""
    items = [item(action, detail(action)) for action in actions[:SECTION_LIMIT]]
    more = len(actions) - len(items)
    return {"heading": heading, "items": items, "more": more, "more_url": more_url} if items else None


def due(action):
    return f"Due {date_format(action.due_date)}"


def build(*, kind, recipient, key, subject, intro, sections, reason, week=None, progress_update=None):
    context = {
        "name": recipient.get_full_name() or recipient.username,
        "intro": intro,
        "sections": [s for s in sections if s],
        "reason": reason,
        "settings_url": site_url(reverse("email_settings")),
    }
    return OutboundEmail(
        key=key,
        kind=kind,
        recipient=recipient,
        to=recipient.email,
        subject=subject,
        body_text=render_to_string("reminders/email/message.txt", context),
        body_html=render_to_string("reminders/email/message.html", context),
        week=week,
        progress_update=progress_update,
    )


def batches(ids):
    ids = sorted(ids)
    for start in range(0, len(ids), BATCH_SIZE):
        yield ids[start : start + BATCH_SIZE]


def digest_key(kind, user_id, week):
    return f"{kind}:{user_id}:{week.isoformat()}"


def _already(kind, week, user_ids):
    return set(
        OutboundEmail.objects.filter(kind=kind, week=week, recipient_id__in=user_ids).values_list(
            "recipient_id", flat=True
        )
    )


def in_use():
    return ActionItem.objects.filter(archived_at__isnull=True)


def measures_due(owner_ids, soon):
    """{owner id: [(measure, next due date)]}: the measures they own whose next value is due by `soon`,
    the most overdue first. One query."""
    due_by_owner = defaultdict(list)
    for measure in Measure.objects.filter(owner_id__in=owner_ids).with_latest():
        next_due = measure.next_due(measure.latest_date)
        if next_due <= soon:
            due_by_owner[measure.owner_id].append((measure, next_due))
    for measures in due_by_owner.values():
        measures.sort(key=lambda pair: (pair[1], pair[0].name, pair[0].pk))
    return due_by_owner


def measure_item(pair, detail):
    measure, _next_due = pair
    return {"title": measure.name, "url": site_url(measure.get_absolute_url()), "detail": detail}


def owner_digests(*, week, now, composed):
    """Each owner of open actions or of measures: overdue, due in the next DIGEST_AHEAD_DAYS days, blocked,
    and assigned to them since their last digest; the measures whose next value is due by then. Nothing to
    say, no email. Seven queries a batch."""
    today = timezone.localdate(now)
    User = get_user_model()
    measure_owners = Measure.objects.filter(owner__isnull=False).order_by().values_list("owner_id", flat=True)
    owner_ids = set(in_use().open().order_by().values_list("owner_id", flat=True).union(measure_owners))
    my_actions_url = site_url(reverse("my_actions"))
    scorecard_url = site_url(reverse("measure_list"))
    for batch in batches(owner_ids):
        done = _already(Kind.OWNER_DIGEST, week, batch)
        batch = [pk for pk in batch if pk not in done]
        if not batch:
            continue
        users = User.objects.filter(is_active=True).in_bulk(batch)
        wants = settings_for(batch)
        soon = today + datetime.timedelta(days=DIGEST_AHEAD_DAYS)
        listed = defaultdict(list)
        for action in (
            in_use()
            .open()
            .filter(owner_id__in=batch)
            .filter(Q(due_date__lte=soon) | Q(status=Status.BLOCKED))
            .order_by("due_date", "pk")
        ):
            listed[action.owner_id].append(action)
        measures = measures_due(batch, soon)
        last_digest = dict(
            OutboundEmail.objects.filter(kind=Kind.OWNER_DIGEST, recipient_id__in=batch, week__lt=week)
            .values_list("recipient_id")
            .annotate(at=Max("created_at"))
        )
        default_since = now - datetime.timedelta(days=7)
        assigned = defaultdict(dict)
        for update in (
            ProgressUpdate.objects.filter(
                action__owner_id__in=batch,
                action__archived_at__isnull=True,
                kind__in=ASSIGNMENT_KINDS,
                created_at__gte=min([default_since, *last_digest.values()]),
            )
            .exclude(action__status__in=[Status.COMPLETED, Status.SIGNED_OFF])
            .select_related("action")
            .order_by("created_at")
        ):
            owner_id = update.action.owner_id
            if update.author_id != owner_id and update.created_at >= last_digest.get(owner_id, default_since):
                assigned[owner_id][update.action_id] = update.action
        for pk in batch:
            user = users.get(pk)
            if user is None:
                continue
            actions = listed[pk]
            overdue = [a for a in actions if a.due_date < today]
            blocked = [a for a in actions if a.status == Status.BLOCKED and a.due_date >= today]
            coming = [a for a in actions if today <= a.due_date <= soon and a.status != Status.BLOCKED]
            new = list(assigned[pk].values())
            if not (overdue or blocked or coming or new or measures[pk]):
                continue
            email = build(
                kind=Kind.OWNER_DIGEST,
                recipient=user,
                key=digest_key(Kind.OWNER_DIGEST, pk, week),
                subject="Your improvement actions this week",
                intro="Here are your improvement actions"
                + (" and measures" if measures[pk] else "")
                + " that need attention this week.",
                sections=[
                    section(
                        "Overdue", overdue, lambda a: f"Was due {date_format(a.due_date)}", more_url=my_actions_url
                    ),
                    section("Blocked", blocked, due, more_url=my_actions_url),
                    section(f"Due in the next {DIGEST_AHEAD_DAYS} days", coming, due, more_url=my_actions_url),
                    section("Assigned to you since your last digest", new, due, more_url=my_actions_url),
                    section(
                        "Measures with a value due",
                        measures[pk],
                        lambda pair: f"{'Was due' if pair[1] < today else 'Due'} {date_format(pair[1])}",
                        item=measure_item,
                        more_url=f"{scorecard_url}?owner={pk}",
                    ),
                ],
                reason="You get this weekly digest because you own improvement actions or measures.",
                week=week,
            )
            composed.offer(email, wanted=wants[pk].owner_digest)


def leaders_by_authority(authority_ids=None):
    """{authority id: [leaders]}: the active people who may sign its actions off. One query."""
    people = get_user_model().objects.filter(local_authority__isnull=False)
    if authority_ids is not None:
        people = people.filter(local_authority_id__in=authority_ids)
    grouped = defaultdict(list)
    for user in rules.who_can_sign_off(people).order_by("pk"):
        grouped[user.local_authority_id].append(user)
    return grouped


def rag_change(rag, now_count, last):
    if last is None:
        return f"{rag.label}: {now_count}"
    difference = now_count - last.get(rag.value, 0)
    change = "no change" if not difference else f"{difference:+d} since last week"
    return f"{rag.label}: {now_count} ({change})"


def leader_digests(*, week, now, composed, snapshots):
    """Each leader: their authority's overdue and blocked actions, the completed ones awaiting sign-off, and
    the counts by RAG against last week's. `snapshots` collects this week's counts for the outbox to keep.
    Nothing overdue, blocked or awaiting sign-off, no email. Five queries a batch of authorities."""
    today = timezone.localdate(now)
    leaders = leaders_by_authority()
    field_name = "improvement_area__inspection__local_authority"
    all_url = site_url(reverse("action_list"))
    for batch in batches(leaders):
        progress = in_use().filter(**{f"{field_name}__in": batch}).progress_by(field_name, today)
        last_week = {
            row.local_authority_id: row.counts
            for row in RagSnapshot.objects.filter(local_authority_id__in=batch, week=week - datetime.timedelta(days=7))
        }
        attention = defaultdict(lambda: {"overdue": [], "blocked": [], "awaiting": []})
        for action in (
            in_use()
            .filter(**{f"{field_name}__in": batch})
            .filter(overdue_q(today) | Q(status__in=[Status.BLOCKED, Status.COMPLETED]))
            .select_related("improvement_area__inspection", "owner")
            .order_by("due_date", "pk")
        ):
            lists = attention[action.improvement_area.inspection.local_authority_id]
            if action.status == Status.COMPLETED:
                lists["awaiting"].append(action)
            elif action.status == Status.BLOCKED:
                lists["blocked"].append(action)
            else:
                lists["overdue"].append(action)
        everyone = [user.pk for la in batch for user in leaders[la]]
        done = _already(Kind.LEADER_DIGEST, week, everyone)
        wants = settings_for(everyone)
        for la in batch:
            counts = {rag.value: progress[la].by_rag[rag.value] for rag in Rag}
            snapshots.append(RagSnapshot(local_authority_id=la, week=week, counts=counts))
            lists = attention[la]
            if not any(lists.values()):
                continue
            sections = [
                section(
                    "Overdue",
                    lists["overdue"],
                    lambda a: f"Was due {date_format(a.due_date)}, owned by {a.owner}",
                    more_url=all_url,
                ),
                section("Blocked", lists["blocked"], lambda a: f"Owned by {a.owner}", more_url=all_url),
                section(
                    "Completed, awaiting your sign-off",
                    lists["awaiting"],
                    lambda a: f"Completed by {a.owner}",
                    more_url=site_url(reverse("dashboard")),
                ),
            ]
            rag_lines = [rag_change(rag, counts[rag.value], last_week.get(la)) for rag in Rag]
            for leader in leaders[la]:
                if leader.pk in done:
                    continue
                email = build(
                    kind=Kind.LEADER_DIGEST,
                    recipient=leader,
                    key=digest_key(Kind.LEADER_DIGEST, leader.pk, week),
                    subject="Your authority's improvement actions this week",
                    intro="Actions by RAG rating: " + "; ".join(rag_lines) + ".",
                    sections=sections,
                    reason="You get this weekly digest because you may sign off your authority's actions.",
                    week=week,
                )
                composed.offer(email, wanted=wants[leader.pk].leader_digest)


def at_once_emails(*, now, composed):
    """From the recent history rows not yet turned into email: the new owner of an action assigned or
    reassigned (by someone else), and the leaders of an action marked completed. Four queries."""
    handled = OutboundEmail.objects.filter(progress_update=OuterRef("pk"))
    updates = list(
        ProgressUpdate.objects.filter(created_at__gte=now - AT_ONCE_WINDOW, action__archived_at__isnull=True)
        .filter(Q(kind__in=ASSIGNMENT_KINDS) | Q(kind=UpdateKind.PROGRESS, status_after=Status.COMPLETED))
        .exclude(Exists(handled))
        .select_related("action__owner", "action__improvement_area__inspection", "author")
        .order_by("created_at", "pk")
    )
    latest_assignment = {u.action_id: u.pk for u in updates if u.kind in ASSIGNMENT_KINDS}
    authorities = {u.action.improvement_area.inspection.local_authority_id for u in updates}
    leaders = leaders_by_authority(authorities) if authorities else {}
    people = {u.action.owner_id for u in updates} | {leader.pk for group in leaders.values() for leader in group}
    wants = settings_for(people)
    for update in updates:
        action = update.action
        if update.kind in ASSIGNMENT_KINDS:
            # Only the newest assignment names the person who owns it now.
            if latest_assignment[action.pk] != update.pk or update.author_id == action.owner_id:
                continue
            email = build(
                kind=Kind.ASSIGNED,
                recipient=action.owner,
                key=f"{Kind.ASSIGNED}:{update.pk}:{action.owner_id}",
                subject=f"Action assigned to you: {action.title}",
                intro=f"{update.author} has assigned an improvement action to you.",
                sections=[{"heading": "", "items": [action_item(action, due(action))]}],
                reason="You get this email because an action was assigned to you.",
                progress_update=update,
            )
            composed.offer(email, wanted=wants[action.owner_id].assigned)
        elif action.status == Status.COMPLETED:
            for leader in leaders.get(action.improvement_area.inspection.local_authority_id, []):
                if leader.pk == update.author_id:
                    continue
                email = build(
                    kind=Kind.COMPLETED,
                    recipient=leader,
                    key=f"{Kind.COMPLETED}:{update.pk}:{leader.pk}",
                    subject=f"Action completed, awaiting sign-off: {action.title}",
                    intro=f"{update.author} has marked an improvement action as completed. It is waiting for "
                    "a leader to sign it off.",
                    sections=[{"heading": "", "items": [action_item(action, f"Owned by {action.owner}")]}],
                    reason="You get this email because you may sign off your authority's actions.",
                    progress_update=update,
                )
                composed.offer(email, wanted=wants[leader.pk].completed)


def counted(emails):
    return Counter(email.kind for email in emails if email.state != State.SKIPPED)
