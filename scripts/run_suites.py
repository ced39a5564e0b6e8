"""Run the suite's passes side by side and fail when any fails: `make test` runs the SQLite and
the PostgreSQL passes at once, because neither keeps two cores busy (browsers, worker
processes and servers spend much of a test waiting), and one after the other they took 14 of
the suite's 17 minutes.

    python scripts/run_suites.py NAME=COMMAND [NAME=COMMAND ...]

Each line a pass prints is shown as it comes, after its name; the end repeats each pass's last
lines (its summary) and says which failed.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections import deque


def stream(
    name: str, process: subprocess.Popen[str], tail: deque[str], lock: threading.Lock
) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        tail.append(line.rstrip("\n"))
        with lock:
            print(f"[{name}] {line}", end="", flush=True)


def main(argv: list[str]) -> int:
    if not argv or any("=" not in arg for arg in argv):
        print(__doc__)
        return 2
    lock = threading.Lock()
    runs = []
    for arg in argv:
        name, command = arg.split("=", 1)
        # The commands are the Makefile's own, with their environment assignments.
        process = subprocess.Popen(  # noqa: S602
            command, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        tail: deque[str] = deque(maxlen=15)
        reader = threading.Thread(target=stream, args=(name, process, tail, lock), daemon=True)
        reader.start()
        runs.append((name, process, tail, reader, time.monotonic()))
    failed = []
    for name, process, tail, reader, started in runs:
        code = process.wait()
        reader.join()
        took = time.monotonic() - started
        print(f"\n== {name}: exit {code} after {took:.0f} s; its last lines:")
        print("\n".join(tail))
        if code != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)} (run `make test-{failed[0]}` alone to see it)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
