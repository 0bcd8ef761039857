"""The laptop's address on the local network, so that phones can reach it from the QR code."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


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


def only_this_computer(base_url: str) -> bool:
    """Whether an address leads back to the computer that opens it (127.0.0.1, localhost, ::1):
    a phone that scans it reaches itself, not Fabrique."""
    host = urlsplit(base_url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
