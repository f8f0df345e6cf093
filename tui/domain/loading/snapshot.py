"""A loaded fact base as plain values, to reopen an unchanged file without parsing it again.

Parsing and validating a 100,000-claim file takes seconds; rebuilding its objects from plain
tuples takes a fraction of one. A snapshot holds every table as a tuple of its field values in
field order (nested tables as nested tuples), with each citation's resolved span, marshalled
in pieces so that no single step holds the interpreter for long.

Objects are rebuilt without validation, so a snapshot must only ever describe a fact base that
loaded without a problem, and be used only while everything it was made from is unchanged:
`read` checks the whole snapshot against its own signature (an HMAC with the caller's key: a
digest alone anyone who can write the file could recompute), the fact file's digest and a
code stamp against the caller's, and every source text against the digest of the text loaded
then. Any difference, and any damage to the file, makes it a miss, never an error.
"""

from __future__ import annotations

import hmac
import marshal
import os
import tempfile
import threading
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.domain.facts.factbase import FactBase, content_digest
from tui.domain.facts.model import Relation
from tui.domain.loading.codec import TOP, codec, done_sharing
from tui.domain.loading.progress import Progress
from tui.domain.loading.textfile import Folder, open_regular
from tui.domain.pacing import Pause, paced

_MAGIC = b"chery-tui snapshot 2\n"
_DIGEST = 32
_PIECE = 5_000
"""Items per marshalled piece: few enough that unmarshalling or rebuilding one never keeps a
UI from answering (docs/performance.md, "Snapshots")."""


# ── writing ──────────────────────────────────────────────────────────────────────────────

@dataclass(frozen=True, slots=True)
class Stamp:
    """What a snapshot was made from: the fact file's bytes and the code that loaded it."""

    facts_digest: str
    code: str
    """The code that loaded it, and the limits it loaded under."""
    key: bytes
    """The user's key the snapshot is signed with."""

    def sign(self, header: bytes) -> bytes:
        return hmac.new(self.key, header, "sha256").digest()


@dataclass(slots=True)
class Reopened:
    facts: FactBase
    extras: dict[str, list[Any]]
    """What the writer kept besides the facts (prepared indexes), by name."""


def _pieces(facts: FactBase, extras: dict[str, Iterable[Any]]) -> Iterator[tuple[str, bytes]]:
    tables = codec()
    collections: dict[str, list[Any]] = {
        "sources": list(facts.sources.values()), "entities": list(facts.entities.values()),
        "claims": list(facts.claims.values()), "relations": facts.relations,
        "tables": list(facts.tables.values())}
    for kind, items in collections.items():
        encode = tables.encoders[TOP[kind]]
        for first in range(0, len(items), _PIECE):
            yield kind, marshal.dumps([encode(item) for item in items[first:first + _PIECE]])
            done_sharing()  # marshal shares objects within a piece only: keep no more
    idents = list(facts.texts)
    for first in range(0, len(idents), _PIECE):
        yield "texts", marshal.dumps([(ident, facts.texts.compressed(ident),
                                       facts.texts.size(ident))
                                      for ident in idents[first:first + _PIECE]])
    for name, values in extras.items():
        for value in values:
            yield f"extra:{name}", marshal.dumps(value)


def write(facts: FactBase, stamp: Stamp, target: Path,
          extras: dict[str, Iterable[Any]] | None = None, pause: Pause | None = None) -> None:
    """Write the snapshot of `facts` atomically (temporary file, fsync, rename). `extras`:
    lists of plain values (marshallable) to keep alongside, each value its own piece.
    `pause`: called between pieces (`tui.domain.pacing`)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=target.parent, delete=False,
                                     suffix=".tmp") as out:
        try:
            # pieces are written as they are made, and the header (which lists them) last,
            # in front: no more than one piece is ever held in memory
            out.seek(_PREFIX_SPACE)
            listed = []
            for kind, data in paced(_pieces(facts, extras or {}), pause, 1):
                out.write(data)
                listed.append([kind, len(data), content_digest(data)])
            header = marshal.dumps({
                "stamp": [stamp.facts_digest, stamp.code],
                "title": facts.title, "description": facts.description,
                # of each text as loaded: a file that changed between loading and writing
                # the snapshot can never be mistaken for it
                "texts": [[ident, content_digest(facts.texts.encoded(ident))]
                          for ident in facts.texts],
                "pieces": listed})
            out.write(header)
            out.seek(0)
            out.write(_MAGIC + stamp.sign(header)
                      + len(header).to_bytes(8, "little"))
            out.flush()
            os.fsync(out.fileno())
        except BaseException:
            out.close()
            os.unlink(out.name)
            raise
    os.replace(out.name, target)


_PREFIX_SPACE = len(_MAGIC) + _DIGEST + 8
"""Magic, the header's digest and its size; the header itself is at the end of the file."""


# ── reading ──────────────────────────────────────────────────────────────────────────────

def read(target: Path, facts_path: Path, stamp: Stamp, progress: Progress | None = None,
         text_threads: int = 1) -> Reopened | None:
    """The fact base the snapshot at `target` describes, or None when it is missing, damaged,
    or anything it was made from has changed since. `text_threads`: how many threads check
    the source texts beside the rebuilding (the program's choice; see `_TextReader`)."""
    try:
        with target.open("rb") as data:
            return _read(data, facts_path, stamp, progress, text_threads)
    except Exception:
        # damaged past the signature's notice, or from another version: only ever a miss
        return None


def _read(data: typing.BinaryIO, facts_path: Path, stamp: Stamp, progress: Progress | None,
          text_threads: int) -> Reopened | None:
    header = _header(data, stamp)
    if header is None:
        return None
    facts = FactBase(path=facts_path, title=header["title"],
                     description=header["description"], digest=stamp.facts_digest)
    reopened = Reopened(facts, {})
    pieces = header["pieces"]
    texts: _TextReader | None = None
    decoders = codec().decoders
    data.seek(_PREFIX_SPACE)
    for done, (kind, size, digest) in enumerate(pieces, start=1):
        if kind != "sources" and texts is None:
            # the sources come first; their text files are read and checked meanwhile
            texts = _TextReader(facts, header["texts"], text_threads)
        piece = data.read(size)
        if content_digest(piece) != digest:
            return None
        value = marshal.loads(piece)
        del piece
        _take(reopened, decoders, kind, value)
        if progress is not None:
            progress("snapshot", done, len(pieces))
    checked = texts or _TextReader(facts, header["texts"], text_threads)
    if not checked.succeeded() or list(facts.texts) != [i for i, _ in header["texts"]]:
        return None
    return reopened


def _header(data: typing.BinaryIO, stamp: Stamp) -> dict[str, Any] | None:
    """The snapshot's header, or None unless it is signed with the caller's key and made from
    the fact file and the code `stamp` names."""
    prefix = data.read(_PREFIX_SPACE)
    if len(prefix) != _PREFIX_SPACE or not prefix.startswith(_MAGIC):
        return None
    header_size = int.from_bytes(prefix[-8:], "little")
    data.seek(-header_size, os.SEEK_END)
    header_data = data.read(header_size)
    if not hmac.compare_digest(stamp.sign(header_data),
                               prefix[len(_MAGIC):len(_MAGIC) + _DIGEST]):
        return None
    header: dict[str, Any] = marshal.loads(header_data)
    if header["stamp"] != [stamp.facts_digest, stamp.code]:
        return None
    return header


def _take(reopened: Reopened, decoders: dict[type[Any], Callable[[tuple[Any, ...]], Any]],
          kind: str, value: Any) -> None:
    """Rebuild one piece's items into the fact base (or its extras)."""
    facts = reopened.facts
    if kind == "texts":
        for ident, packed, text_size in value:
            facts.texts.set_compressed(ident, packed, text_size)
    elif kind.startswith("extra:"):
        reopened.extras.setdefault(kind.removeprefix("extra:"), []).append(value)
    elif kind == "relations":
        facts.relations.extend(decoders[Relation](t) for t in value)
    else:
        decode = decoders[TOP[kind]]
        table: dict[str, Any] = getattr(facts, kind)
        table.update((item.id, item) for item in map(decode, value))


class _TextReader:
    """Checks every source text file against the text the snapshot was made with, beside the
    rebuilding of the tables: reading and hashing files leave the interpreter free, so threads
    hide most of the time that thousands of texts take."""

    def __init__(self, facts: FactBase, digests: list[list[str]], threads: int) -> None:
        self._count = max(1, threads)
        self._facts = facts
        self._digests = digests
        self._failed = False
        self._folder = Folder(facts.path.parent)
        self._threads = [threading.Thread(target=self._run, args=(n,), daemon=True,
                                          name=f"snapshot-texts-{n}")
                         for n in range(self._count)]
        for thread in self._threads:
            thread.start()

    def _run(self, first: int) -> None:
        base = str(self._facts.path.parent)
        folder = self._folder
        sources = self._facts.sources
        for n in range(first, len(self._digests), self._count):
            ident, digest = self._digests[n]
            try:
                fd = open_regular(os.path.join(base, sources[ident].path), folder)
                with open(fd, "rb", buffering=0) as raw:
                    data = raw.read().removeprefix(b"\xef\xbb\xbf")
            except (OSError, KeyError):
                self._failed = True
                return
            if self._failed or content_digest(data) != digest:
                self._failed = True
                return

    def succeeded(self) -> bool:
        """True when every file holds the very text the snapshot keeps."""
        for thread in self._threads:
            thread.join()
        return not self._failed
