"""How often password reset links may be asked for.

A reset email goes to whoever owns the address, so a flood of requests cannot take an account; it can fill
someone's inbox and send the service's mail in bulk. So each email address gets at most
PASSWORD_RESET_EMAIL_LIMIT links in PASSWORD_RESET_WINDOW (further requests look the same to the person
asking, so nobody learns whether an address has an account), and each client address may ask at most
PASSWORD_RESET_ADDRESS_LIMIT times in the window, whatever the email addresses (it is told to wait).
Requests are counted in the database, so every app server sees the same counts.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from bromley_tracker import sign_in

from .models import ResetRequest


def window_minutes():
    return int(settings.PASSWORD_RESET_WINDOW.total_seconds() // 60)


def _digest(email):
    return salted_hmac("accounts.resets", email.strip().lower()).hexdigest()


def _recent():
    return ResetRequest.objects.filter(requested_at__gte=timezone.now() - settings.PASSWORD_RESET_WINDOW)


def address_has_asked_too_often(request):
    """Whether the request's client address has asked for PASSWORD_RESET_ADDRESS_LIMIT links in the window."""
    address = sign_in.client_ip(request)
    return address is not None and _recent().filter(ip_address=address).count() >= (
        settings.PASSWORD_RESET_ADDRESS_LIMIT
    )


def record(request, email):
    """Count a request for a link to `email`; whether a link may be sent to it (fewer than
    PASSWORD_RESET_EMAIL_LIMIT in the window before this one). Forgets requests older than the window."""
    now = timezone.now()
    ResetRequest.objects.filter(requested_at__lt=now - settings.PASSWORD_RESET_WINDOW).delete()
    digest = _digest(email)
    earlier = _recent().filter(email_digest=digest).count()
    ResetRequest.objects.create(email_digest=digest, ip_address=sign_in.client_ip(request), requested_at=now)
    return earlier < settings.PASSWORD_RESET_EMAIL_LIMIT
