"""述法助手 (shuifa): draft the year-end 述法报告 against a unit's duty list."""

__version__ = "0.1.0"
APP_NAME = "述法助手"
