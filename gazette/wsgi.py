import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gazette.settings")

from django.conf import settings

from gazette.site.pagecache import PageCache

application = PageCache(get_wsgi_application(), seconds=settings.PAGE_CACHE_SECONDS)
