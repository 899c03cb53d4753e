"""``python -m guidebook.cli``: the same as the ``guidebook`` command."""
import sys

from guidebook.cli.commands import main

sys.exit(main())
