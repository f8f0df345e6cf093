"""The sources' full texts, held compressed and decoded when asked for."""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterator, MutableMapping


class SourceTexts(MutableMapping[str, str]):
    """Source id -> full text. Held as zlib-compressed UTF-8 and decoded when asked for, the
    last few kept decoded.

    Compressed, the texts take a fraction of their UTF-8, which takes less than Python strings
    (one curly quote makes every character of a text take two bytes): docs/performance.md,
    "Memory held". A text is read a passage at a time (the detail, the reader), and
    decompressing one takes microseconds.
    """

    _KEEP = 8
    _LEVEL = 1
    """Fastest: compressing happens while a file loads; the ratio hardly differs."""

    def __init__(self) -> None:
        self._packed: dict[str, bytes] = {}
        self._sizes: dict[str, int] = {}
        self._recent: dict[str, str] = {}
        self._lock = threading.Lock()  # the loading worker and the UI both read texts

    def __getitem__(self, ident: str) -> str:
        with self._lock:
            text = self._recent.pop(ident, None)
            if text is None:
                text = zlib.decompress(self._packed[ident]).decode("utf-8")
                if len(self._recent) >= self._KEEP:
                    del self._recent[next(iter(self._recent))]
            self._recent[ident] = text  # most recent last
            return text

    def __setitem__(self, ident: str, text: str) -> None:
        self.set_encoded(ident, text.encode("utf-8"))

    def set_encoded(self, ident: str, data: bytes) -> None:
        """Store a text given as its UTF-8 bytes (already known to be valid UTF-8)."""
        self.set_compressed(ident, zlib.compress(data, self._LEVEL), len(data))

    def set_compressed(self, ident: str, packed: bytes, size: int) -> None:
        """Store a text as `compressed` gave it, with its size in UTF-8 bytes."""
        with self._lock:
            self._packed[ident] = packed
            self._sizes[ident] = size
            self._recent.pop(ident, None)

    def encoded(self, ident: str) -> bytes:
        """The text as UTF-8."""
        return zlib.decompress(self._packed[ident])

    def compressed(self, ident: str) -> bytes:
        return self._packed[ident]

    def size(self, ident: str) -> int:
        """Its length in UTF-8 bytes."""
        return self._sizes[ident]

    def __delitem__(self, ident: str) -> None:
        with self._lock:
            del self._packed[ident]
            del self._sizes[ident]
            self._recent.pop(ident, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __contains__(self, ident: object) -> bool:
        return ident in self._packed
