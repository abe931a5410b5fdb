"""The ``shuifa`` command line. Chinese help and messages; never imports Qt.

Each subcommand lives in ``shuifa/cli/cmd_<name>.py`` with ``register(subparsers)``, which adds
its parser and sets ``func=run`` where ``run(args) -> int``. Add new modules to ``COMMANDS``. ``register`` runs on every invocation, so
heavy imports (docx, jinja2, openpyxl …) belong inside ``run``, keeping ``shuifa lists`` fast.
User-facing failures raise :class:`shuifa.errors.ShuifaError`; ``main`` prints them to stderr
in Chinese and exits with code 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from ..errors import ShuifaError

#: Subcommand modules, in the order ``shuifa --help`` lists them.
COMMANDS: tuple[str, ...] = (
    "lists",
    "sample",
    "show",
    "check",
    "render",
    "templates",
    "batch",
    "summary",
    "evaluation",
    "next_year",
    "import",
)


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with Chinese usage errors and exit code 2."""

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "用法：", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "用法：", 1)

    def error(self, message: str) -> None:  # type: ignore[override]
        message = (
            message.replace("the following arguments are required", "缺少必需的参数")
            .replace("unrecognized arguments", "无法识别的参数")
            .replace("invalid choice", "无效的选项")
            .replace("choose from", "可选")
            .replace("expected one argument", "需要一个参数值")
            .replace("argument", "参数")
            .replace("invalid int value", "不是有效的整数")
        )
        self.print_usage(sys.stderr)
        sys.stderr.write(f"错误：{message}\n请运行 “{self.prog} -h” 查看用法。\n")
        sys.exit(2)


def _localize(parser: argparse.ArgumentParser) -> None:
    parser._positionals.title = "位置参数"
    parser._optionals.title = "选项"


def build_parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(
        prog="shuifa",
        description="述法助手：按职责清单起草年度述法报告。",
        add_help=False,
        formatter_class=lambda prog: argparse.HelpFormatter(prog, max_help_position=32),
    )
    _localize(parser)
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    sub = parser.add_subparsers(title="命令", dest="command", metavar="<命令>", parser_class=ChineseArgumentParser)
    for name in COMMANDS:
        module = importlib.import_module(f"{__name__}.cmd_{name}")
        module.register(sub)
    for p in sub.choices.values():
        _localize(p)
    return parser


def add_help_flag(p: argparse.ArgumentParser) -> None:
    """Subparsers are created with ``add_help=False``; this adds a Chinese -h."""
    p.add_argument("-h", "--help", action="help", help="显示帮助并退出")


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except ShuifaError as exc:
        sys.stderr.write(f"错误：{exc.message}\n")
        if exc.hint:
            sys.stderr.write(f"{exc.hint}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("已取消。\n")
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return 0
