"""WSGI entry point: `gunicorn redress.wsgi` or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")

application = get_wsgi_application()
