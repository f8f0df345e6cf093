"""The domain, navigation and storage packages are plain Python: importing them must not
import Textual."""

import subprocess
import sys


def test_domain_does_not_import_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, tui.domain, tui.navigation, tui.storage\n"
        "for package in (tui.domain, tui.navigation, tui.storage):\n"
        "    for m in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "import tui.bundled, tui.cli.main\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] == 'textual')\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_loading_screens_keys_never_import_the_browser() -> None:
    """The App asks whether a browser is open for every binding it shows (check_action); on
    the loading screen that imported the browser's modules on the UI thread, a quarter of a
    second before the progress bar could draw. The loading thread imports them."""
    code = (
        "import sys\n"
        "from tui.app import make_app\n"
        "from tui.bundled import bundled_facts_path\n"
        "app = make_app(bundled_facts_path(), use_state=False)\n"
        "assert not app.browser_open()\n"
        "assert not app.check_action('history_back', ())\n"
        "assert app.check_action('quit', ())\n"
        "sys.exit(1 if 'tui.screens.main' in sys.modules else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
