"""Run the command line: ``python -m questions --help``."""

import sys

from questions.cli import main

sys.exit(main())
