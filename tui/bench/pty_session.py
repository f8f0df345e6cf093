"""A program under a pseudo-terminal, timed from outside: keys written to it as a terminal
would, and every chunk of its output timestamped as it arrives (`make bench-keys`).

A key's latency is the time from writing its bytes to the screen settling: the last output
chunk before a quiet gap (no output for `gap` seconds). The pure functions below compute that
from a list of timestamps; `PtySession` collects them.
"""

from __future__ import annotations

import bisect
import contextlib
import fcntl
import math
import os
import re
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

_TAIL = 16_384
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-_])")

GAP = 0.15
"""Seconds without output after which the screen counts as settled."""


def settled_at(times: Sequence[float], sent: float, gap: float, now: float) -> float | None:
    """The time of the last chunk after `sent` that no other chunk followed within `gap`, once
    `now` is past it by `gap`; None while nothing came after `sent` or it has not settled.
    `times` are in the order they came (ascending)."""
    after = times[bisect.bisect_left(times, sent):]
    if not after:
        return None
    for here, following in zip(after, [*after[1:], math.inf], strict=True):
        if following - here >= gap:
            return here if now - here >= gap else None
    return None


def latency(times: Sequence[float], sent: float, gap: float, now: float) -> float | None:
    """Seconds from the key written at `sent` to the screen settled; None as `settled_at`."""
    end = settled_at(times, sent, gap, now)
    return None if end is None else end - sent


def quiet_for(times: Sequence[float], now: float, since: float) -> float:
    """Seconds without output up to `now` (counted from `since` when nothing came after it)."""
    last = max(times[-1], since) if times else since
    return now - last


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (as `make bench`'s search p95)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def summary(values: Sequence[float]) -> dict[str, float]:
    """Median and p90 in milliseconds of latencies in seconds, and how many there were."""
    ordered = sorted(values)
    if not ordered:
        return {"median_ms": math.nan, "p90_ms": math.nan, "n": 0}
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return {"median_ms": 1000 * median, "p90_ms": 1000 * percentile(ordered, 0.9),
            "n": len(ordered)}


class PtySession:
    """A child process on a pseudo-terminal of `size` (columns, rows); a context manager that
    always kills the child's process group on the way out."""

    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (120, 40)
                 ) -> None:
        columns, rows = size
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        env = {**env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)}
        self.started = time.perf_counter()
        try:
            self.child = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                          start_new_session=True, close_fds=True)
        except BaseException:
            os.close(self.master)
            raise
        finally:
            os.close(slave)
        self.times: list[float] = []
        self.received = 0
        self.tail = b""
        """The last bytes the program wrote: what it said when it ended unexpectedly."""
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the child is gone (EIO) or the descriptor closed
                return
            if not chunk:
                return
            now = time.perf_counter()
            with self._lock:
                self.times.append(now)
                self.received += len(chunk)
                self.tail = (self.tail + chunk)[-_TAIL:]

    def _snapshot(self) -> list[float]:
        with self._lock:
            return list(self.times)

    def _check_alive(self) -> None:
        if self.child.poll() is not None:
            time.sleep(0.1)  # its last words read
            with self._lock:
                said = _ESCAPES.sub("", self.tail.decode(errors="replace")).strip()
            raise RuntimeError(f"the program ended (status {self.child.returncode}): "
                               f"{said[-1500:]}")

    def wait_quiet(self, gap: float = GAP, timeout: float = 10.0) -> None:
        """Until no output has come for `gap` seconds; TimeoutError after `timeout`."""
        deadline = time.perf_counter() + timeout
        while quiet_for(self._snapshot(), time.perf_counter(), self.started) < gap:
            self._check_alive()
            if time.perf_counter() > deadline:
                raise TimeoutError(f"output never quiet for {gap} s in {timeout} s")
            time.sleep(0.005)

    def screen_text(self) -> str:
        """The program's last output as text, without its escape sequences."""
        with self._lock:
            tail = self.tail
        return _ESCAPES.sub("", tail.decode(errors="replace"))

    def wait_for_text(self, text: str, timeout: float) -> None:
        """Until `text` shows in the output (a screen's words drawn); TimeoutError after
        `timeout`."""
        deadline = time.perf_counter() + timeout
        while text not in self.screen_text():
            self._check_alive()
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{text!r} not drawn in {timeout} s")
            time.sleep(0.02)

    def cpu_seconds(self) -> float | None:
        """The CPU time the program has used (/proc; None where there is none)."""
        return self._cpu_seconds()

    def _cpu_seconds(self) -> float | None:
        try:
            fields = Path(f"/proc/{self.child.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_ready(self, timeout: float, quiet: float = 1.0, idle_share: float = 0.1) -> None:
        """Until the program has drawn something, then been quiet for `quiet` seconds while
        using under `idle_share` of a core (its loading threads done: /proc, where there is
        one; elsewhere the quiet output alone)."""
        deadline = time.perf_counter() + timeout
        while True:
            self._check_alive()
            if time.perf_counter() > deadline:
                raise TimeoutError(f"not ready in {timeout} s")
            if not self._snapshot():
                time.sleep(0.05)
                continue
            self.wait_quiet(quiet, max(0.1, deadline - time.perf_counter()))
            before, start = self._cpu_seconds(), time.perf_counter()
            time.sleep(quiet / 2)
            after = self._cpu_seconds()
            used = 0.0 if before is None or after is None else after - before
            if used < idle_share * (time.perf_counter() - start) and \
                    quiet_for(self._snapshot(), time.perf_counter(), self.started) >= quiet:
                return

    def press(self, key: bytes, gap: float = GAP, timeout: float = 10.0,
              silent_after: float = 1.5) -> float | None:
        """Write `key` once the screen is quiet; its latency in seconds, or None when nothing
        was drawn within `silent_after` seconds (the key changed nothing)."""
        self.wait_quiet(gap, timeout)
        sent = time.perf_counter()
        os.write(self.master, key)
        while True:
            time.sleep(0.005)
            now = time.perf_counter()
            times = self._snapshot()
            took = latency(times, sent, gap, now)
            if took is not None:
                return took
            if (not times or times[-1] < sent) and now - sent > silent_after:
                return None
            self._check_alive()
            if now - sent > timeout:
                raise TimeoutError(f"{key!r}: the screen did not settle in {timeout} s")

    def close(self) -> None:
        for sig, wait in ((signal.SIGTERM, 2.0), (signal.SIGKILL, 5.0)):
            if self.child.poll() is not None:
                break
            try:
                os.killpg(self.child.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.child.wait(wait)
            except subprocess.TimeoutExpired:
                continue
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.child.pid, signal.SIGKILL)  # anything it left in its group
        os.close(self.master)
        self._reader.join(1.0)

    def __enter__(self) -> PtySession:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
