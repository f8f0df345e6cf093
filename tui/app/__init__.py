"""The Textual application: loading, reloading, persistence, and the screens it shows."""

from tui.app.app import CheryApp, make_app, run_app

__all__ = ["CheryApp", "make_app", "run_app"]
