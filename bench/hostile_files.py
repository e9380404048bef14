"""Time and peak memory of the CLI on each hostile file of issue 9 (goal: exit 2 in under
2 s and 200 MB).

    .venv/bin/python bench/hostile_files.py [--json]

Each file is made by `tests/hostile_files.py` in a temporary folder, then `jixiao …` runs
in a child process; its wall time and peak resident memory (``ru_maxrss`` from
``os.wait4``) are reported with the exit code and the first line of its message. The
child is killed after 60 s (reported as a timeout).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile_files import HOSTILE  # noqa: E402

GOAL_SECONDS = 2.0
GOAL_MB = 200
TIMEOUT = 60.0


def run(command: list[str]) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak MB, first stderr line) of one child process."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT)
        deadline = start + TIMEOUT
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.send_signal(signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode("utf-8", "replace").strip().splitlines()
    return proc.returncode, seconds, usage.ru_maxrss / 1024, (message[0][:160] if message else "")


def main() -> None:
    as_json = "--json" in sys.argv
    jixiao = str(Path(sys.executable).with_name("jixiao"))
    rows = []
    with tempfile.TemporaryDirectory(prefix="jixiao-hostile-") as tmp:
        for i, (name, (make, words, expected)) in enumerate(HOSTILE.items()):
            folder = Path(tmp) / str(i)
            folder.mkdir()
            path = make(folder)
            code, seconds, mb, message = run([jixiao, *words, str(path)])
            ok = code in expected and seconds < GOAL_SECONDS and mb < GOAL_MB
            rows.append({"file": name, "size_bytes": path.stat().st_size if path.is_file() else 0,
                         "exit": code, "seconds": round(seconds, 2), "peak_mb": round(mb, 1),
                         "within_goal": ok, "message": message})
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    print(f"{'file':34} {'exit':>4} {'s':>6} {'MB':>7}  goal  message")
    for r in rows:
        print(f"{r['file']:34} {r['exit']:>4} {r['seconds']:>6.2f} {r['peak_mb']:>7.1f}  "
              f"{'ok' if r['within_goal'] else 'MISS':4}  {r['message'][:90]}")
    if not all(r["within_goal"] for r in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
