"""Django app configuration for the web layer (templates and static files)."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jixiao.web"
    label = "web"
    verbose_name = "jixiao 网页"
