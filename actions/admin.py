"""The admin for actions and their history.

Actions are created and their status changed only through actions.services, here as
everywhere, so that every change writes its history row. The forms check first what
the services would refuse, so that the administrator sees a field error and nothing
is half-saved.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.defaultfilters import pluralize
from django.utils import timezone

from accounts import rules
from accounts.scoping import LOCAL_AUTHORITY_FILTER, ScopedAdminMixin

from .models import ActionItem, ProgressUpdate, Rag, Status
from .services import (
    DUE_DATE_REASON_MESSAGE,
    EditConflict,
    archive_action,
    check_due_date,
    check_not_signed_off,
    check_owner,
    create_action,
    record_progress,
    update_action,
)

# The fields an administrator edits; update_action writes them, with a history row saying what changed.
EDITED_FIELDS = ["improvement_area", "title", "description", "owner", "due_date", "success_measure"]
# Fields of the form that are not the action's: they say how it is saved, not what changes.
_NOT_EDITS = ("expected_version", "due_date_reason")


class ActionItemAdminForm(forms.ModelForm):
    # The admin sets this on the form class it builds for each request.
    request_user = None

    # The action's version when the form was shown: a save over someone else's change is refused.
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    due_date_reason = forms.CharField(
        label="Reason for changing the due date",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when you change the due date; it is shown in the action's history.",
    )

    class Meta:
        model = ActionItem
        fields = [*EDITED_FIELDS, "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Validation writes the form's values onto the instance; saving needs the old status.
        self.status_before = self.instance.status
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        # Each field carries the value the page showed, so that changed_data says what this person
        # changed even when someone else has saved the action since.
        for name, field in self.fields.items():
            field.show_hidden_initial = name not in _NOT_EDITS

    def has_edits(self):
        return any(name not in _NOT_EDITS for name in self.changed_data)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and self.has_edits():
            try:
                check_not_signed_off(self.instance)
            except ValidationError as error:
                # The form's other checks would only add noise to this one.
                self.add_error(None, error)
                return cleaned_data
        expected_version = cleaned_data.get("expected_version")
        stale = self.instance.pk and expected_version is not None and expected_version != self.instance.version
        if stale and self.has_edits():
            self.add_error(None, str(EditConflict(self.instance, by=self.request_user)))
            # Shown again, the form carries the current version: saving it again is a knowing choice.
            self.data = self.data.copy()
            self.data[self.add_prefix("expected_version")] = self.instance.version

        owner, area = cleaned_data.get("owner"), cleaned_data.get("improvement_area")
        # An improvement area added on the same page has no inspection if its own form is invalid.
        if owner and area and area.inspection_id:
            try:
                check_owner(owner=owner, improvement_area=area)
            except ValidationError as error:
                self.add_error(None, error)

        due_date = cleaned_data.get("due_date")
        if due_date and (not self.instance.pk or "due_date" in self.changed_data):
            try:
                check_due_date(due_date, today=timezone.localdate())
            except ValidationError as error:
                self.add_error(None, error)
            else:
                if self.instance.pk and not cleaned_data.get("due_date_reason", "").strip():
                    self.add_error("due_date_reason", DUE_DATE_REASON_MESSAGE)

        status = cleaned_data.get("status")
        if status == Status.SIGNED_OFF and status != self.status_before:
            if self.status_before != Status.COMPLETED:
                self.add_error("status", "Only a completed action can be signed off.")
            elif not rules.can_sign_off(self.request_user, self.instance):
                self.add_error("status", "Only a leader can sign off an action.")
        return cleaned_data


def save_action_form(form, *, author, improvement_area):
    """Save a valid ActionItemAdminForm through the services, into form.instance.

    A new action is made by create_action, which writes its first history row; an edit by
    update_action, which writes one saying what changed; a status change by record_progress,
    with a note saying who changed it in the admin. Nothing is saved directly. Only the fields
    this person changed are written, so that a form saved again after an edit conflict keeps
    the other person's changes to the rest.
    """
    if not form.has_edits():
        return
    action = form.instance
    if action._state.adding:
        values = {name: getattr(action, name) for name in EDITED_FIELDS if name != "improvement_area"}
        created = create_action(improvement_area=improvement_area, created_by=author, **values)
        # The admin goes on to log, link to and redirect to this very instance.
        action.pk = created.pk
        action._state.adding = False
    else:
        current = ActionItem.objects.get(pk=action.pk)
        values = {name: getattr(current, name) for name in EDITED_FIELDS}
        values.update({name: form.cleaned_data[name] for name in form.changed_data if name in EDITED_FIELDS})
        update_action(
            action=current,
            author=author,
            expected_version=form.cleaned_data.get("expected_version"),
            due_date_reason=form.cleaned_data.get("due_date_reason", ""),
            **values,
        )
    action.refresh_from_db()
    status = form.cleaned_data["status"]
    if "status" in form.changed_data and status != action.status:
        note = f"Status changed to {Status(status).label} in the admin by {author}."
        record_progress(action=action, author=author, status=status, note=note)


class RefuseStaleSavesMixin:
    """A save that lost a race with someone else's (after its form was checked) is rolled back by the
    admin's transaction; say so and show the current action, instead of an error page. So is a save
    the services refuse because the action changed meanwhile, such as being signed off."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict as conflict:
            self.message_user(request, f"{conflict} Nothing was saved.", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        except ValidationError as error:
            self.message_user(request, f"{' '.join(error.messages)} Nothing was saved.", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class ProgressUpdateInline(admin.TabularInline):
    """An action's history, to read: it is append-only."""

    model = ProgressUpdate
    fields = ["created_at", "author", "status_before", "status_after", "note", "internal"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ActionItem)
class ActionItemAdmin(RefuseStaleSavesMixin, ScopedAdminMixin, admin.ModelAdmin):
    form = ActionItemAdminForm
    list_display = ["title", "improvement_area", "owner", "due_date", "status", "rag_rating"]
    list_filter = [
        "status",
        "due_date",
        ("improvement_area__inspection__local_authority", LOCAL_AUTHORITY_FILTER),
        ("archived_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["title", "description", "owner__first_name", "owner__last_name", "owner__username"]
    autocomplete_fields = ["improvement_area", "owner"]
    list_select_related = ["improvement_area", "owner"]
    date_hierarchy = "due_date"
    readonly_fields = [
        "rag_rating",
        "completed_on",
        "original_due_date",
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
        "archived_at",
    ]
    fieldsets = [
        (None, {"fields": ["improvement_area", "title", "description", "success_measure"]}),
        (
            "Progress",
            {
                "fields": [
                    "owner",
                    "due_date",
                    "due_date_reason",
                    "original_due_date",
                    "status",
                    "rag_rating",
                    "completed_on",
                    "expected_version",
                ]
            },
        ),
        ("Record", {"fields": ["created_by", "created_at", "updated_by", "updated_at", "archived_at"]}),
    ]
    inlines = [ProgressUpdateInline]
    actions = ["archive_selected"]

    @admin.display(description="RAG")
    def rag_rating(self, obj):
        if obj.due_date is None:  # A new action, not yet saved.
            return self.get_empty_value_display()
        return Rag(obj.rag).label

    def get_fieldsets(self, request, obj=None):
        if obj is not None:
            return self.fieldsets
        # A new action has no due date to change yet.
        unasked = ("due_date_reason", "original_due_date")
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in unasked]})
            for name, options in self.fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request_user = request.user
        return form

    def save_model(self, request, obj, form, change):
        save_action_form(form, author=request.user, improvement_area=obj.improvement_area)

    def has_delete_permission(self, request, obj=None):
        # Every action has history, which is never deleted (ProgressUpdate.action is PROTECT).
        # Refusing always also removes the bulk "Delete selected" action: archive instead.
        return False

    @admin.action(description="Archive selected action items", permissions=["change"])
    def archive_selected(self, request, queryset):
        # A signed-off action stays as it was signed off (archive_action refuses it).
        open_actions = queryset.filter(archived_at=None).exclude(status=Status.SIGNED_OFF)
        with transaction.atomic():
            archived = [archive_action(action=action, by=request.user) for action in open_actions]
        self.message_user(request, f"Archived {len(archived)} action item{pluralize(len(archived))}.")
        signed_off = queryset.filter(archived_at=None, status=Status.SIGNED_OFF).count()
        if signed_off:
            self.message_user(
                request,
                f"{signed_off} signed-off action item{pluralize(signed_off)} {pluralize(signed_off, 'was,were')} "
                "not archived: a signed-off action cannot be changed until a leader reopens it.",
                messages.WARNING,
            )


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Append-only history: listed and viewed, never added, changed or deleted here."""

    list_display = ["action", "author", "created_at", "status_before", "status_after"]
    list_filter = [
        "status_after",
        "created_at",
        ("action__improvement_area__inspection__local_authority", LOCAL_AUTHORITY_FILTER),
    ]
    search_fields = ["action__title", "note", "author__first_name", "author__last_name", "author__username"]
    list_select_related = ["action", "author"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
