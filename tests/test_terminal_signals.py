"""In a real terminal (a pseudo-terminal), a `kill` gives the terminal back as `q` does (the
alternate screen left, the mouse no longer reported) and a closed terminal ends the app, each
saving the last change to the basket."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import HANG_SECONDS
from tui.bundled import bundled_facts_path
from tui.storage import state_file

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
MOUSE_OFF = b"\x1b[?1000l"


class Terminal:
    """chery-tui on a pseudo-terminal of 120x40, its output collected as it comes."""

    def __init__(self, state_dir: Path) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui"], stdin=slave, stdout=slave, stderr=slave,
            start_new_session=True, close_fds=True,
            env={**os.environ, "TERM": "xterm-256color", "CHERY_TUI_STATE_DIR": str(state_dir),
                 "COLUMNS": "120", "LINES": "40"})
        os.close(slave)
        self.output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the other end is gone
                return
            if not chunk:
                return
            with self._lock:
                self.output += chunk

    def wait_for(self, text: bytes, after: int = 0) -> int:
        """Where `text` first appears in the output from `after` on."""
        deadline = time.monotonic() + HANG_SECONDS
        while time.monotonic() < deadline:
            with self._lock:
                found = self.output.find(text, after)
            if found >= 0:
                return found
            assert self.process.poll() is None, bytes(self.output[-2000:])
            time.sleep(0.02)
        raise AssertionError(f"never showed {text!r}")

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(OSError):
            os.close(self.master)


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_a_signal_gives_the_terminal_back_and_keeps_the_basket(
        how: signal.Signals, own_state_dir: Path) -> None:
    terminal = Terminal(own_state_dir)
    try:
        shown = terminal.wait_for(b"Timeline")
        terminal.type(b"j")
        time.sleep(0.3)  # a key is a key: let the cursor settle before marking
        mark = len(terminal.output)
        terminal.type(b" ")
        terminal.wait_for(b"basket", mark)
        end_of_app = len(terminal.output)
        if how == signal.SIGHUP:
            os.close(terminal.master)  # the terminal window closes: then the hangup
        terminal.process.send_signal(how)
        status = terminal.process.wait(HANG_SECONDS)  # killed outright, or hung, before
        assert status == 128 + how
        if how == signal.SIGTERM:
            terminal._reader.join(HANG_SECONDS)
            after = bytes(terminal.output[end_of_app:])
            assert LEAVE_ALTERNATE_SCREEN in after, after[-500:]
            assert MOUSE_OFF in after, after[-500:]
        assert shown >= 0
        basket = state_file.load(bundled_facts_path())
        assert len(basket.state.basket) == 1
    finally:
        terminal.close()
