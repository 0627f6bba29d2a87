"""Sign-in throttling, on top of django-axes: the client's address, the per-address limit and tries left.

django-axes locks a username on one address after AXES_FAILURE_LIMIT failures (settings.py). This module
adds what axes does not: which address a request comes from behind the proxies we trust, and a more
generous limit on failures from one address whatever the usernames, which slows a flood without locking
anyone's account.
"""

import ipaddress

from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def _valid_address(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The address the request came from (axes's AXES_CLIENT_IP_CALLABLE).

    Each of the TRUSTED_PROXY_COUNT proxies in front of the app appends the address it received the
    request from to X-Forwarded-For, so the client's is that many entries from the right; anything to
    its left was written by the client and is ignored. With no trusted proxy, or a header too short to
    have passed through them all, the address is the connection's own.
    """
    remote = _valid_address(request.META.get("REMOTE_ADDR", ""))
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= count:
            return _valid_address(forwarded[-count]) or remote
    return remote


def address_is_flooded(request):
    """Whether the request's address has failed to sign in SIGN_IN_ADDRESS_FAILURE_LIMIT times, for any
    usernames, with failures in the last SIGN_IN_ADDRESS_WINDOW.

    Counts axes's attempt records (one per username, address and browser, holding its failures so far);
    the address is free again once it has had no new failure for the window.
    """
    address = client_ip(request)
    if address is None:
        return False
    since = timezone.now() - settings.SIGN_IN_ADDRESS_WINDOW
    failures = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return (failures or 0) >= settings.SIGN_IN_ADDRESS_FAILURE_LIMIT


def tries_left(request, username):
    """After a failed sign-in: how many more failures lock this username on this address, if that is worth
    warning about (two or fewer), else None. axes sets the count on the request when it records a failure."""
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None:
        return None
    left = get_failure_limit(request, {"username": username}) - failures
    return left if 0 < left <= 2 else None


def lockout_minutes():
    """How long a username stays locked on an address."""
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def address_window_minutes():
    """How long an address that has failed too often must go without a failure."""
    return int(settings.SIGN_IN_ADDRESS_WINDOW.total_seconds() // 60)
