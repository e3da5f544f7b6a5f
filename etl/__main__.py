"""Command line: `python -m etl build|extract|export|synth|bench`.

Only the chosen sub-command's module is imported (every one of them only for the overall help or a
missing or unknown command): each imports what its job needs, and `build` with nothing to do must
not pay for the extractor, the synthetic corpus writer or the benchmarks.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType

# sub-command -> module; each module has add_arguments(parser) and run(args) -> int
COMMANDS = {
    "build": ("etl.load.build", "构建数据库 / build the DuckDB from a folder of reports"),
    "extract": ("etl.extract.cli", "extract documents and figures as JSON lines (no database)"),
    "export": ("etl.load.export", "export the database tables as Parquet"),
    "synth": ("bench.synth", "write a deterministic synthetic corpus"),
    "bench": ("bench.run", "benchmark the ETL and the dashboard queries"),
}


def _load(name: str) -> ModuleType | None:
    """The sub-command's module; None for one whose module is not there (yet)."""
    module_name = COMMANDS[name][0]
    try:
        return importlib.import_module(module_name)
    except ImportError as exc:
        if exc.name and module_name.startswith(exc.name):
            return None
        raise


def _chosen(argv: list[str]) -> list[str]:
    """The sub-commands whose modules this command line needs: the one named first, else all (help, errors)."""
    if argv and argv[0] in COMMANDS:
        return [argv[0]]
    return list(COMMANDS)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for name in _chosen(argv):
        module = _load(name)
        if module is None:
            continue
        p = sub.add_parser(name, help=COMMANDS[name][1])
        module.add_arguments(p)
        modules[name] = module
    args = parser.parse_args(argv)
    return int(modules[args.command].run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
