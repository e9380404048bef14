"""Django app configuration for the web layer (templates and static files)."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jixiao.web"
    label = "web"
    verbose_name = "jixiao 网页"

    def ready(self) -> None:
        # A project created anywhere (services, tests, data scripts) gets its stored result
        # row at once; later changes go through services.project_store.project_save.
        from django.db.models.signals import post_save

        from jixiao.persistence.models import Project
        from jixiao.services.results import result_on_create

        post_save.connect(result_on_create, sender=Project, dispatch_uid="jixiao-result-create")
