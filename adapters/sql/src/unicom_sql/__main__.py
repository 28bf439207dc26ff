"""``python -m unicom_sql``: the ``unicom-sql`` command (``upgrade``, ``current``, ``relay``)."""

import sys

from unicom_sql.cli import main

sys.exit(main())
