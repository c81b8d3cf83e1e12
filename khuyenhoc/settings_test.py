"""Test settings: the real settings with a fast password hasher and no lock-outs between tests."""

import os

# A developer's machine: the repository's local key and localhost hosts (settings.py refuses them
# otherwise). Set in the environment, so the `khuyenhoc` processes that tests start inherit it.
os.environ.setdefault("KHUYENHOC_DEV", "1")

from khuyenhoc.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; prod uses argon2
AXES_FAILURE_LIMIT = 3
AXES_IP_FAILURE_LIMIT = 8
AXES_USERNAME_FAILURE_LIMIT = 5
# Background imports run inline in tests (the database worker is exercised by test_worker).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
