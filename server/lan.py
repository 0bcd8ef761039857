"""The laptop's address on the local network, so that phones can reach it from the QR code."""

from __future__ import annotations

import socket


def lan_address() -> str:
    """The IPv4 address of the interface holding the default route, else loopback.

    Connecting a UDP socket only asks the kernel which interface it would route through; no
    packet is sent.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere real
            address: str = probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"
    return address if not address.startswith("0.") else "127.0.0.1"


def public_base_url(public_url: str, host: str, port: int) -> str:
    if public_url:
        return public_url
    if host in ("0.0.0.0", "::", ""):
        host = lan_address()
    return f"http://{host}:{port}"
