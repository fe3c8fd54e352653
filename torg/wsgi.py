"""WSGI entry point: static files (WhiteNoise), then the anonymous page cache, then Django."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "torg.settings.dev")

from django.conf import settings
from whitenoise import WhiteNoise

from torg.pagecache.wsgi import PageCacheApp

application = WhiteNoise(PageCacheApp(get_wsgi_application()), root=settings.STATIC_ROOT, prefix=settings.STATIC_URL)
