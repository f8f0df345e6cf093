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
