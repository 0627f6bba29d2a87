from django.contrib import messages
from django.shortcuts import redirect, render

from accounts import rules

from .forms import EmailSettingsForm
from .models import EmailSettings
from .services import save_email_settings


def email_settings(request):
    """The person's own choice of reminders: no one changes another's."""
    leader = rules.can_sign_off(request.user)
    saved = EmailSettings.objects.filter(user=request.user).first() or EmailSettings(user=request.user)
    initial = {"emails": [name for name in EmailSettings.FIELDS if getattr(saved, name)]}
    form = EmailSettingsForm(request.POST if request.method == "POST" else None, initial=initial, leader=leader)
    if request.method == "POST" and form.is_valid():
        save_email_settings(user=request.user, choices=form.choices())
        messages.success(request, "Email settings saved")
        return redirect("email_settings")
    return render(request, "reminders/email_settings.html", {"form": form, "leader": leader})
