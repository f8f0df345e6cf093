"""Snapshots of loaded fact files: where they live and when one may be used.

Opening a large file again is the common case (a user comes back to the same fact base); a
snapshot of what the last load produced turns seconds of parsing and validation into a
fraction of a second. One snapshot per fact file path, replaced whenever that file loads
anew. Small files are not worth one: they load in tens of milliseconds.
Shares the switches of the `check` cache: `--no-cache`, CHERY_TUI_NO_CACHE, CHERY_TUI_CACHE_DIR.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tui.domain.facts.factbase import FactBase
from tui.domain.loading import snapshot
from tui.domain.loading.limits import Limits
from tui.domain.loading.progress import Progress
from tui.domain.loading.textfile import real_path
from tui.domain.pacing import Pause
from tui.storage.cache_key import cache_key
from tui.storage.check_cache import cache_dir, code_digest, enabled, file_digest

WORTH_ABOVE = 2_000_000
"""Fact files smaller than this (bytes) load faster than a snapshot is checked."""


def snapshot_path(facts_path: Path) -> Path:
    name = hashlib.blake2b(real_path(facts_path).encode(), digest_size=16).hexdigest()
    return cache_dir("loaded") / f"{name}.snapshot"


def reopen(facts_path: Path, progress: Progress | None = None, text_threads: int = 1
           ) -> snapshot.Reopened | None:
    """The fact base (and prepared extras) from the snapshot of this very file, or None
    (then load it). `text_threads`: see `snapshot.read`."""
    if not enabled():
        return None
    target = snapshot_path(facts_path)
    if not target.is_file():
        return None
    stamp = _stamp(file_digest(facts_path))
    return None if stamp is None else snapshot.read(target, facts_path, stamp, progress,
                                                    text_threads)


def _stamp(facts_digest: str) -> snapshot.Stamp | None:
    """What a snapshot must have been made with: this code, under the limits in force now (a
    load under tight `CHERY_TUI_MAX_*` limits is another load), signed with the user's key;
    None when there is no key (then there are no snapshots)."""
    key = cache_key()
    if key is None:
        return None
    return snapshot.Stamp(facts_digest, f"{code_digest()}:{Limits.from_environment()!r}", key)


def store(facts: FactBase, extras: dict[str, Iterable[Any]] | None = None,
          worth_above: int | None = None, pause: Pause | None = None) -> None:
    """Keep a snapshot of a fact base that loaded without problems (and `extras`, prepared
    indexes as plain values). A cache that cannot be written costs only the speed-up.
    `pause`: called between the snapshot's pieces (`tui.domain.pacing`)."""
    if not enabled() or facts.digest is None:
        return
    try:
        if facts.path.stat().st_size < (WORTH_ABOVE if worth_above is None else worth_above):
            return
        stamp = _stamp(facts.digest)
        if stamp is not None:
            snapshot.write(facts, stamp, snapshot_path(facts.path), extras, pause)
    except OSError:
        pass
