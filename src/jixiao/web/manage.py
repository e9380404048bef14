"""Django's management commands for jixiao: `python -m jixiao.web.manage <command>`.

Example: ``DJANGO_SETTINGS_MODULE=jixiao.web.settings_production python -m jixiao.web.manage
check --deploy``."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
