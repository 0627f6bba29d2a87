"""Service-wide middleware: a request ID for every log line, and the Content Security Policy."""

import re
import uuid

from django.conf import settings
from django.core.exceptions import BadRequest

from .log import request_id_var

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIDMiddleware:
    """Give each request an ID (a proxy's X-Request-ID if it looks safe) and echo it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.id
        return response


class ContentSecurityPolicyMiddleware:
    """Only the app's own scripts, styles, images and fonts; no framing, no plug-ins."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.policy)
        return response


class RejectNullCharactersMiddleware:
    """A NUL character in a query or form is never meant (PostgreSQL cannot even store it): 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in query or "%00" in query:
            raise BadRequest("The address holds a NUL character.")
        if request.method == "POST" and any("\x00" in value for _, values in request.POST.lists() for value in values):
            raise BadRequest("The form holds a NUL character.")
        return self.get_response(request)
