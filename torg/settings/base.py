"""Torg settings shared by every environment.

This module is the environment schema: every knob an operator can turn is read
here from an environment variable with a safe default. No logic beyond that.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "torg"

env = environ.Env()

# --- Core -------------------------------------------------------------------
SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "torg.web.views.csrf_failure"
VAR_DIR = Path(env("TORG_VAR_DIR", default=str(BASE_DIR / "var")))

# Public base URL, used in e-mails, feeds, sitemaps and JSON-LD.
WAGTAILADMIN_BASE_URL = env("TORG_BASE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Torg
    "torg.core",
    "torg.pagecache",
    "torg.web",
    "torg.klarsprak",
    "torg.brevmalar",
    "torg.textfeedback",
    "torg.notifications",
    "torg.places",
    "torg.subscriptions",
    "torg.inquiries",
    "torg.open311",
    "torg.alerts",
    "torg.innsyn",
    "torg.minsak",
    "torg.demo",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",  # modelsearch's app config for Wagtail; never list "modelsearch" too
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Security and tasks
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "torg.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "torg.core.middleware.MunicipalityLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "torg.core.middleware.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "torg.urls"
WSGI_APPLICATION = "torg.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "torg.core.context_processors.municipality",
                "torg.alerts.context_processors.crisis",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# SQLite by default (WAL + IMMEDIATE transactions so the web server and the
# workers can share it); PostgreSQL by DATABASE_URL.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASE_URL = env("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'torg.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env.int("DB_CONN_MAX_AGE", default=60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------
# Local files by default (shared by every process on one host); Redis by
# REDIS_URL for several hosts.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    _cache_backend = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}
    CACHES = {
        "default": {**_cache_backend, "KEY_PREFIX": "torg"},
        "pagecache": {**_cache_backend, "KEY_PREFIX": "torg-page", "TIMEOUT": 3600},
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "default"),
        },
        "pagecache": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "pages"),
            "TIMEOUT": 3600,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
        # Wagtail looks up (and re-stores) an image rendition on every {% image %}; in
        # files that is a disk write per page view. Renditions do not change once made,
        # so each process keeps its own for a while.
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
            "TIMEOUT": 600,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }

# Anonymous page cache (torg.pagecache): seconds a rendered page is kept.
TORG_PAGE_CACHE_SECONDS = env.int("TORG_PAGE_CACHE_SECONDS", default=3600)
TORG_PAGE_CACHE_ENABLED = env.bool("TORG_PAGE_CACHE_ENABLED", default=True)

# --- Tasks ------------------------------------------------------------------
# The database backend by default (a `db_worker` process); Redis/RQ by setting.
TASK_BACKEND = env("TORG_TASK_BACKEND", default="django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASK_BACKEND}}
if TASK_BACKEND == "django_tasks_rq.RQBackend":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0"}}

# --- Auth -------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# Staff must confirm a TOTP code before they reach the back office.
TORG_STAFF_SECOND_FACTOR = env.bool("TORG_STAFF_SECOND_FACTOR", default=True)
OTP_TOTP_ISSUER = env("TORG_TOTP_ISSUER", default="Torg")
# Login throttling (django-axes): lock a username+client after N failures.
AXES_FAILURE_LIMIT = env.int("TORG_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("TORG_LOGIN_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- Language ---------------------------------------------------------------
# The municipality's language form (språklova § 11): "nn" or "nb".
LANGUAGE_CODE = env("TORG_LANGUAGE", default="nn")
LANGUAGES = [("nn", "Norsk nynorsk"), ("nb", "Norsk bokmål"), ("en", "English")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Serve uploaded images and documents from Django (one machine, no proxy in
# front). Production turns this off and lets the proxy serve MEDIA_ROOT.
TORG_SERVE_MEDIA = env.bool("TORG_SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

# --- E-mail -----------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="127.0.0.1")
EMAIL_PORT = env.int("EMAIL_PORT", default=1025)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Torg <noreply@torg.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = env("TORG_SITE_NAME", default="Torg")
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": env("TORG_SEARCH_BACKEND", default="modelsearch.backends.database")},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "csv", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: nothing is fetched from outside at run time.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"

# Service pages not reviewed within this many days are stale: their owner is
# reminded and the editor sees them in the report.
TORG_REVIEW_PERIOD_DAYS = env.int("TORG_REVIEW_PERIOD_DAYS", default=180)

# --- Security headers -------------------------------------------------------
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy. The public site runs no script and no inline style;
# the back office (Wagtail) and the account pages need inline script and style.
TORG_CSP = env(
    "TORG_CSP",
    default=(
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
    ),
)
TORG_CSP_BACK_OFFICE = env(
    "TORG_CSP_BACK_OFFICE",
    default=(
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'; font-src 'self' data:; connect-src 'self'; "
        "frame-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'"
    ),
)

# --- Klarspråk (torg.klarsprak) ---------------------------------------------
# Thresholds of the clear-language checker and the municipality's own word
# lists. The kommunikasjonssjef extends the lists in the back office
# (Settings → Klarspråk); those entries win over these.
# Lists from the environment: "word=alternative,word=alternative".
TORG_KLARSPRAK = {
    # A sentence with more words than this is long.
    "LONG_SENTENCE_WORDS": env.int("TORG_KLARSPRAK_LONG_SENTENCE_WORDS", default=25),
    # A word with at least this many letters is long.
    "LONG_WORD_LETTERS": env.int("TORG_KLARSPRAK_LONG_WORD_LETTERS", default=18),
    # LIX above this: the text is hard to read, and publishing asks for a confirmation.
    "LIX_LIMIT": env.float("TORG_KLARSPRAK_LIX_LIMIT", default=50.0),
    # Nynorsk infinitive in suggestions: "a" (vera, gjera) or "e" (vere, gjere).
    "INFINITIVE": env("TORG_KLARSPRAK_INFINITIVE", default="a"),
    "OFFICIALESE": env.dict("TORG_KLARSPRAK_OFFICIALESE", default={}),
    "JARGON": env.dict("TORG_KLARSPRAK_JARGON", default={}),
    # The API, the checking page and the command: longest text and largest file.
    "MAX_CHARACTERS": env.int("TORG_KLARSPRAK_MAX_CHARACTERS", default=200_000),
    "MAX_FILE_BYTES": env.int("TORG_KLARSPRAK_MAX_FILE_BYTES", default=10 * 1024 * 1024),
    # POST /api/klarsprak/: requests per minute per signed-in user or API key.
    "API_REQUESTS_PER_MINUTE": env.int("TORG_KLARSPRAK_API_REQUESTS_PER_MINUTE", default=60),
    # The report "Klarspråk i publiserte tekstar" checks at most this many pages per view.
    "REPORT_MAX_PAGES": env.int("TORG_KLARSPRAK_REPORT_MAX_PAGES", default=300),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Periodic tasks (task import path -> seconds between runs), enqueued by
# `manage.py torg_scheduler` (started by `make run`).
TORG_PERIODIC_TASKS: dict[str, int] = {
    "torg.web.tasks.publish_scheduled_pages": 60,
    "torg.web.tasks.remind_stale_service_pages": 24 * 3600,
    "torg.textfeedback.tasks.delete_old_text_feedback_comments": 24 * 3600,
    "torg.notifications.tasks.send_due_notifications": 60,
    "torg.notifications.tasks.sweep_deliveries": 30,
    "torg.notifications.tasks.delete_old_deliveries": 24 * 3600,
    "torg.inquiries.tasks.remind_and_escalate": 15 * 60,
    "torg.inquiries.tasks.anonymise_old_inquiries": 24 * 3600,
    "torg.innsyn.tasks.escalate_overdue_access_requests": 15 * 60,
}
# Residents' comments on "Forstod du teksten?" are blanked after this many days.
TORG_TEXT_FEEDBACK_KEEP_DAYS = env.int("TORG_TEXT_FEEDBACK_KEEP_DAYS", default=365)
# A stale page's owner is reminded again after this many days.
TORG_REVIEW_REMINDER_REPEAT_DAYS = env.int("TORG_REVIEW_REMINDER_REPEAT_DAYS", default=14)

# --- Servicetorget ------------------------------------------------------------
# Files residents attach: outside MEDIA_ROOT, served only to those allowed.
TORG_PRIVATE_MEDIA_ROOT = Path(env("TORG_PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
# Answer routine when neither the area nor the municipality has set one (working days per type).
TORG_INQUIRY_ROUTINE_DEFAULTS: dict[str, int] = {"sporsmal": 5, "tilbakemelding": 10, "klage": 15, "feilmelding": 3}
TORG_INQUIRY_MAX_FILE_BYTES = env.int("TORG_INQUIRY_MAX_FILE_BYTES", default=10 * 1024 * 1024)
TORG_INQUIRY_MAX_FILES = env.int("TORG_INQUIRY_MAX_FILES", default=5)
# Leaders are reminded when an open inquiry is due within this many working days (0: on the day).
TORG_INQUIRY_REMIND_WORKING_DAYS = env.int("TORG_INQUIRY_REMIND_WORKING_DAYS", default=1)
# Contact details and texts of closed inquiries are deleted after this many days.
TORG_INQUIRY_KEEP_DAYS = env.int("TORG_INQUIRY_KEEP_DAYS", default=365)
# Submissions per client (IP address) per hour on the public form and the Open311 API.
# (per Open311 app for the API; 0 turns the limit off).
TORG_INQUIRY_RATE_LIMIT_PER_HOUR = env.int("TORG_INQUIRY_RATE_LIMIT_PER_HOUR", default=20)
# Proxies whose X-Forwarded-For is trusted for the client address (rate limits).
TORG_TRUSTED_PROXIES = env.list("TORG_TRUSTED_PROXIES", default=[])
# The map on the inquiry form: south, west, north, east (WGS84).
TORG_MAP_BOUNDS = tuple(env.list("TORG_MAP_BOUNDS", cast=float, default=[60.30, 5.20, 60.50, 5.60]))
# Inbound e-mail: the address residents reply to (Reply-To on mail to them), and the
# provider's webhook credentials ("user:password" for its basic auth) for /anymail/<esp>/inbound/.
TORG_INQUIRY_INBOUND_EMAIL = env("TORG_INQUIRY_INBOUND_EMAIL", default="")
ANYMAIL = {"WEBHOOK_SECRET": env.list("ANYMAIL_WEBHOOK_SECRET", default=[])}
# An inbound e-mail with photos is posted whole to the webhook: allow that much.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=40 * 1024 * 1024)

# --- Notifications (e-mail and SMS to residents and staff) -----------------------
TORG_SMS_GATEWAY = {
    "BACKEND": env("TORG_SMS_BACKEND", default="torg.notifications.sms.FileGateway"),
    "URL": env("TORG_SMS_URL", default=""),  # empty: the adapter's default (Sveve, LINK)
    "TOKEN": env("TORG_SMS_TOKEN", default=""),  # generic HTTP
    "USER": env("TORG_SMS_USER", default=""),  # Sveve / LINK
    "PASSWORD": env("TORG_SMS_PASSWORD", default=""),
    "PLATFORM_PARTNER_ID": env("TORG_SMS_PLATFORM_PARTNER_ID", default=""),  # LINK
    "SENDER": env("TORG_SMS_SENDER", default="Torg"),
    "TIMEOUT": env.float("TORG_SMS_TIMEOUT", default=10),
}
TORG_NOTIFY_MAX_ATTEMPTS = env.int("TORG_NOTIFY_MAX_ATTEMPTS", default=5)
TORG_NOTIFY_RETRY_SECONDS = env.int("TORG_NOTIFY_RETRY_SECONDS", default=60)
TORG_NOTIFY_LEASE_SECONDS = env.int("TORG_NOTIFY_LEASE_SECONDS", default=300)

# --- Places (named areas, geocoding) ------------------------------------------
# The geocoder behind "find my address": LocalGeocoder (imported address points) or
# torg.places.geocoder.KartverketGeocoder (Kartverket's address API over HTTPS).
TORG_GEOCODER = env("TORG_GEOCODER", default="torg.places.geocoder.LocalGeocoder")
TORG_GEOCODER_URL = env("TORG_GEOCODER_URL", default="https://ws.geonorge.no/adresser/v1/sok")
# Kommunenummer to limit Kartverket's search to (empty: the municipality settings' number).
TORG_GEOCODER_MUNICIPALITY = env("TORG_GEOCODER_MUNICIPALITY", default="")
TORG_GEOCODER_TIMEOUT = env.float("TORG_GEOCODER_TIMEOUT", default=3.0)

# --- Subscriptions ------------------------------------------------------------
# A subscriber's e-mail or SMS is paused after this many failed deliveries (at once when permanent).
TORG_SUBSCRIPTION_MAX_FAILURES = env.int("TORG_SUBSCRIPTION_MAX_FAILURES", default=3)
# Confirmation: the e-mail link lives this many hours, the SMS code this many minutes and tries.
TORG_SUBSCRIPTION_CONFIRM_HOURS = env.int("TORG_SUBSCRIPTION_CONFIRM_HOURS", default=72)
TORG_SUBSCRIPTION_CODE_MINUTES = env.int("TORG_SUBSCRIPTION_CODE_MINUTES", default=30)
TORG_SUBSCRIPTION_CODE_ATTEMPTS = env.int("TORG_SUBSCRIPTION_CODE_ATTEMPTS", default=5)
# Subscriptions never confirmed are deleted after this many days.
TORG_SUBSCRIPTION_UNCONFIRMED_DAYS = env.int("TORG_SUBSCRIPTION_UNCONFIRMED_DAYS", default=7)
# Daily digests go at this local hour; weekly ones on Mondays at the same hour.
TORG_DIGEST_HOUR = env.int("TORG_DIGEST_HOUR", default=7)
# Sign-ups per client (IP address) per hour on /abonnement/ (the change page allows 3x; 0 turns it off).
TORG_SUBSCRIPTION_RATE_LIMIT_PER_HOUR = env.int("TORG_SUBSCRIPTION_RATE_LIMIT_PER_HOUR", default=20)
# The SMS provider's token for /abonnement/sms/inn/ (reply words such as STOPP); empty turns it off.
TORG_SMS_INBOUND_TOKEN = env("TORG_SMS_INBOUND_TOKEN", default="")
TORG_PERIODIC_TASKS.update(
    {
        "torg.subscriptions.tasks.send_due_digests": 15 * 60,
        "torg.subscriptions.tasks.delete_unconfirmed_subscribers": 24 * 3600,
    }
)

# --- Delivery engine (fan-out to subscribers) ---------------------------------
# Delivery rows (with addresses) are deleted this many days after their dispatch finished.
TORG_DELIVERY_KEEP_DAYS = env.int("TORG_DELIVERY_KEEP_DAYS", default=30)
# torg.notifications.delivery: worker tasks enqueued per channel by start_dispatch().
TORG_DELIVERY_WORKERS = env.int("TORG_DELIVERY_WORKERS", default=2)
# A worker's hold on a claimed batch; after it, another worker takes the batch over.
TORG_DELIVERY_LEASE_SECONDS = env.float("TORG_DELIVERY_LEASE_SECONDS", default=120)
TORG_DELIVERY_MAX_ATTEMPTS = env.int("TORG_DELIVERY_MAX_ATTEMPTS", default=5)
# First wait after a failed attempt; doubled per failure (at most 6 hours).
TORG_DELIVERY_RETRY_SECONDS = env.float("TORG_DELIVERY_RETRY_SECONDS", default=30)
TORG_DELIVERY_BATCH = {
    "email": env.int("TORG_DELIVERY_BATCH_EMAIL", default=100),
    "sms": env.int("TORG_DELIVERY_BATCH_SMS", default=500),
    "push": env.int("TORG_DELIVERY_BATCH_PUSH", default=50),
}
# Messages per second per channel, shared by every worker process (0: no limit).
TORG_DELIVERY_RATE_PER_SECOND = {
    "email": env.int("TORG_DELIVERY_RATE_EMAIL", default=0),
    "sms": env.int("TORG_DELIVERY_RATE_SMS", default=0),
    "push": env.int("TORG_DELIVERY_RATE_PUSH", default=0),
}
# The SMS provider's delivery-report callback must carry this (?token=… or X-Torg-Token); empty: refused.
TORG_SMS_REPORT_TOKEN = env("TORG_SMS_REPORT_TOKEN", default="")
# Web push: VAPID keys (base64url; empty: generated once into VAR_DIR/vapid/), contact, message lifetime.
TORG_VAPID_PRIVATE_KEY = env("TORG_VAPID_PRIVATE_KEY", default="")
TORG_VAPID_PUBLIC_KEY = env("TORG_VAPID_PUBLIC_KEY", default="")
TORG_VAPID_SUBJECT = env("TORG_VAPID_SUBJECT", default="mailto:postmottak@torg.invalid")
TORG_PUSH_TTL_SECONDS = env.int("TORG_PUSH_TTL_SECONDS", default=24 * 3600)
# Plain-http push endpoints (only the local test gateway uses them).
TORG_PUSH_ALLOW_HTTP = env.bool("TORG_PUSH_ALLOW_HTTP", default=False)


# --- Crisis messages ------------------------------------------------------------
# The crisis banner on every public page: current crisis messages, kept in the
# default cache this long (cleared at once on every publish, update and all clear).
TORG_CRISIS_BANNER_CACHE_SECONDS = env.int("TORG_CRISIS_BANNER_CACHE_SECONDS", default=300)

# --- Innsyn ---
# The public journal (postjournal). A search on a private person's name finds nothing
# older than this many days (offentlegforskrifta § 6 fourth paragraph: one year).
TORG_INNSYN_NAME_SEARCH_DAYS = env.int("TORG_INNSYN_NAME_SEARCH_DAYS", default=365)
# Journal entries written per database round in an import (bulk_create/bulk_update batches).
TORG_INNSYN_IMPORT_BATCH = env.int("TORG_INNSYN_IMPORT_BATCH", default=2000)
# Access requests (innsynskrav): answer within this many working days from the confirmed
# request (the Sivilombudet's practice is 1-3); download links in the answer letters last
# DOWNLOAD_DAYS; an uploaded (redacted) copy may be at most MAX_COPY_BYTES.
TORG_INNSYN_ANSWER_WORKING_DAYS = env.int("TORG_INNSYN_ANSWER_WORKING_DAYS", default=3)
TORG_INNSYN_DOWNLOAD_DAYS = env.int("TORG_INNSYN_DOWNLOAD_DAYS", default=30)
TORG_INNSYN_MAX_COPY_BYTES = env.int("TORG_INNSYN_MAX_COPY_BYTES", default=25 * 1024 * 1024)
# Journal search (torg.innsyn.search_backends): the database's own index by default (FTS5 on
# SQLite, tsvector on PostgreSQL); torg.innsyn.search_backends.opensearch (or .elasticsearch)
# at URL (https://user:password@host:9200 for basic authentication). A search shows at most
# MAX_RESULTS entries (the newest matches) and says "more than" beyond that.
TORG_INNSYN_SEARCH = {
    "BACKEND": env("TORG_INNSYN_SEARCH_BACKEND", default="torg.innsyn.search_backends.database"),
    "URL": env("TORG_INNSYN_SEARCH_URL", default="http://127.0.0.1:9200"),
    "INDEX": env("TORG_INNSYN_SEARCH_INDEX", default="torg-innsyn-journal"),
    "TIMEOUT": env.float("TORG_INNSYN_SEARCH_TIMEOUT", default=5.0),
    "MAX_RESULTS": env.int("TORG_INNSYN_SEARCH_MAX_RESULTS", default=1000),
}

# --- Mi sak ---
# /mi-side/: a resident's own cases (inquiries, access requests …) behind a resident login.
# Where the items come from: one class per source (torg.minsak.sources); later capabilities append theirs.
TORG_MINSAK_SOURCES = [
    "torg.minsak.sources.inquiries.InquirySource",
    "torg.minsak.sources.innsyn.InnsynskravSource",
]
# The one-time login link by e-mail: minutes it works; links per client (IP) and per address per hour.
TORG_MINSAK_LINK_MINUTES = env.int("TORG_MINSAK_LINK_MINUTES", default=30)
TORG_MINSAK_RATE_LIMIT_PER_HOUR = env.int("TORG_MINSAK_RATE_LIMIT_PER_HOUR", default=10)
TORG_MINSAK_LINKS_PER_ADDRESS_PER_HOUR = env.int("TORG_MINSAK_LINKS_PER_ADDRESS_PER_HOUR", default=3)
# A resident is logged out after this many minutes without activity, and this many after logging in.
TORG_MINSAK_IDLE_MINUTES = env.int("TORG_MINSAK_IDLE_MINUTES", default=15)
TORG_MINSAK_MAX_MINUTES = env.int("TORG_MINSAK_MAX_MINUTES", default=120)
# Key of the HMAC that stands for a fødselsnummer (empty: SECRET_KEY). Changing it unlinks every case.
TORG_MINSAK_PID_KEY = env("TORG_MINSAK_PID_KEY", default="")
# ID-porten (OpenID Connect). Off while the issuer or the client is empty; the login page then offers e-mail only.
# Issuer https://idporten.no (test: https://test.idporten.no); endpoints from its /.well-known/openid-configuration.
TORG_IDPORTEN_ISSUER = env("TORG_IDPORTEN_ISSUER", default="")
TORG_IDPORTEN_CLIENT_ID = env("TORG_IDPORTEN_CLIENT_ID", default="")
# Client authentication: client_secret_basic, client_secret_post, or private_key_jwt (RS256, key in a PEM file).
TORG_IDPORTEN_CLIENT_AUTH = env("TORG_IDPORTEN_CLIENT_AUTH", default="client_secret_basic")
TORG_IDPORTEN_CLIENT_SECRET = env("TORG_IDPORTEN_CLIENT_SECRET", default="")
TORG_IDPORTEN_PRIVATE_KEY_FILE = env("TORG_IDPORTEN_PRIVATE_KEY_FILE", default="")
TORG_IDPORTEN_KEY_ID = env("TORG_IDPORTEN_KEY_ID", default="")
# The security level asked for and required: idporten-loa-substantial or idporten-loa-high.
TORG_IDPORTEN_ACR = env("TORG_IDPORTEN_ACR", default="idporten-loa-substantial")
TORG_IDPORTEN_SCOPES = env("TORG_IDPORTEN_SCOPES", default="openid profile")
# Empty: TORG_BASE_URL + /mi-side/idporten/tilbake/ (register that address with ID-porten).
TORG_IDPORTEN_REDIRECT_URI = env("TORG_IDPORTEN_REDIRECT_URI", default="")
TORG_IDPORTEN_UI_LOCALES = env("TORG_IDPORTEN_UI_LOCALES", default="nn")
TORG_IDPORTEN_TIMEOUT = env.float("TORG_IDPORTEN_TIMEOUT", default=5.0)
TORG_PERIODIC_TASKS["torg.minsak.tasks.delete_old_login_links"] = 3600
