"""`chery-tui serve`: the browser in a web browser tab, through textual-serve: one app per tab
(a process each), the same keys and screens.

textual-serve has no authentication: whoever reaches the address reads the fact file and its
sources. It binds to the loopback address by default, and says so loudly when asked for any
other.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import sys
from pathlib import Path

from tui.cli import output as safe_output

EXIT_OK, EXIT_UNUSABLE = 0, 2

PROXY_HELP = """\
textual-serve has no authentication. To let others in, keep chery-tui on the loopback
address and put an authenticating reverse proxy in front of it that passes WebSockets, and
give the address people use as --public-url. For example, Caddy:

  facts.example.org {
      basic_auth { alice $2a$14$...hash from `caddy hash-password`... }
      reverse_proxy 127.0.0.1:8000
  }

  chery-tui serve --public-url https://facts.example.org

or nginx (auth_basic, or an oauth2-proxy in front) with `proxy_pass http://127.0.0.1:8000;`,
`proxy_http_version 1.1;`, `proxy_set_header Upgrade $http_upgrade;` and
`proxy_set_header Connection "upgrade";`.
"""


def add_arguments(parser: argparse.ArgumentParser, facts_help: str) -> None:
    parser.add_argument("--facts", metavar="FILE", type=Path, help=facts_help,
                        default=argparse.SUPPRESS)
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default: 127.0.0.1, this machine "
                        "only); any other is reachable by others, without a password")
    parser.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    parser.add_argument("--public-url", metavar="URL",
                        help="the address browsers use, when a proxy is in front "
                        "(default: http://HOST:PORT)")


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def warning(host: str, port: int) -> str | None:
    """What to say before serving on `host`, when anyone else could reach it."""
    if is_loopback(host):
        return None
    return (f"chery-tui serve: WARNING: listening on {host}:{port}, which others can reach. "
            "textual-serve has no authentication: anyone who can reach this address can read "
            "the fact file and its sources. Put it behind an authenticating proxy "
            "(chery-tui serve --help says how), or serve on 127.0.0.1.")


def tab_command(path: Path) -> str:
    """The command each browser tab runs: this Python, this fact file."""
    return shlex.join([sys.executable, "-m", "tui", "--facts", str(path.resolve())])


def secure_page(public_url: str, host: str) -> bool:
    """Whether a browser gives the page its clipboard: HTTPS, or the loopback address."""
    if public_url.startswith("https://"):
        return True
    from urllib.parse import urlsplit

    return is_loopback(urlsplit(public_url).hostname or host)


def run_serve(path: Path, args: argparse.Namespace) -> int:
    err = safe_output.stderr()
    if not 0 < args.port < 65536:
        if err is not None:
            err.write(f"chery-tui serve: no such port: {args.port}\n")
        return EXIT_UNUSABLE
    if not path.is_file():
        if err is not None:
            err.write(f"chery-tui serve: {path}: no such file\n")
        return EXIT_UNUSABLE
    said = warning(args.host, args.port)
    if said is not None and err is not None:
        err.write(said + "\n")
    from textual_serve.server import Server

    url_host = f"[{args.host}]" if ":" in args.host else args.host
    public_url = args.public_url or f"http://{url_host}:{args.port}"
    # each tab's app learns whether its page may take the clipboard (see copying.py)
    os.environ["CHERY_TUI_PAGE_CLIPBOARD"] = "1" if secure_page(public_url, args.host) else "0"
    server = Server(tab_command(path), host=args.host, port=args.port, title="chery-tui",
                    public_url=public_url)
    server.serve()
    return EXIT_OK
