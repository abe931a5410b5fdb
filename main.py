"""述法助手 desktop app: ``python main.py``.

Batch output starts worker processes with ``spawn``, which re-imports this file in each
worker: keep the top level free of imports and work.
"""

if __name__ == "__main__":
    import multiprocessing
    import sys

    multiprocessing.freeze_support()  # worker processes in a frozen (PyInstaller) build

    from shuifa.gui.app import main

    sys.exit(main())
