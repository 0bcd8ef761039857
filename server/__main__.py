"""`python -m server`: serve Fabrique, print the address and a QR code for phones.

The same entry point keeps the data: `python -m server purge` deletes the sessions past their
retention, `backup FILE` copies a running server's database, `restore FILE` puts a copy back.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import qrcode
import uvicorn

from facilitation.registry import default_registry
from facilitation.service import SessionService
from facilitation.store import EventStore, open_engine
from server.app import build_app
from server.backup import BackupError, backup, restore
from server.lan import Reach, only_this_computer, reach
from server.logs import log_config
from server.settings import Settings

# French first, then English. French punctuation takes a no-break space (U+00A0).
LOOPBACK_WARNING = """
  Attention : {host} ne mène qu'à cet ordinateur (HOST=127.0.0.1, ou PUBLIC_URL vers
  localhost). Les téléphones ne pourront pas rejoindre la séance avec cette adresse (pas de
  QR code pour eux).
  Connectez l'ordinateur au Wi-Fi de la salle (ou partagez la connexion d'un téléphone) et
  lancez `make run` sans HOST, ou donnez l'adresse que les téléphones joignent :
  PUBLIC_URL=http://192.168.1.20:8000 make run

  Warning: {host} leads to this computer only (HOST=127.0.0.1, or PUBLIC_URL pointing to
  localhost). Phones cannot join the session with this address (no QR code for them).
  Connect the computer to the room's Wi-Fi (or share a phone's connection) and run `make run`
  without HOST, or give the address phones reach: PUBLIC_URL=http://192.168.1.20:8000 make run
"""

NO_NETWORK = """
  Aucun réseau : cet ordinateur n'est relié à aucun Wi-Fi ni câble, les téléphones ne
  peuvent pas le joindre (pas de QR code pour eux). Seul cet ordinateur peut ouvrir la page.
  Connectez-le au Wi-Fi de la salle, ou partagez la connexion d'un téléphone (point d'accès,
  même sans internet), puis relancez `make run`.

  No network: this computer is on no Wi-Fi and no cable, phones cannot reach it (no QR code
  for them). Only this computer can open the page.
  Connect it to the room's Wi-Fi, or share a phone's connection (hotspot, even without
  internet), then start `make run` again.
"""

SEVERAL_ADDRESSES = """
  Cet ordinateur a plusieurs adresses sur le réseau :
{listed}
  Le QR code utilise {chosen} : une adresse de réseau local privé (192.168…, 10…,
  172.16–31…) passe d'abord, de préférence celle du Wi-Fi ou du câble par où passe internet ;
  les réseaux virtuels (Docker, machines virtuelles, VPN) sont écartés.
  Si les téléphones n'arrivent pas à l'ouvrir, choisissez-en une autre, par exemple :
  PUBLIC_URL={example} make run

  This computer has several addresses on the network (listed above).
  The QR code uses {chosen}: a private local-network address (192.168…, 10…, 172.16–31…)
  comes first, preferably the Wi-Fi's or the cable's that leads to the internet; virtual
  networks (Docker, virtual machines, VPNs) are left out.
  If phones cannot open it, pick another one, for example:
  PUBLIC_URL={example} make run
"""


def several_addresses(found: Reach, port: int) -> str:
    assert found.chosen is not None
    listed = "\n".join(
        f"    http://{a.ip}:{port}/"
        + (f"  ({a.interface})" if a.interface else "")
        + ("  ← QR code" if a == found.chosen else "")
        for a in (found.chosen, *found.others)
    )
    return SEVERAL_ADDRESSES.format(
        listed=listed, chosen=found.chosen.ip, example=f"http://{found.others[0].ip}:{port}"
    )


def banner(found: Reach, port: int = 8000) -> str:
    """What the terminal shows at start: where to open Fabrique and, when phones can reach that
    address, a QR code for them; what to do when they cannot, or when there is a choice."""
    base = found.base_url
    lines = [
        "",
        "  Fabrique est prête. / Fabrique is ready.",
        f"  Ouvrez / Open: {base}/",
    ]
    if found.no_network:
        return "\n".join(lines) + "\n" + NO_NETWORK
    if only_this_computer(base):
        return "\n".join(lines) + "\n" + LOOPBACK_WARNING.format(host=urlsplit(base).hostname)
    if found.others:
        lines.append(several_addresses(found, port))
    lines += [
        "  Les téléphones du même réseau Wi-Fi peuvent scanner ce code :",
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
        # No client address and no path (paths hold keys and join codes): server/logs.py.
        "access_log": False,
        "log_config": log_config(),
        "proxy_headers": True,
        # Frames are patches of a few hundred bytes: compressing them for each socket cost 31 %
        # more CPU per frame and twice the memory per participant at 1000 phones, for no gain
        # in delay (bench/README.md, "Decisions the figures made").
        "ws_per_message_deflate": False,
    }


def serve(settings: Settings) -> None:
    found = reach(settings.public_url, settings.host, settings.port)
    print(banner(found, settings.port), flush=True)
    # The address printed is the one the QR codes and links carry: the interfaces are read once.
    served = replace(settings, public_url=found.base_url)
    uvicorn.run(build_app(served), **uvicorn_options(served))


async def purge(settings: Settings, days: int) -> int:
    """Delete the sessions idle for `days` days from the database, as a running server does
    each day (a server running on the same SQLite file finds them gone)."""
    store = EventStore(open_engine(settings.database_url))
    try:
        await store.create_schema()
        service = SessionService(store, default_registry())
        return len(await service.delete_idle_sessions(days))
    finally:
        await store.close()


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m server", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("serve", help="serve Fabrique (what no command does too)")
    purging = commands.add_parser("purge", help="delete the sessions past their retention")
    purging.add_argument("--days", type=int, help="instead of RETENTION_DAYS")
    saving = commands.add_parser("backup", help="copy the database of a running server")
    saving.add_argument("file", type=Path)
    putting = commands.add_parser("restore", help="put a backup in place (server stopped)")
    putting.add_argument("file", type=Path)
    putting.add_argument("--replace", action="store_true", help="over a database with sessions")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse(sys.argv[1:] if argv is None else argv)
    settings = Settings.from_env()
    try:
        if args.command in (None, "serve"):
            serve(settings)
        elif args.command == "purge":
            days = settings.retention_days if args.days is None else args.days
            count = asyncio.run(purge(settings, days))
            print(f"{count} séance(s) supprimée(s) / session(s) deleted (> {days} days idle)")
        elif args.command == "backup":
            backup(settings.database_url, args.file)
            print(f"Sauvegarde / Backup: {args.file}")
        elif args.command == "restore":
            restore(settings.database_url, args.file, replace=args.replace)
            print(f"Restaurée / Restored: {args.file}")
    except BackupError as failure:
        raise SystemExit(str(failure)) from None


if __name__ == "__main__":
    main()
