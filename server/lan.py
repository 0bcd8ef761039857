"""The laptop's address on the local network, so that phones can reach it from the QR code.

The addresses come from the list of the computer's interfaces, not only from the route to the
internet: a room's Wi-Fi router or a phone's hotspot without internet may give no default route,
and phones still reach the laptop through it.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import ifaddr

# Bridges and tunnels that phones in the room are not on: containers, virtual machines, VPNs.
VIRTUAL = re.compile(
    r"^(docker|br-|veth|virbr|vboxnet|vmnet|vmbr|lxcbr|lxdbr|incusbr|podman|cni|flannel|cali"
    r"|kube|tailscale|zt|wg|tun|tap|utun|ham|vEthernet)",
    re.IGNORECASE,
)
# Windows names its adapters "Ethernet 2" whatever they are: their description tells.
VIRTUAL_PRODUCT = re.compile(
    r"VirtualBox|VMware|Hyper-V|TAP-Windows|WireGuard|Tailscale|ZeroTier|Npcap", re.IGNORECASE
)
# Names that say Wi-Fi or Ethernet (Linux, macOS, Windows).
WIRED_OR_WIFI = re.compile(r"^(wl|wlan|wifi|en|eth|Wi-Fi|Ethernet)", re.IGNORECASE)
# The private ranges of RFC 1918, which rooms' routers and phones' hotspots hand out.
PRIVATE = [ipaddress.ip_network(net) for net in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")]


@dataclass(frozen=True)
class Address:
    """An IPv4 address of one of the computer's interfaces."""

    ip: str
    interface: str


@dataclass(frozen=True)
class Reach:
    """The address the QR code carries, and what the terminal should say about it."""

    base_url: str
    # Picked from the interfaces (HOST=0.0.0.0 and no PUBLIC_URL), with the others phones might
    # reach instead, best first.
    chosen: Address | None = None
    others: tuple[Address, ...] = field(default_factory=tuple)
    # HOST=0.0.0.0 and no interface but loopback: no network at all.
    no_network: bool = False


def interface_addresses() -> list[Address]:
    """Every IPv4 address of every interface, loopback included, as the system lists them, but
    those of adapters described as virtual ones."""
    found = []
    for adapter in ifaddr.get_adapters():
        if VIRTUAL_PRODUCT.search(str(adapter.nice_name or "")):
            continue
        for ip in adapter.ips:
            if isinstance(ip.ip, str):  # IPv4 (IPv6 comes as a tuple)
                # The interface's name on Linux and macOS, its "friendly" name on Windows.
                found.append(Address(ip.ip, str(ip.nice_name or adapter.name)))
    return found


def default_route_address() -> str | None:
    """The IPv4 address of the interface holding the default route, if there is one.

    Connecting a UDP socket only asks the kernel which interface it would route through; no
    packet is sent.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere real
            address: str = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("0.") else address


def phones_may_reach(address: Address) -> bool:
    """Not loopback, not link-local (169.254: no router answered), not a virtual bridge."""
    ip = ipaddress.ip_address(address.ip)
    return not (
        ip.is_loopback
        or ip.is_link_local
        or ip.is_unspecified
        or ip.is_multicast
        or VIRTUAL.match(address.interface)
    )


def rank(address: Address, default_route: str | None) -> tuple[bool, bool, bool]:
    """Smaller is better: a private RFC 1918 address first, then the one the default route
    goes through, then a Wi-Fi or Ethernet interface."""
    ip = ipaddress.ip_address(address.ip)
    return (
        not any(ip in net for net in PRIVATE),
        address.ip != default_route,
        not WIRED_OR_WIFI.match(address.interface),
    )


def choose(addresses: list[Address], default_route: str | None = None) -> list[Address]:
    """The addresses phones may reach, best first (the QR code uses the first); kept in the
    system's order when they rank the same. A default-route address missing from the list
    (a system that hides it) is still a candidate."""
    if default_route and default_route not in {a.ip for a in addresses}:
        addresses = [*addresses, Address(default_route, "")]
    candidates: dict[str, Address] = {}
    for address in addresses:
        if phones_may_reach(address):
            candidates.setdefault(address.ip, address)
    return sorted(candidates.values(), key=lambda a: rank(a, default_route))


def reach(
    public_url: str,
    host: str,
    port: int,
    addresses: list[Address] | None = None,
    default_route: str | None = None,
) -> Reach:
    """Where phones should go: PUBLIC_URL when given, else HOST when it is one address, else
    the best of the interfaces' addresses (`addresses` and `default_route` are looked up when
    not given)."""
    if public_url:
        return Reach(public_url)
    if host not in ("0.0.0.0", "::", ""):
        return Reach(f"http://{host}:{port}")
    if addresses is None:
        addresses = interface_addresses()
        default_route = default_route_address()
    best = choose(addresses, default_route)
    if not best:
        return Reach(f"http://127.0.0.1:{port}", no_network=True)
    return Reach(f"http://{best[0].ip}:{port}", chosen=best[0], others=tuple(best[1:]))


def public_base_url(public_url: str, host: str, port: int) -> str:
    return reach(public_url, host, port).base_url


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
