"""WSGI entry point (`jixiao serve` uses it through waitress or gunicorn)."""

import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
application = get_wsgi_application()


def warm_up() -> None:
    """Import every view (the URL configuration) and compile every template now, in the
    process that forks the workers: each gunicorn worker then starts warm, instead of its
    first requests paying ~0.7 s of imports and template parsing (seen as a p95 of
    380 ms for the tiny login page in the deadline-day run)."""
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports the views and the API)
    templates = Path(__file__).resolve().parent / "templates"
    for path in sorted(templates.rglob("*.html")):
        get_template(path.relative_to(templates).as_posix())
