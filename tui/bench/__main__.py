"""`python -m tui.bench generate --claims N --out DIR`, `python -m tui.bench run` and
`python -m tui.bench hierarchy` (deep and wide entity trees)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.bench")
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="write a synthetic fact file")
    gen.add_argument("--claims", type=int, required=True)
    gen.add_argument("--out", type=Path, required=True)
    gen.add_argument("--seed", type=int, default=1)
    run = commands.add_parser("run", help="run the benchmark and print its table")
    run.add_argument("--sizes", default="1000,10000,100000")
    run.add_argument("--out", type=Path, default=Path("bench"))
    run.add_argument("--work", type=Path, default=None, help="where to generate the data")
    deep = commands.add_parser("hierarchy", help="time the entity tree on deep and wide files")
    deep.add_argument("--sizes", default="3000,30000")
    deep.add_argument("--shapes", default="chain,chain-reversed,wide")
    deep.add_argument("--work", type=Path, required=True, help="where to write the files")
    readme = commands.add_parser("readme", help="print the README's account of a run")
    readme.add_argument("report", type=Path, nargs="?", default=Path("bench/latest.json"))
    args = parser.parse_args(argv)
    if args.command == "readme":
        import json

        from tui.bench.run import readme_section

        print(readme_section(json.loads(args.report.read_text(encoding="utf-8"))))
        return 0
    if args.command == "hierarchy":
        from tui.bench.hierarchy import run as run_hierarchy

        run_hierarchy([int(s) for s in args.sizes.split(",")], args.work,
                      tuple(args.shapes.split(",")))
        return 0
    if args.command == "generate":
        from tui.bench.generate import generate

        path = generate(args.claims, args.out, args.seed)
        print(path)
        return 0
    from tui.bench.run import run_benchmark

    sizes = [int(s) for s in args.sizes.split(",")]
    return int(run_benchmark(sizes, args.out, args.work))


if __name__ == "__main__":
    sys.exit(main())
