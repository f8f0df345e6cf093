"""What a user leaves behind between runs: the citation basket, the history and where they were.

One small JSON file per fact file, in the platform's state directory (platformdirs:
`~/.local/state/chery-tui` on Linux; CHERY_TUI_STATE_DIR moves it). Written atomically
(temporary file, fsync, rename, fsync of the folder), so a crash or a second instance writing
at the same moment leaves either the old file or the new one, never a mix. A file that cannot
be read as our state (damaged, from a newer version, or something else entirely) is moved
aside with a notice and the run starts afresh; nothing is ever deleted. Plain Python: no
Textual here.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tui.domain.loading.textfile import NotReadable, open_regular, real_path
from tui.navigation.saved_state import UserState
from tui.storage.atomic import write_text_atomically


def state_dir() -> Path:
    explicit = os.environ.get("CHERY_TUI_STATE_DIR")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_state_dir("chery-tui", appauthor=False))


def state_path(facts_path: Path) -> Path:
    name = hashlib.sha256(real_path(facts_path).encode()).hexdigest()[:24]
    return state_dir() / f"{name}.json"


# ── reading and writing ───────────────────────────────────────────────────────────────

@dataclass(slots=True)
class Loaded:
    state: UserState
    notice: str | None = None
    """Said to the user when the file had to be moved aside."""


_MOST_BYTES = 5_000_000
"""A state file is a few kilobytes; anything this large is not ours."""


def load(facts_path: Path) -> Loaded:
    """The saved state for this fact file (empty when there is none). Never raises."""
    path = state_path(facts_path)
    try:
        data = _read(path)
    except FileNotFoundError:
        return Loaded(UserState())
    except NotReadable as exc:
        aside = _move_aside(path)
        where = f"moved aside to {aside}" if aside else "left where it is"
        return Loaded(UserState(), f"The saved state {path} {exc}; it was {where}, and this "
                                   "run starts afresh")
    except OSError as exc:
        return Loaded(UserState(), f"Could not read the saved state {path}: "
                                   f"{exc.strerror or exc}; starting afresh")
    try:
        return Loaded(_parsed(data))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        aside = _move_aside(path)
        where = f"moved aside to {aside}" if aside else "left where it is"
        return Loaded(UserState(), f"The saved state {path} could not be used ({exc}); "
                                   f"it was {where}, and this run starts afresh")


def peek(facts_path: Path) -> UserState | str:
    """The saved state for this fact file, read only: never moved aside (a command that only
    reads it, `export --basket`, must not change it). A str says why it could not be read;
    no state saved is an empty one."""
    path = state_path(facts_path)
    try:
        return _parsed(_read(path))
    except FileNotFoundError:
        return UserState()
    except (OSError, NotReadable) as exc:
        return f"the saved state {path} cannot be read ({exc})"
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        return f"the saved state {path} could not be used ({exc})"


def _read(path: Path) -> bytes:
    # a FIFO or a device in its place would block the read (and the browser) for ever
    with open(open_regular(path), "rb") as raw:
        return raw.read(_MOST_BYTES + 1)


def _parsed(data: bytes) -> UserState:
    """Raises ValueError (or UnicodeDecodeError, RecursionError) for anything not our state."""
    if len(data) > _MOST_BYTES:
        raise ValueError("far too large for a state file")
    return UserState.from_json(json.loads(data.decode("utf-8")))


def _move_aside(path: Path) -> Path | None:
    aside = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
    n = 1
    while aside.exists():
        n += 1
        aside = aside.with_name(f"{aside.name.split('~')[0]}~{n}")
    try:
        os.replace(path, aside)
    except OSError:
        return None
    return aside


def save(facts_path: Path, state: UserState) -> str | None:
    """Write the state atomically; a message when it could not be written (never raises)."""
    path = state_path(facts_path)
    text = json.dumps(state.to_json(facts_path), ensure_ascii=False, indent=1)
    try:
        write_text_atomically(path, text)
    except OSError as exc:
        return f"Could not save the state to {path}: {exc.strerror or exc}"
    return None


# ── two instances on one fact file ────────────────────────────────────────────────────

@dataclass(slots=True)
class Saved:
    state: UserState
    """What the file now holds: ours, with what another instance changed since `base`."""
    problem: str | None = None
    """Why it could not be written (then `state` is ours, unsaved)."""
    merged: bool = False
    """True when another instance's changes were taken in: the caller should adopt them."""


def save_merging(facts_path: Path, state: UserState, base: UserState | None) -> Saved:
    """Write `state`, keeping what another chery-tui on the same fact file wrote since this
    one last read or wrote the file (`base`): items it added to or removed from the basket,
    and its citation style and theme where this one left them unchanged. Each window keeps
    its own history, filter and view. Never raises."""
    path = state_path(facts_path)
    with _locked(path):
        merged = state
        theirs = _on_disk(path)
        if base is not None and theirs is not None and theirs != on_disk(base):
            merged = _merge(state, on_disk(base), theirs)
        problem = save(facts_path, merged)
    return Saved(on_disk(merged) if problem is None else state, problem, merged != state)


def on_disk(state: UserState) -> UserState:
    """`state` as the file keeps it (long lists cut to their newest items)."""
    return UserState.from_json(state.to_json(Path()))


def _on_disk(path: Path) -> UserState | None:
    try:
        return _parsed(_read(path))
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return None  # nothing there, or nothing ours: there is nothing to keep


def _merge(ours: UserState, base: UserState, theirs: UserState) -> UserState:
    added = [ident for ident in theirs.basket if ident not in base.basket]
    removed = set(base.basket) - set(theirs.basket)
    basket = [ident for ident in ours.basket if ident not in removed]
    basket += [ident for ident in added if ident not in basket]
    style = ours.cite_style if ours.cite_style != base.cite_style else theirs.cite_style
    theme = ours.theme if ours.theme != base.theme else theirs.theme
    return UserState(basket, ours.back, ours.current, ours.forward,
                     ours.filter_entity, style, theme,
                     ours.pane, ours.expanded, ours.tree_cursor)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold `path`'s lock file while reading and writing it, so two instances saving at the
    same moment merge in turn; waits at most a second, then goes ahead (the write itself is
    atomic either way)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: the atomic write alone
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path.with_suffix(".lock"),
                         os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | os.O_NOCTTY, 0o600)
    except OSError:
        yield
        return
    try:
        for _ in range(50):
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                time.sleep(0.02)
        yield
    finally:
        os.close(handle)  # releases the lock
