#!/usr/bin/env python
"""Django's manage.py; the installed `khuyenhoc` command does the same."""

from khuyenhoc.cli import main

if __name__ == "__main__":
    main()
