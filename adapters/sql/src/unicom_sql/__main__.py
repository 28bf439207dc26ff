"""``python -m unicom_sql``: the ``unicom`` command (``db``, ``enrol``, ``bill-run``, ...)."""

import sys

from unicom_sql.cli import main

sys.exit(main())
