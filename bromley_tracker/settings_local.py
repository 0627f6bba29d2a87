"""Settings for `make run`: the product on your own machine, as people meet it.

Debug is off, so a wrong address gets the product's own "Page not found" page, as in production. It
serves plain HTTP on localhost only. The secret key is generated on first use into the git-ignored file
.secret_key (or SECRET_KEY_FILE) and read from there afterwards, so sign-ins survive a restart. WhiteNoise
serves the static files straight from static/build: there is nothing to collect, so nothing goes stale.
"""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

KEY_FILE = Path(os.environ.get("SECRET_KEY_FILE") or Path(__file__).resolve().parent.parent / ".secret_key")


def local_secret_key(path):
    """The key kept in `path`, first written there (readable by its owner only) if there is none."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text().strip()
        if not key:
            raise ImproperlyConfigured(f"{path} is empty: delete it and a new secret key is generated.") from None
        return key
    key = secrets.token_urlsafe(50)
    with os.fdopen(fd, "w") as file:
        file.write(key + "\n")
    return key


# Set before the real settings read them, whatever the shell exports.
os.environ["DEBUG"] = "0"
os.environ["HTTPS_ONLY"] = "0"
os.environ["SECRET_KEY"] = local_secret_key(KEY_FILE)

from .settings import *  # noqa: E402,F403

ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
STORAGES = {  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
