"""The `khuyenhoc` console command: manage.py as an installed entry point."""

import os
import sys


def main() -> None:
    """Run a Django management command (`khuyenhoc migrate`, `khuyenhoc createsuperuser`, ...)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyenhoc.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as refusal:
        if settings.configured:  # raised by a command, not by the settings: keep its traceback
            raise
        # The settings refused to load (e.g. production without SECRET_KEY): say why, in one line.
        sys.stderr.write(f"khuyenhoc: {refusal}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
