"""Forms for actions. They only validate; actions.services writes."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import User
from bromley_tracker.forms import DUE_DATE_HINT, GovukDateField, LongTextField, long_text, submit_button
from inspections.models import ImprovementArea

from .models import Status
from .services import DUE_DATE_REASON_MESSAGE, PAST_DUE_DATE_MESSAGE

# Statuses a person chooses on the action page; signing off has its own page.
PROGRESS_STATUSES = [(value, label) for value, label in Status.choices if value != Status.SIGNED_OFF]

NOTE_REQUIRED_MESSAGES = {
    Status.BLOCKED: "Enter a progress note to say why the action is blocked",
    Status.COMPLETED: "Enter a progress note to say what was completed",
}


STALE_FORM = "This form is out of date. Reload the page and make your change again"


class VersionField(forms.IntegerField):
    """The action's version the form was built from, hidden. A hidden field's error has no
    place on the page, so a missing or altered version becomes a form-wide error (check_version)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError:
            return -1


class VersionedForm(forms.Form):
    """A form that changes an action, carrying the action's version from when it was shown,
    so that a save over someone else's change is refused."""

    version = VersionField()

    def check_version(self, required):
        version = self.cleaned_data.get("version")
        if (required and version is None) or (version is not None and not 1 <= version <= 2**31):
            self.add_error(None, STALE_FORM)

    def refresh_version(self, version):
        """After a conflicting save, let the person save again knowing what changed."""
        self.data = self.data.copy()
        self.data["version"] = version


class ImprovementAreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, area):
        return f"{area.inspection.title}: {area}"


class ActionForm(VersionedForm):
    """New and edit action: what a leader fills in. `user` scopes the choices to their local authority."""

    improvement_area = ImprovementAreaChoiceField(
        queryset=ImprovementArea.objects.none(),
        label="Improvement area",
        empty_label="Choose an improvement area",
        error_messages={
            "required": "Select an improvement area",
            "invalid_choice": "Select an improvement area from the list",
        },
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="What will be done, in a few words.",
        error_messages={"required": "Enter a title", "max_length": "Title must be 200 characters or fewer"},
    )
    description = LongTextField(label="Description (optional)", required=False)
    owner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Owner",
        empty_label="Choose an owner",
        help_text="The person who will do it and record its progress.",
        error_messages={"required": "Select an owner", "invalid_choice": "Select an owner from the list"},
    )
    due_date = GovukDateField(label="Due date", help_text=DUE_DATE_HINT)
    success_measure = LongTextField(
        label="How we will know (optional)",
        required=False,
        help_text="How success will be measured, for example “95% of children have a return home interview”.",
    )
    # Asked on the edit page only, and needed only when the due date changes.
    due_date_reason = LongTextField(
        label="Reason for changing the due date",
        required=False,
        help_text="Only if you change the due date. The reason is shown in the action's history.",
    )

    def __init__(self, *args, user, action=None, **kwargs):
        if action is not None:
            kwargs.setdefault(
                "initial",
                {
                    "improvement_area": action.improvement_area_id,
                    "title": action.title,
                    "description": action.description,
                    "owner": action.owner_id,
                    "due_date": action.due_date,
                    "success_measure": action.success_measure,
                    "version": action.version,
                },
            )
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["improvement_area"].queryset = (
            ImprovementArea.objects.for_user(user)
            .select_related("inspection")
            .order_by("-inspection__start_date", "number")
        )
        owners = Q(is_active=True)
        if action is not None:
            # Keep a current owner who has since left selectable, so that other edits can be saved.
            owners |= Q(pk=action.owner_id)
        self.fields["owner"].queryset = User.objects.for_user(user).filter(owners)
        due_date_fields = [Field("due_date")]
        if action is None:
            del self.fields["due_date_reason"]
        else:
            due_date_fields.append(long_text("due_date_reason", rows=2))
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("improvement_area"),
            Field.text("title"),
            long_text("description"),
            Field.select("owner"),
            *due_date_fields,
            long_text("success_measure", rows=3),
            "version",
            submit_button("Save action" if action is None else "Save changes"),
        )

    def clean(self):
        cleaned = super().clean()
        # An edit must say which version it was built from, so it cannot overwrite a later change.
        self.check_version(required=self.action is not None)
        area, due = cleaned.get("improvement_area"), cleaned.get("due_date")
        if area and due and due < area.inspection.start_date:
            started = area.inspection.start_date
            self.add_error(
                "due_date",
                f"Due date must be on or after the inspection started ({date_format(started)})",
            )
        # A new or moved due date must not have passed; an edit may keep one that has.
        due_date_moved = due is not None and (self.action is None or due != self.action.due_date)
        if due_date_moved and "due_date" not in self.errors:
            if due < timezone.localdate():
                self.add_error("due_date", PAST_DUE_DATE_MESSAGE)
            elif (
                self.action is not None
                # A reason refused as too long has its error already, and that is all there is to say.
                and "due_date_reason" not in self.errors
                and not cleaned["due_date_reason"].strip()
            ):
                self.add_error("due_date_reason", DUE_DATE_REASON_MESSAGE)
        return cleaned


class ProgressForm(VersionedForm):
    """The action page's "Update progress" form."""

    status = forms.ChoiceField(
        label="Status",
        choices=PROGRESS_STATUSES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a status", "invalid_choice": "Select a status"},
    )
    note = LongTextField(
        label="Progress note", required=False, help_text="What has been done, what is next, or what is in the way."
    )
    internal = forms.BooleanField(
        label="Internal note: for the improvement board only",
        required=False,
        help_text="Board packs for scrutiny, the Department for Education, Ofsted and the public leave it out.",
    )

    def __init__(self, *args, action, **kwargs):
        initial = {"version": action.version}
        if action.status != Status.SIGNED_OFF:
            initial["status"] = action.status
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.action = action
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("status", legend_size=Size.SMALL),
            long_text("note"),
            Field.checkbox("internal", small=True),
            "version",
            submit_button("Save update"),
        )

    def clean(self):
        cleaned = super().clean()
        self.check_version(required=True)
        if cleaned.get("note") is None:
            # The note was refused (too long): that is the one thing to put right.
            return cleaned
        status, note = cleaned.get("status"), cleaned["note"].strip()
        if status in NOTE_REQUIRED_MESSAGES and not note:
            self.add_error("note", NOTE_REQUIRED_MESSAGES[status])
        elif status == self.action.status and not note:
            self.add_error("note", "Enter a progress note, or select a different status")
        cleaned["note"] = note
        return cleaned


class ReasonForm(forms.Form):
    """A confirm page's one question: why. Subclasses name the question and the button."""

    label = hint = required_message = button = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = LongTextField(
            label=self.label, help_text=self.hint, error_messages={"required": self.required_message}
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(long_text("reason"), self.submit())

    def submit(self):
        return submit_button(self.button)


class ReopenForm(ReasonForm):
    label = "Why does this action need reopening?"
    hint = "Say what more needs doing. The reason is shown in the action's history."
    required_message = "Enter the reason for reopening the action"
    button = "Reopen action"


class WithdrawForm(ReasonForm):
    label = "Why is this action being withdrawn?"
    hint = "For example, it has been replaced by another action. The reason is shown on the action's page."
    required_message = "Enter the reason for withdrawing the action"
    button = "Withdraw action"

    def submit(self):
        return Button.warning("submit", self.button, data_prevent_double_click="true")


class SignOffForm(forms.Form):
    note = LongTextField(
        label="Sign-off note",
        help_text="Say what evidence you have seen that the action is complete.",
        error_messages={"required": "Enter a sign-off note"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(long_text("note"), submit_button("Sign off"))
