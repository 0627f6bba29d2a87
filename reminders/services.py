from django.db import transaction

from .models import EmailSettings


@transaction.atomic
def save_email_settings(*, user, choices: dict) -> EmailSettings:
    """Switch the named reminders on or off for `user`; the others keep their setting."""
    unknown = set(choices) - set(EmailSettings.FIELDS)
    if unknown:
        raise ValueError(f"Unknown email settings: {sorted(unknown)}")
    row, _ = EmailSettings.objects.select_for_update().get_or_create(user=user)
    for name, on in choices.items():
        setattr(row, name, on)
    row.save(update_fields=list(choices) or None)
    return row
