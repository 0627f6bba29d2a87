"""Test settings: the real settings with fast password hashing and a fixed key."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
# The test client speaks plain HTTP.
os.environ.setdefault("HTTPS_ONLY", "0")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests serve static files from the finders; nothing is collected.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
