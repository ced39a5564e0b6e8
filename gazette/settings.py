"""Gazette settings: every value is read once, here, from the environment.

Each setting is one line with its default; `.env.example` and
`docs/configuration.md` list them all.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def envstr(name: str, default: str) -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name}={value!r} is not a boolean: use true or false")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a whole number") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]


# --- Core -----------------------------------------------------------------
DEBUG = envbool("DEBUG", False)
SECRET_KEY = envstr("SECRET_KEY", "dev-only-insecure-key-set-SECRET_KEY-in-production")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_NAME = envstr("SITE_NAME", "Gazette")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_CONTACT_URL = envstr("SITE_CONTACT_URL", SITE_URL + "/about/")
# Seconds a public page stays in the in-process page cache (0 turns it off); see site.pagecache.
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 60)

# --- HTTPS and security headers (on unless HTTPS=false, e.g. the local demo) ---
HTTPS = envbool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", HTTPS)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", False) else None
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts and styles from our own origin only, never
# inline; a template that needs an inline element gives it `nonce="{{ request.csp_nonce }}"`
# (NONCE below puts that request's nonce in the header). Public pages use none, so a page
# the page cache replays needs none. Article images come from the outlets (https:, and http:
# on a plain-HTTP demo); a lead image may be a data: URI.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", "https:", *([] if HTTPS else ["http:"])],
        "connect-src": [SELF],
        "font-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# Permissions-Policy (gazette.site.middleware): browser features no page uses, off for the
# page and anything it embeds. Sharing (web-share, clipboard-write) keeps its default, self.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
        "encrypted-media", "fullscreen", "geolocation", "gyroscope", "hid", "idle-detection",
        "interest-cohort", "magnetometer", "microphone", "midi", "payment",
        "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
        "xr-spatial-tracking",
    )
}  # fmt: skip

# --- Applications ------------------------------------------------------------
# The demo app (`make demo`: its rundemo and serve_outlets commands) is installed only when the
# demo runs, never in production.
DEMO = envbool("DEMO", False)
INSTALLED_APPS = [
    "gazette.desk.apps.DeskAdminConfig",  # Django's admin, with the desk as its site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",  # desk login throttling (section "Desk logins" below)
    "ninja",  # the public API (gazette.api): its Swagger UI templates and static files
    "django_prose_editor",  # the desk's rich-text editor: its JS and CSS from our static files
    "django_tasks",
    "django_tasks_db",
    # Lowest layer first (docs/architecture.md; the import-linter contract in pyproject.toml).
    "gazette.sources",
    "gazette.articles",
    "gazette.ingest",
    "gazette.translation",
    "gazette.discovery",
    "gazette.comments",
    "gazette.subscriptions",
    "gazette.newsroom",
    "gazette.site",
    "gazette.desk",
    "gazette.api",
    *(["gazette.demo"] if DEMO else []),
]

MIDDLEWARE = [
    # First, so that every response (redirects, refused hosts, errors) carries both policies.
    "gazette.site.middleware.PermissionsPolicyMiddleware",
    "gazette.site.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files: its own precompressed copies
    # Pages and feeds compressed for clients that accept gzip (with Vary: Accept-Encoding,
    # which the page cache keys on); Django's adds random bytes against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gazette.urls"
WSGI_APPLICATION = "gazette.wsgi.application"

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
                "gazette.site.context_processors.site",
            ],
        },
    },
]

# --- Data --------------------------------------------------------------------
DATA_DIR = Path(envstr("DATA_DIR", str(BASE_DIR / "var")))
DATABASE_URL = envstr("DATABASE_URL", f"sqlite:///{DATA_DIR / 'gazette.sqlite3'}")
DATABASES: dict[str, Any] = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server read while the worker writes; the wait covers short write bursts.
    # Connections persist (CONN_MAX_AGE above) as on PostgreSQL: opening one per request or
    # task cost about 2 ms of CPU on every uncached page (bench-web), and closing the last one
    # makes SQLite fold its write-ahead log back into the database file each time.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    if test_name := envstr("SQLITE_TEST_NAME", ""):
        DATABASES["default"]["TEST"] = {"NAME": test_name}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = envstr("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background work ----------------------------------------------------------
TASKS_BACKEND = envstr("TASKS_BACKEND", "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ValueError(f"TASKS_BACKEND={TASKS_BACKEND!r}: use one of {', '.join(_TASK_BACKENDS)}")
TASK_QUEUES = ["default"]
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": TASK_QUEUES}}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {name: {"URL": REDIS_URL or "redis://127.0.0.1:6379/0"} for name in TASK_QUEUES}

# --- Ingestion -----------------------------------------------------------------
FETCH_USER_AGENT = envstr("FETCH_USER_AGENT", f"GazetteBot/0.1 (+{SITE_CONTACT_URL}; {SITE_NAME})")
FETCH_TIMEOUT = float(envstr("FETCH_TIMEOUT", "10"))
# Total seconds one fetch may take (connect, redirects, body), however the bytes trickle in.
FETCH_DEADLINE = float(envstr("FETCH_DEADLINE", "30"))
FETCH_MAX_BYTES = envint("FETCH_MAX_BYTES", 5 * 1024 * 1024)
FETCH_MAX_REDIRECTS = envint("FETCH_MAX_REDIRECTS", 5)
FETCH_ALLOW_PRIVATE = envbool("FETCH_ALLOW_PRIVATE", False)
FETCH_OBEY_ROBOTS = envbool("FETCH_OBEY_ROBOTS", True)
FETCH_HOST_DELAY = float(envstr("FETCH_HOST_DELAY", "1.0"))
FETCH_HOST_CONCURRENCY = envint("FETCH_HOST_CONCURRENCY", 2)
POLL_INTERVAL_DEFAULT = envint("POLL_INTERVAL_DEFAULT", 900)
RETRY_BASE_SECONDS = envint("RETRY_BASE_SECONDS", 60)
RETRY_MAX_SECONDS = envint("RETRY_MAX_SECONDS", 6 * 3600)
MAX_ATTEMPTS = envint("MAX_ATTEMPTS", 6)
SCHEDULER_INTERVAL = float(envstr("SCHEDULER_INTERVAL", "5"))
# /readyz answers 503 when no scheduler has ticked for 5 intervals (at least a minute).
READY_CHECKS_SCHEDULER = envbool("READY_CHECKS_SCHEDULER", True)
# At-least-once: a worker (`manage.py run_worker`) beats every TASK_HEARTBEAT_SECONDS; a task
# whose worker has not beaten for TASK_LEASE_SECONDS is queued again by the scheduler, which
# also queues again any entry or article left unfinished for REAP_AFTER_SECONDS.
TASK_HEARTBEAT_SECONDS = float(envstr("TASK_HEARTBEAT_SECONDS", "10"))
TASK_LEASE_SECONDS = float(envstr("TASK_LEASE_SECONDS", "60"))
REAP_AFTER_SECONDS = float(envstr("REAP_AFTER_SECONDS", "300"))
SITEMAP_MAX_CHILDREN = envint("SITEMAP_MAX_CHILDREN", 10)
FETCH_BATCH_SIZE = envint("FETCH_BATCH_SIZE", 10)
LISTING_MAX_ITEMS = envint("LISTING_MAX_ITEMS", 500)

# --- Translation (docs/configuration.md, section Translation) ----------------------------
# Engines per language pair, tried in order: "de-en=ctranslate2,libretranslate;*-en=deepl".
TRANSLATION_ENGINES = envstr("TRANSLATION_ENGINES", "none")
TRANSLATION_MODEL_DIR = Path(envstr("TRANSLATION_MODEL_DIR", str(DATA_DIR / "models")))
TRANSLATION_LANGUAGES = envlist("TRANSLATION_LANGUAGES", "en,de,fr,it,es,nl,pl,cs,uk")
TRANSLATION_DAILY_BUDGET = envint("TRANSLATION_DAILY_BUDGET", 500_000)
TRANSLATION_TIMEOUT = float(envstr("TRANSLATION_TIMEOUT", "30"))
TRANSLATION_RETRIES = envint("TRANSLATION_RETRIES", 3)
TRANSLATION_RETRY_SECONDS = float(envstr("TRANSLATION_RETRY_SECONDS", "2"))
TRANSLATION_THREADS = envint("TRANSLATION_THREADS", 2)
TRANSLATION_MAX_TOKENS = envint("TRANSLATION_MAX_TOKENS", 512)
# The Argos package index installs read (`manage.py install_translation_model NAME`, the desk's
# Engines page), and the most a package may weigh downloaded and unpacked.
TRANSLATION_PACKAGE_INDEX_URL = envstr(
    "TRANSLATION_PACKAGE_INDEX_URL",
    "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json",
)
TRANSLATION_PACKAGE_MAX_BYTES = envint("TRANSLATION_PACKAGE_MAX_BYTES", 1_000_000_000)
LIBRETRANSLATE_URL = envstr("LIBRETRANSLATE_URL", "")
LIBRETRANSLATE_API_KEY = envstr("LIBRETRANSLATE_API_KEY", "")
DEEPL_API_KEY = envstr("DEEPL_API_KEY", "")
DEEPL_API_URL = envstr("DEEPL_API_URL", "")
OPENAI_TRANSLATION_URL = envstr("OPENAI_TRANSLATION_URL", "")
OPENAI_TRANSLATION_API_KEY = envstr("OPENAI_TRANSLATION_API_KEY", "")
OPENAI_TRANSLATION_MODEL = envstr("OPENAI_TRANSLATION_MODEL", "")

# --- Discovery: stories, related, popular, search ----------------------------------
DISCOVERY_EMBEDDINGS = envstr("DISCOVERY_EMBEDDINGS", "auto")  # auto | lexical | local | openai
DISCOVERY_EMBEDDINGS_URL = envstr("DISCOVERY_EMBEDDINGS_URL", "")
DISCOVERY_EMBEDDINGS_MODEL = envstr("DISCOVERY_EMBEDDINGS_MODEL", "text-embedding-3-small")
DISCOVERY_EMBEDDINGS_API_KEY = envstr("DISCOVERY_EMBEDDINGS_API_KEY", "")
DISCOVERY_STORY_WINDOW_HOURS = envint("DISCOVERY_STORY_WINDOW_HOURS", 72)
# Empty: the embedding backend's trained value (gazette/discovery/embeddings/trained.json).
DISCOVERY_STORY_THRESHOLD = envstr("DISCOVERY_STORY_THRESHOLD", "")
DISCOVERY_STORY_MERGE_THRESHOLD = envstr("DISCOVERY_STORY_MERGE_THRESHOLD", "")
DISCOVERY_RELATED_WINDOW_DAYS = envint("DISCOVERY_RELATED_WINDOW_DAYS", 30)
DISCOVERY_RELATED_MIN_SIMILARITY = envstr("DISCOVERY_RELATED_MIN_SIMILARITY", "")
# Beacons counted per minute from one address (an IPv6 /64); beyond it none count.
DISCOVERY_BEACONS_PER_MINUTE = envint("DISCOVERY_BEACONS_PER_MINUTE", 30)

# --- Public API (gazette.api, docs/configuration.md, section "Public API") ---
API_REQUESTS_PER_MINUTE = envint("API_REQUESTS_PER_MINUTE", 120)

# --- Outgoing mail (gazette.lib.mail; docs/configuration.md, section "Mail") ---------------
# The console by default (the demo prints mail); smtp with EMAIL_HOST for a real server.
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}.get(envstr("EMAIL_BACKEND", "console"), envstr("EMAIL_BACKEND", "console"))
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <news@localhost>")
DKIM_DOMAIN = envstr("DKIM_DOMAIN", "")
DKIM_SELECTOR = envstr("DKIM_SELECTOR", "")
DKIM_PRIVATE_KEY_FILE = envstr("DKIM_PRIVATE_KEY_FILE", "")

# --- Comments (gazette.comments; docs/configuration.md, section "Comments") -------------------
COMMENTS_MODERATION = envstr("COMMENTS_MODERATION", "first_timers")  # all | first_timers | none
COMMENTS_CLOSE_AFTER_DAYS = envint("COMMENTS_CLOSE_AFTER_DAYS", 14)
COMMENTS_MAX_DEPTH = envint("COMMENTS_MAX_DEPTH", 3)
COMMENTS_MAX_LENGTH = envint("COMMENTS_MAX_LENGTH", 5000)
COMMENTS_MAX_LINKS = envint("COMMENTS_MAX_LINKS", 2)
COMMENTS_BLOCKED_TERMS = envlist("COMMENTS_BLOCKED_TERMS", "")
COMMENTS_MIN_SECONDS = envint("COMMENTS_MIN_SECONDS", 3)
COMMENTS_EDIT_MINUTES = envint("COMMENTS_EDIT_MINUTES", 15)
COMMENTS_PER_IP_PER_HOUR = envint("COMMENTS_PER_IP_PER_HOUR", 20)
COMMENTS_PER_ADDRESS_PER_HOUR = envint("COMMENTS_PER_ADDRESS_PER_HOUR", 10)
AKISMET_URL = envstr("AKISMET_URL", "")  # an Akismet-compatible comment-check endpoint
AKISMET_API_KEY = envstr("AKISMET_API_KEY", "")
# Requests per minute of one API key (a key may set its own in the desk).
API_KEY_REQUESTS_PER_MINUTE = envint("API_KEY_REQUESTS_PER_MINUTE", 1200)
# Where the limit counts: "database" (an atomic upsert, shared by every worker) or "cache"
# (Django's cache: shared only with REDIS_URL, the default then). Empty: that default.
API_RATE_LIMIT_STORE = envstr("API_RATE_LIMIT_STORE", "") or ("cache" if REDIS_URL else "database")
if API_RATE_LIMIT_STORE not in ("database", "cache"):
    raise ValueError(f"API_RATE_LIMIT_STORE={API_RATE_LIMIT_STORE!r}: use database or cache")

# --- The newsletter (docs/configuration.md, section Newsletter) ---------------------
# The newsletter: messages per SMTP connection and claimed batch; a sign-up form sent back
# sooner than NEWSLETTER_MIN_SECONDS after it was shown was not filled in by a person; sign-ups
# per client address per hour.
NEWSLETTER_BATCH_SIZE = envint("NEWSLETTER_BATCH_SIZE", 100)
NEWSLETTER_CONNECTIONS = envint("NEWSLETTER_CONNECTIONS", 2)  # SMTP connections a sender opens
NEWSLETTER_MIN_SECONDS = envint("NEWSLETTER_MIN_SECONDS", 3)
NEWSLETTER_SIGNUPS_PER_HOUR = envint("NEWSLETTER_SIGNUPS_PER_HOUR", 5)
# A reader whose copy would hold fewer stories is skipped this time (a thin digest is not sent).
NEWSLETTER_MIN_STORIES = envint("NEWSLETTER_MIN_STORIES", 3)
# A mailbox for List-Unsubscribe's mailto: (read by `process_bounces`); empty: https only.
NEWSLETTER_UNSUBSCRIBE_ADDRESS = envstr("NEWSLETTER_UNSUBSCRIBE_ADDRESS", "")
# Optional self-hosted proof of work on the sign-up form: leading zero bits of SHA-256 the
# browser must find (0: off, and the form works without JavaScript).
NEWSLETTER_POW_BITS = envint("NEWSLETTER_POW_BITS", 0)

# --- Language and time -------------------------------------------------------------
LANGUAGE_CODE = envstr("SITE_LANGUAGE", "en")
# The language every page is in and every article is translated into, as a base code ("en"):
# the one place it is derived, for the pipeline, the translation checks and the pages.
SITE_LANGUAGE = LANGUAGE_CODE.split("-")[0].lower()
# The languages a reader may choose for the newsletter's own words (headings, dates, footer);
# the site's language always among them. Stories are in the site's language (docs/newsletter.md).
NEWSLETTER_LANGUAGES = list(
    dict.fromkeys([SITE_LANGUAGE, *envlist("NEWSLETTER_LANGUAGES", SITE_LANGUAGE)])
)
TIME_ZONE = envstr("TIME_ZONE", "Europe/Vienna")
USE_I18N = True
USE_TZ = True

# --- Static files --------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Lead images the pipeline fetched and re-encoded (gazette/ingest/images.py), served at
# MEDIA_URL by the site with year-long cache headers (names change with the content).
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "/media/"
IMAGE_MAX_BYTES = envint("IMAGE_MAX_BYTES", 8 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Desk logins and client addresses (docs/configuration.md, section Desk logins) -------
# Reverse proxies in front of Gazette, each appending the address it saw to X-Forwarded-For;
# 0 unless BEHIND_PROXY, so a client's own X-Forwarded-For is never believed.
BEHIND_PROXY = envbool("BEHIND_PROXY", False)
PROXY_COUNT = max(envint("PROXY_COUNT", 1), 0) if BEHIND_PROXY else 0
# django-axes: LOGIN_FAILURE_LIMIT wrong passwords for one user from one address lock that
# user out from that address (only: an attacker cannot lock an editor out from elsewhere) for
# LOGIN_COOLOFF_MINUTES, renewed by each try while locked; a successful login resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before the rest
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gazette.desk.login.lockout_response"  # templates/desk/lockout.html
# The failures live in the database on one machine, in Redis (shared by every web process and
# machine) when REDIS_URL is set; axes refuses the cache handler on a per-process cache.
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if REDIS_URL
    else "axes.handlers.database.AxesDatabaseHandler"
)
# The client's address, resolved as the view beacon resolves it (discovery.popular).
AXES_CLIENT_IP_CALLABLE = "gazette.desk.login.client_ip"
if BEHIND_PROXY:
    # The same in axes' own names, which only django-ipware reads; Gazette does not install
    # it (without it axes would see the proxy's address), so the callable above decides.
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per outgoing request or finished task drowns the signal at INFO.
        "httpx": {"level": "WARNING"},
        "django_tasks": {"level": envstr("TASKS_LOG_LEVEL", "WARNING")},
        # Failed logins and lockouts are WARNINGs; INFO repeats every attempt and start-up.
        "axes": {"level": "WARNING"},
    },
}
