"""`make run` finds the address phones reach from the QR code, and says what to do when the
laptop has several addresses, none, or only one that leads back to itself."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import ifaddr
import pytest

from server.__main__ import banner
from server.lan import Address, choose, interface_addresses, reach
from tests.support import ROOT

LOOPBACK = Address("127.0.0.1", "lo")
WIFI = Address("192.168.1.20", "wlp2s0")
DOCKER = Address("172.17.0.1", "docker0")
BRIDGE = Address("172.18.0.1", "br-3f2a9c")
VPN = Address("100.101.102.103", "tailscale0")
CABLE = Address("10.0.0.5", "enp3s0")
NO_ROUTER = Address("169.254.12.7", "wlp2s0")  # link-local: no one answered on that network
PUBLIC = Address("203.0.113.9", "eth0")
HOTSPOT = Address("172.20.10.3", "wlan0")  # an iPhone's shared connection


def picked(addresses: list[Address], default_route: str | None = None) -> list[str]:
    return [a.ip for a in choose(addresses, default_route)]


def test_one_wifi_address_among_loopback_and_bridges() -> None:
    assert picked([LOOPBACK, DOCKER, WIFI, BRIDGE, VPN]) == ["192.168.1.20"]


def test_a_router_without_internet_gives_no_default_route_and_is_still_found() -> None:
    assert picked([LOOPBACK, HOTSPOT], default_route=None) == ["172.20.10.3"]


def test_private_first_then_the_default_route_then_wifi_or_cable() -> None:
    assert picked([LOOPBACK, PUBLIC, WIFI, CABLE]) == ["192.168.1.20", "10.0.0.5", "203.0.113.9"]
    assert picked([PUBLIC, WIFI, CABLE], default_route="10.0.0.5") == [
        "10.0.0.5",
        "192.168.1.20",
        "203.0.113.9",
    ]
    # A private address on an interface whose name says nothing comes after Wi-Fi and cable.
    assert picked([Address("192.168.56.1", "hotspot0"), WIFI]) == ["192.168.1.20", "192.168.56.1"]
    # A public address is still better than nothing (a hall whose network hands those out).
    assert picked([LOOPBACK, PUBLIC]) == ["203.0.113.9"]


def test_the_interfaces_are_listed_with_their_names_and_virtual_adapters_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As Windows lists them: "Ethernet 2" is VirtualBox's, only its description tells."""
    adapters = [
        ifaddr.Adapter("{1}", "Intel(R) Wi-Fi 6 AX201", [ifaddr.IP("192.168.1.20", 24, "Wi-Fi")]),
        ifaddr.Adapter(
            "{2}",
            "VirtualBox Host-Only Ethernet Adapter",
            [ifaddr.IP("192.168.56.1", 24, "Ethernet 2")],
        ),
        ifaddr.Adapter("{3}", "Loopback", [ifaddr.IP(("::1", 0, 0), 128, "Loopback")]),
    ]
    monkeypatch.setattr(ifaddr, "get_adapters", lambda: adapters)
    assert interface_addresses() == [Address("192.168.1.20", "Wi-Fi")]


def test_nothing_phones_could_reach() -> None:
    assert picked([]) == []
    assert picked([LOOPBACK, DOCKER, NO_ROUTER, VPN]) == []


def test_public_url_and_host_are_taken_as_given() -> None:
    given = reach("https://atelier.example.org", "0.0.0.0", 8000, [WIFI])
    assert given.base_url == "https://atelier.example.org" and given.chosen is None
    assert reach("", "192.168.1.30", 8000, [WIFI]).base_url == "http://192.168.1.30:8000"


def test_the_banner_with_several_addresses_lists_them_and_says_which_and_how_to_change() -> None:
    found = reach("", "0.0.0.0", 8000, [LOOPBACK, DOCKER, WIFI, CABLE], default_route=None)
    assert found.base_url == "http://192.168.1.20:8000"
    text = banner(found, 8000)
    assert "Cet ordinateur a plusieurs adresses" in text
    assert "This computer has several addresses" in text
    assert "http://192.168.1.20:8000/  (wlp2s0)  ← QR code" in text
    assert "http://10.0.0.5:8000/  (enp3s0)" in text
    assert "172.17.0.1" not in text, "Docker's bridge is left out"
    assert "Le QR code utilise 192.168.1.20\u00a0:" in text
    assert "The QR code uses 192.168.1.20:" in text
    assert "PUBLIC_URL=http://10.0.0.5:8000 make run" in text
    assert "▀" in text, "a QR code"


def test_the_banner_with_one_address_shows_the_code_only() -> None:
    text = banner(reach("", "0.0.0.0", 8000, [LOOPBACK, WIFI]), 8000)
    assert "Ouvrez / Open: http://192.168.1.20:8000/" in text
    assert "plusieurs" not in text and "▀" in text


def test_the_banner_with_no_network_says_what_to_do() -> None:
    found = reach("", "0.0.0.0", 8000, [LOOPBACK, DOCKER])
    assert found.no_network
    text = banner(found, 8000)
    assert "Aucun réseau\u00a0:" in text and "No network:" in text
    assert "Wi-Fi de la salle" in text and "partagez la connexion d'un téléphone" in text
    assert "Seul cet ordinateur peut ouvrir la page." in text
    assert "Only this computer can open the page." in text
    assert "▀" not in text and "█" not in text, "no QR code that phones could not use"


@pytest.mark.parametrize(
    ("public_url", "host"), [("", "127.0.0.1"), ("http://localhost:8000", "0.0.0.0")]
)
def test_the_banner_with_a_loopback_address_says_phones_cannot_use_it(
    public_url: str, host: str
) -> None:
    text = banner(reach(public_url, host, 8000, [LOOPBACK, WIFI]), 8000)
    assert "ne mène qu'à cet ordinateur" in text and "leads to this computer only" in text
    assert "▀" not in text


def _network_namespaces() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = ["unshare", "--user", "--map-root-user", "--net", "true"]
    return subprocess.run(probe, capture_output=True).returncode == 0


@pytest.mark.skipif(
    not _network_namespaces(),
    reason="needs `unshare --user --net` (util-linux, unprivileged user namespaces allowed)",
)
def test_make_run_on_a_laptop_with_no_network_says_so(tmp_path: Path) -> None:
    """The real entry point, in a network namespace of its own: only loopback, and down."""
    log = tmp_path / "server.log"
    env = {
        **os.environ,
        "HOST": "0.0.0.0",
        "PORT": "8000",
        "PUBLIC_URL": "",
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'fabrique.sqlite3'}",
    }
    with log.open("wb") as output:
        server = subprocess.Popen(
            ["unshare", "--user", "--map-root-user", "--net", sys.executable, "-m", "server"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while "Uvicorn running" not in log.read_text() and server.poll() is None:
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(10)
    text = log.read_text()
    assert "Ouvrez / Open: http://127.0.0.1:8000/" in text
    assert "Aucun réseau\u00a0:" in text and "No network:" in text
    assert "▀" not in text
