"""Notices that replace the last one of their kind, rather than pile up."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.notifications import Notification, Notify

_SHOWN: WeakKeyDictionary[App[Any], dict[str, Notification]] = WeakKeyDictionary()


def notify_replacing(app: App[Any], kind: str, message: str, timeout: float = 2) -> None:
    """Say `message` (plain text) in place of the last notice of its `kind` still shown:
    `n` pressed ten times says where it is once, not ten times over."""
    shown = _SHOWN.setdefault(app, {})
    last = shown.get(kind)
    if last is not None and last in app._notifications:
        app._unnotify(last)
    notice = Notification(message, "", "information", timeout, markup=False)
    shown[kind] = notice
    app.post_message(Notify(notice))
