"""Run the command line: ``python -m questions --help``."""

import sys

try:
    from questions.cli import EXIT_INTERRUPTED, main

    status = main()
except KeyboardInterrupt:  # Ctrl-C while the program was still starting: quiet, like the rest
    status = 130
else:
    if status == EXIT_INTERRUPTED:
        status = 130
sys.exit(status)
