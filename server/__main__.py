"""`python -m server`: serve Fabrique, print the address and a QR code for phones."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import urlsplit

import qrcode
import uvicorn

from server.app import build_app
from server.lan import only_this_computer, public_base_url
from server.settings import Settings

LOOPBACK_WARNING = """
  Attention : {host} ne mène qu'à cet ordinateur. Les téléphones ne pourront pas rejoindre la
  séance avec cette adresse (pas de QR code pour eux).
  Connectez l'ordinateur au Wi-Fi de la salle (ou partagez une connexion) et lancez `make run`
  sans HOST, ou donnez l'adresse que les téléphones joignent :
  PUBLIC_URL=http://192.168.1.20:8000 make run

  Warning: {host} leads to this computer only. Phones cannot join the session with this
  address (no QR code for them).
  Connect the computer to the room's Wi-Fi (or share a connection) and run `make run` without
  HOST, or give the address phones reach: PUBLIC_URL=http://192.168.1.20:8000 make run
"""


def banner(base: str) -> str:
    """What the terminal shows at start: where to open Fabrique and, when phones can reach that
    address, a QR code for them; a warning when they cannot."""
    lines = [
        "",
        "  Fabrique est prête. / Fabrique is ready.",
        f"  Ouvrez / Open: {base}/",
    ]
    if only_this_computer(base):
        return "\n".join(lines) + "\n" + LOOPBACK_WARNING.format(host=urlsplit(base).hostname)
    lines += [
        "  Les téléphones du même réseau Wi-Fi peuvent scanner ce code :",
        "  Phones on the same Wi-Fi network can scan this code:",
        "",
        "",
    ]
    code = qrcode.QRCode(border=1)
    code.add_data(f"{base}/")
    drawn = io.StringIO()
    code.print_ascii(out=drawn, invert=True)
    return "\n".join(lines) + drawn.getvalue()


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    return {
        "host": settings.host,
        "port": settings.port,
        "workers": 1,
        "timeout_graceful_shutdown": 5,
        "log_level": "info",
        "proxy_headers": True,
        # Frames are patches of a few hundred bytes: compressing them for each socket cost 31 %
        # more CPU per frame and twice the memory per participant at 1000 phones, for no gain
        # in delay (bench/README.md, "Decisions the figures made").
        "ws_per_message_deflate": False,
    }


def main() -> None:
    settings = Settings.from_env()
    base = public_base_url(settings.public_url, settings.host, settings.port)
    print(banner(base), flush=True)
    uvicorn.run(build_app(settings), **uvicorn_options(settings))


if __name__ == "__main__":
    main()
