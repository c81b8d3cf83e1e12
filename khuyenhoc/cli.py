"""The `khuyenhoc` console command: manage.py as an installed entry point."""

import os
import sys


def main() -> None:
    """Run a Django management command (`khuyenhoc migrate`, `khuyenhoc createsuperuser`, ...)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyenhoc.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
