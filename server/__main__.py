"""`python -m server`: serve Fabrique, print the address and a QR code for phones."""

from __future__ import annotations

import sys

import qrcode
import uvicorn

from server.app import build_app
from server.lan import public_base_url
from server.settings import Settings


def main() -> None:
    settings = Settings.from_env()
    base = public_base_url(settings.public_url, settings.host, settings.port)
    banner = [
        "",
        "  Fabrique est prête. / Fabrique is ready.",
        f"  Ouvrez / Open: {base}/",
        "  Les téléphones du même réseau Wi-Fi peuvent scanner ce code :",
        "",
    ]
    print("\n".join(banner), flush=True)
    code = qrcode.QRCode(border=1)
    code.add_data(f"{base}/")
    code.print_ascii(out=sys.stdout, invert=True)
    sys.stdout.flush()
    uvicorn.run(
        build_app(settings),
        host=settings.host,
        port=settings.port,
        workers=1,
        timeout_graceful_shutdown=5,
        log_level="info",
        proxy_headers=True,
    )


if __name__ == "__main__":
    main()
