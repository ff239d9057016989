import sys

from councilsite.cli import main

sys.exit(main())
