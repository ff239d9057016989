"""`python -m councilsite.accessibility SITE_DIR`: the same audit as `councilsite audit`."""
import sys

from .cli import main

sys.exit(main())
