"""The editors' front door: python -m generator validate|build|serve|new|fmt|schemas.

Each command lives in generator/commands/ and adds its own arguments; this
module only puts them together and makes sure an editor never sees a
traceback.
"""

from __future__ import annotations

import argparse
import signal
import sys

from generator.commands import build, fmt, new, schemas, serve


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    try:
        return int(arguments.run(arguments))
    except KeyboardInterrupt:
        _stop_listening()
        print("interrupted; site/ was left as it was.", file=sys.stderr)
        return 130
    except Exception as error:  # the editors' front door never shows a traceback
        print(f"internal error in the generator, not in your content: {type(error).__name__}: {error}", file=sys.stderr)
        print("Please report it with the command you ran; site/ was left as it was.", file=sys.stderr)
        return 2


def _stop_listening() -> None:
    """Once interrupted, the build only reports it and exits 130: a second
    Ctrl-C or SIGTERM while it does so must not end it another way."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_IGN)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Build the accessible progress-report site from content/.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    build.add_parsers(commands)
    serve.add_parser(commands)
    new.add_parser(commands)
    fmt.add_parser(commands)
    schemas.add_parser(commands)
    return parser
