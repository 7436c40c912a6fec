#!/usr/bin/env python3
"""Django's manage.py, delegating to `redress` (redress/__main__.py)."""

from redress.__main__ import main

if __name__ == "__main__":
    main()
