"""How long ``guidebook check`` takes on N synthetic institutions (target: < 1 s at 500).

Times the whole command as an editor runs it (a new Python process: start-up,
imports, reading, validating) and, in the same run, the in-process load alone,
as medians over --repeat runs. Last line::

    institutions=N check_s=X.XX load_s=Y.YY

Run from the project root: ``.venv/bin/python benchmarks/check.py -n 500``
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_dataset  # noqa: E402

from tests.conftest import LANGS
from guidebook.data.load import load_file  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--institutions", "-n", type=int, default=500)
    parser.add_argument("--repeat", "-r", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "institutions.yaml"
        write_dataset(data, args.institutions, 0)
        command, loads = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            done = subprocess.run([str(ROOT / ".venv" / "bin" / "guidebook"), "check", str(data)],
                                  capture_output=True, text=True)
            command.append(time.perf_counter() - start)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
            start = time.perf_counter()
            assert load_file(data, LANGS).ok
            loads.append(time.perf_counter() - start)
    size = data.stat().st_size if data.exists() else 0
    print(f"file {size or '?'} bytes; runs: " + " ".join(f"{c:.2f}" for c in command))
    print(f"institutions={args.institutions} check_s={statistics.median(command):.2f} "
          f"load_s={statistics.median(loads):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
