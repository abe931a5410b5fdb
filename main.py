"""述法助手 desktop app: ``python main.py``."""

import sys

from shuifa.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
