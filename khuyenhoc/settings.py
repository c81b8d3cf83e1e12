"""Settings for Khuyến Học: one module, driven by the environment (see .env.example)."""

import os
from pathlib import Path
from typing import NoReturn

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("KHUYENHOC_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable ("1", "true", "yes" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable, without blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    """Read a whole-number environment variable; anything else stops the start with its name."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"Biến môi trường {name} phải là một số nguyên, không phải {value!r}."
        ) from None


def refuse(message: str) -> NoReturn:
    """Stop the start: a production setting is missing (see .env.example and docs/deploy.md)."""
    raise ImproperlyConfigured(f"{message} Xem .env.example và docs/deploy.md.")


DEBUG = env_bool("DEBUG", False)
# A developer's machine (`make run`, the tests): the repository's key and localhost are enough. Anywhere
# else DEBUG is off and KHUYENHOC_DEV unset, so the server refuses to start without its own key and hosts.
LOCAL_SECRET_KEY = "khuyenhoc-local-only-not-secret"  # noqa: S105  (refused in production, below)
DEVELOPMENT = DEBUG or env_bool("KHUYENHOC_DEV", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip() or (LOCAL_SECRET_KEY if DEVELOPMENT else "")
if not DEVELOPMENT and SECRET_KEY in {"", LOCAL_SECRET_KEY}:
    refuse(
        "Chưa đặt SECRET_KEY (SECRET_KEY is not set): khi DEBUG tắt, máy chủ cần một khoá bí mật "
        "riêng, dài và ngẫu nhiên; khoá mẫu của kho mã chỉ dùng trên máy phát triển (KHUYENHOC_DEV=1)."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEVELOPMENT else "")
if not ALLOWED_HOSTS and not DEBUG:
    refuse(
        "Chưa đặt ALLOWED_HOSTS (ALLOWED_HOSTS is not set): khi DEBUG tắt, hãy liệt kê các tên miền "
        "của máy chủ, cách nhau bằng dấu phẩy."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "csp",
    "django_htmx",
    "ninja",  # the API docs page from the package's own static files (no CDN, no inline script)
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
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in user's pages are never kept by the browser or a proxy (Cache-Control: no-store).
    "khuyenhoc.core.middleware.NoStoreForSignedInMiddleware",
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
        conn_max_age=env_int("CONN_MAX_AGE", 60),
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
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_IP_FAILURE_LIMIT = env_int("AXES_IP_FAILURE_LIMIT", 20)
AXES_USERNAME_FAILURE_LIMIT = env_int("AXES_USERNAME_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
AXES_HANDLER = "khuyenhoc.accounts.throttle.LoginThrottleHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_LOCKOUT_CALLABLE = "khuyenhoc.accounts.throttle.lockout_response"
# The client's address: REMOTE_ADDR, or behind N reverse proxies that append to X-Forwarded-For (nginx's
# $proxy_add_x_forwarded_for), the address the outermost one saw. 0: no proxy, the header is ignored.
AXES_IPWARE_PROXY_COUNT = env_int("AXES_IPWARE_PROXY_COUNT", 0)
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
# Amounts in words on receipts and vouchers (funds/words.py), one spelling each: "linh" or "lẻ" before a
# lone units digit (1.005 "một nghìn không trăm linh năm"), "nghìn" or "ngàn", and "tư" or "bốn" for a
# 4 after twenty and above (24 "hai mươi tư"; 14 stays "mười bốn").
AMOUNT_WORDS = {"linh": "linh", "nghin": "nghìn", "tu": "tư"}

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

# HTTPS and cookies (deploy/production.env.example turns on what needs HTTPS; the defaults suit
# `make run` on http://127.0.0.1).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_REFERRER_POLICY = os.environ.get("SECURE_REFERRER_POLICY", "").strip() or "same-origin"
# Behind a reverse proxy that terminates TLS: the header it sets and its value for HTTPS requests,
# "HTTP_X_FORWARDED_PROTO,https". Set it only when the proxy always overwrites that header.
_proxy_header = env_list("SECURE_PROXY_SSL_HEADER")
if _proxy_header and len(_proxy_header) != 2:
    refuse(
        "SECURE_PROXY_SSL_HEADER phải có dạng TÊN_HEADER,giá_trị, ví dụ HTTP_X_FORWARDED_PROTO,https."
    )
SECURE_PROXY_SSL_HEADER = (_proxy_header[0], _proxy_header[1]) if _proxy_header else None
# A working day: a session left open on a shared office computer ends by itself.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)

# Content Security Policy (django-csp): only this site's own scripts, styles and frames, no inline
# code — every script and style is a static file (static/js, static/css); QR codes are inline SVG.
_csp_report_uri = os.environ.get("CSP_REPORT_URI", "").strip()
_csp = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **({"report-uri": [_csp_report_uri]} if _csp_report_uri else {}),
    }
}
# CSP_REPORT_ONLY=true reports violations without blocking (to try a change of policy on a live site).
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _csp
else:
    CONTENT_SECURITY_POLICY = _csp

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
