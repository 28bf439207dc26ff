"""``python -m unicom_sql.cli``: the ``unicom`` command."""

import sys

from unicom_sql.cli.app import main

sys.exit(main())
