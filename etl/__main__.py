"""Command line: `python -m etl build|extract|export|synth|bench`."""

from __future__ import annotations

import argparse
import importlib
import sys

# sub-command -> module; each module has add_arguments(parser) and run(args) -> int
COMMANDS = {
    "build": ("etl.build", "构建数据库 / build the DuckDB from a folder of reports"),
    "extract": ("etl.extract_cli", "extract documents and figures as JSON lines (no database)"),
    "export": ("etl.export", "export the database tables as Parquet"),
    "synth": ("etl.synth", "write a deterministic synthetic corpus"),
    "bench": ("bench.run", "benchmark the ETL and the dashboard queries"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for name, (module_name, help_text) in COMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:  # a sub-command whose module is not there yet
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        p = sub.add_parser(name, help=help_text)
        module.add_arguments(p)
        modules[name] = module
    args = parser.parse_args(argv)
    return int(modules[args.command].run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
