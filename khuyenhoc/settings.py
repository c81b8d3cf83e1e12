"""Settings for Khuyến Học: one module, driven by the environment (see .env.example)."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("KHUYENHOC_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable ("1", "true", "yes" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "khuyenhoc-local-only-not-secret")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "template_partials",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "khuyenhoc.core",
    "khuyenhoc.bulk",
    "khuyenhoc.places",
    "khuyenhoc.orgs",
    "khuyenhoc.accounts",
    "khuyenhoc.people",
    "khuyenhoc.titles",
    "khuyenhoc.funds",
    "khuyenhoc.programmes",
    "khuyenhoc.reports",
    "khuyenhoc.demo",
]

MIDDLEWARE = [
    "khuyenhoc.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any view: a control character (NUL) in a request is a 400, never a database error.
    "khuyenhoc.core.input_guard.ControlCharacterMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "khuyenhoc.core.middleware.ScopeMiddleware",
    # Axes must be last: it turns throttled logins into a lock-out response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "khuyenhoc.urls"
WSGI_APPLICATION = "khuyenhoc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]

# Widgets render through the project's templates too (core/widgets/...).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# DATABASE_URL selects the database (sqlite:///PATH or postgres://...); the embedded default is SQLite in var/.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'khuyenhoc.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers proceed while a writer commits; IMMEDIATE avoids upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs (large imports): rows in the database, run by `khuyenhoc db_worker` (make run starts it).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Large imports are parsed by a second process while the first writes (bulk/parallel.py).
IMPORT_PARSE_PROCESS = env_bool("IMPORT_PARSE_PROCESS", True)
# A running import whose worker has not renewed its lease for this many seconds is taken for dead
# (killed, machine down): shown as stopped, with a button to run it again (bulk/jobs.py).
IMPORT_LEASE_SECONDS = float(os.environ.get("IMPORT_LEASE_SECONDS", "90"))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes, accounts/throttle.py): three counters, each with its own limit, lock
# out for 15 minutes. Per user name and address: 5 (someone mistyping their own password). Per address
# across user names: 20 (one password tried on many guessable CCCDs). Per user name across addresses:
# 10 (one account attacked from many addresses). The last one lets an attacker who knows a user name
# lock its owner out for the cool-off; we accept that: it is twice the first limit (a user's own
# mistakes lock only their address), the lock ends by itself, and a citizen may trade the CCCD for a
# user name nobody can guess. 0 turns the address or the user-name counter off.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_IP_FAILURE_LIMIT = int(os.environ.get("AXES_IP_FAILURE_LIMIT", "20"))
AXES_USERNAME_FAILURE_LIMIT = int(os.environ.get("AXES_USERNAME_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
AXES_HANDLER = "khuyenhoc.accounts.throttle.LoginThrottleHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_LOCKOUT_CALLABLE = "khuyenhoc.accounts.throttle.lockout_response"
# The client's address: REMOTE_ADDR, or behind N reverse proxies that append to X-Forwarded-For (nginx's
# $proxy_add_x_forwarded_for), the address the outermost one saw. 0: no proxy, the header is ignored.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "khuyenhoc.accounts.throttle.client_ip"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# DejaVu Serif (free, full Vietnamese) for the PDF decisions and certificates, pinned in package.json.
PDF_FONT_DIR = PROJECT_DIR / "node_modules" / "dejavu-fonts-ttf" / "ttf"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["khuyenhoc.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(
    parents=True, exist_ok=True
)  # WhiteNoise serves from finders; it only needs the folder
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/htmx", PROJECT_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/chartjs", PROJECT_DIR / "node_modules" / "chart.js" / "dist"),
]
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Each line names its request (core.logs); a refusal (403) is one line, a server error keeps its traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "khuyenhoc.core.logs.RequestIdFilter"},
        "refusals": {"()": "khuyenhoc.core.logs.OneLineRefusals"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        },
    },
    "loggers": {"django.request": {"filters": ["refusals"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
