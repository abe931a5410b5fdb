"""述法助手 desktop app: ``python main.py``."""

import multiprocessing
import sys

from shuifa.gui.app import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # batch output uses worker processes (spawn), also in a frozen build
    sys.exit(main())
