"""Django app configuration for the persistence layer."""

from django.apps import AppConfig


class PersistenceConfig(AppConfig):
    name = "jixiao.persistence"
    label = "persistence"
    verbose_name = "jixiao 数据"
    default_auto_field = "django.db.models.BigAutoField"
