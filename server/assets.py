"""The screens' files as phones on a weak Wi-Fi should get them: bundled, minified, versioned.

Written as plain ES modules, the screens cost a phone about thirty requests on every load. At
start-up the server runs esbuild (an npm package pinned in package.json, like Lit) once over
every page's entry module and every registered format's role modules (a plugin format included),
with code splitting: Lit, the kit and i18n end up in shared chunks, so a format's module loaded
later uses the very instances the page already runs. Each page's stylesheets become one
minified file; a format's stylesheets and every catalog get names with their content's hash.
The page is told which files to load (`shell_page`), and `js/assets.js` looks a source path up
in the same map (`<script id="fabrique-assets">`).

Why at start-up rather than in a separate build step: the inputs are only known once the
formats are (a plugin brings its own screens), an edited source is always what is served, and
`make run` stays one command. The build goes into a folder named after a hash of every input:
a warm start only hashes the sources, and servers starting together (the tests start many)
share one build, each building into a folder of its own and renaming it into place (the first
rename wins, the others drop theirs).

Without esbuild or Node (or with `FABRIQUE_ASSETS=plain`), the server says so in its log and
serves the sources as they are, each at its own path with `no-cache`: everything still works, a
load just costs more requests.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from facilitation.registry import Registry
from server.shell import BASE_STYLESHEETS, PAGES, import_map

log = logging.getLogger("fabrique.assets")

# Where the versioned files are served; everything under it is named by its content's hash.
PREFIX = "/assets"
ROLES = ("participant", "console", "room")
BUILD_SCRIPT = Path(__file__).with_name("assets_build.mjs")
# Builds not used for this long are removed when another one is made.
KEEP_SECONDS = 7 * 24 * 3600
# A renderer's `styles: ['room.css', …]` (js/renderer.js), read from its source so that the page
# asks for them with the module instead of after it ran (one round trip less on a 3G link). A
# renderer that names them otherwise only loses that head start.
STYLES = re.compile(r"\bstyles:\s*\[((?:\s*'[\w.-]+\.css'\s*,?)*)\s*\]")


@dataclass(frozen=True)
class PageFiles:
    """What a page's shell loads: its stylesheets, its entry module and the chunks to preload."""

    stylesheets: tuple[str, ...]
    entry: str
    preload: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assets:
    frontend_dir: Path
    # The build served at PREFIX; None when the sources are served as they are.
    folder: Path | None = None
    # Source path ("static/js/participant.js", "formats/{name}/room.css") -> versioned URL.
    urls: Mapping[str, str] = field(default_factory=dict)
    # A page's entry module ("participant.js") -> its files.
    pages: Mapping[str, PageFiles] = field(default_factory=dict)
    # A format's role module ("formats/{name}/participant.js") -> what to fetch along with it:
    # the chunks it imports and its renderer's stylesheets, in order.
    preloads: Mapping[str, list[str]] = field(default_factory=dict)

    def page(self, entry: str, stylesheets: Iterable[str]) -> PageFiles:
        built = self.pages.get(entry)
        if built is not None:
            return built
        return PageFiles(
            tuple(f"/static/css/{name}" for name in (*BASE_STYLESHEETS, *stylesheets)),
            f"/static/js/{entry}",
        )


def build_assets(
    frontend_dir: Path, vendor_dir: Path, registry: Registry, enabled: bool = True
) -> Assets:
    """The bundled screens (built now unless an identical build is there), or the plain ones."""
    plain = Assets(frontend_dir)
    if not enabled:
        log.info("Screens served unbundled (FABRIQUE_ASSETS=plain).")
        return plain
    node = shutil.which("node")
    esbuild = vendor_dir / "esbuild" / "lib" / "main.js"
    if node is None or not esbuild.exists():
        log.warning(
            "Screens served unbundled: %s is missing (`npm ci` installs it); "
            "phones will load more and larger files.",
            "Node.js" if node is None else "esbuild",
        )
        return plain
    try:
        return _built(frontend_dir, vendor_dir, registry, node, esbuild)
    except (OSError, subprocess.SubprocessError, ValueError, KeyError) as error:
        log.warning("Screens served unbundled: the build failed (%s).", error)
        return plain


def _built(
    frontend_dir: Path, vendor_dir: Path, registry: Registry, node: str, esbuild: Path
) -> Assets:
    job = _job(frontend_dir, vendor_dir, registry)
    cache = vendor_dir / ".cache" / "fabrique-assets"
    folder = cache / _inputs_hash(job, vendor_dir)
    if not (folder / "manifest.json").exists():
        started = time.monotonic()
        _build(node, esbuild, job, folder)
        log.info("Screens bundled in %.1f s into %s.", time.monotonic() - started, folder)
        _prune(cache, keep=folder)
    os.utime(folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return Assets(
        frontend_dir,
        folder,
        manifest["urls"],
        {
            entry: PageFiles(tuple(p["stylesheets"]), p["entry"], tuple(p["preload"]))
            for entry, p in manifest["pages"].items()
        },
        manifest["preloads"],
    )


@dataclass(frozen=True)
class _Job:
    import_map: dict[str, str]
    # esbuild entry key -> source file, for scripts; -> files in order, for stylesheets.
    js: dict[str, str]
    css: dict[str, list[str]]
    # Source path -> file, copied with its hash in its name (the catalogs).
    copies: dict[str, Path]
    # esbuild key -> source path in the map.
    sources: dict[str, str]
    # The folders read, each with the name it is served under ("static", "formats/{name}").
    roots: dict[Path, str]


def _job(frontend_dir: Path, vendor_dir: Path, registry: Registry) -> _Job:
    js: dict[str, str] = {}
    css: dict[str, list[str]] = {}
    copies: dict[str, Path] = {}
    sources: dict[str, str] = {}
    roots = {frontend_dir: "static"}
    for page in PAGES:
        stem = page.entry.removesuffix(".js")
        js[f"js/{stem}"] = str(frontend_dir / "js" / page.entry)
        sources[f"js/{stem}"] = f"static/js/{page.entry}"
        css[f"css/{stem}"] = [
            str(frontend_dir / "css" / name) for name in (*BASE_STYLESHEETS, *page.stylesheets)
        ]
    for catalog in sorted((frontend_dir / "i18n").glob("*.json")):
        copies[f"static/i18n/{catalog.name}"] = catalog
    for fmt in registry:
        web = fmt.web
        if web is None:
            continue
        roots[web] = f"formats/{fmt.name}"
        for role in ROLES:
            if (web / f"{role}.js").exists():
                js[f"js/{fmt.name}/{role}"] = str(web / f"{role}.js")
                sources[f"js/{fmt.name}/{role}"] = f"formats/{fmt.name}/{role}.js"
        # A format's stylesheets stay apart: the page adds style.css, then those its renderer
        # names, in that order, and the console shows two roles of a format (one sheet each).
        for sheet in sorted(web.glob("*.css")):
            css[f"css/{fmt.name}/{sheet.stem}"] = [str(sheet)]
            sources[f"css/{fmt.name}/{sheet.stem}"] = f"formats/{fmt.name}/{sheet.name}"
        for catalog in sorted((web / "i18n").glob("*.json")):
            copies[f"formats/{fmt.name}/i18n/{catalog.name}"] = catalog
    for page in PAGES:
        sources[f"css/{page.entry.removesuffix('.js')}"] = f"page:{page.entry}"
    return _Job(import_map(frontend_dir, vendor_dir), js, css, copies, sources, roots)


def _inputs_hash(job: _Job, vendor_dir: Path) -> str:
    """A hash of everything the build reads (the sources by the names they are served under, so
    that the same plugin installed in another folder reuses its build): a change anywhere gives
    a new build."""
    files = {
        "build": BUILD_SCRIPT,
        "builder": Path(__file__),
        "vendor": vendor_dir / ".package-lock.json",
        "esbuild": vendor_dir / "esbuild" / "package.json",
    }
    for root, name in job.roots.items():
        for path in root.rglob("*"):
            if path.suffix in (".js", ".mjs", ".css", ".json", ".html") and path.is_file():
                files[f"{name}/{path.relative_to(root).as_posix()}"] = path
    digest = hashlib.sha256()
    digest.update(json.dumps([sorted(job.import_map), sorted(job.sources.items())]).encode())
    digest.update(
        json.dumps({key: _served(job, sheets) for key, sheets in job.css.items()}).encode()
    )
    for name in sorted(files):
        digest.update(name.encode() + b"\0")
        if files[name].exists():
            digest.update(files[name].read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def _served(job: _Job, paths: list[str]) -> list[str]:
    """Files by the names they are served under."""
    named = []
    for path in map(Path, paths):
        for root, name in job.roots.items():
            if path.is_relative_to(root):
                named.append(f"{name}/{path.relative_to(root).as_posix()}")
    return named


def _build(node: str, esbuild: Path, job: _Job, folder: Path) -> None:
    building = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    try:
        request = {
            "esbuild": str(esbuild),
            "outdir": str(building),
            "importMap": job.import_map,
            "js": job.js,
            "css": job.css,
        }
        done = subprocess.run(
            [node, str(BUILD_SCRIPT)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            raise ValueError(done.stderr.strip()[-2000:] or f"exit status {done.returncode}")
        built = json.loads(done.stdout)
        shutil.rmtree(building / ".sources", ignore_errors=True)
        _write_manifest(job, built, building)
        try:
            building.rename(folder)
        except OSError:
            if not (folder / "manifest.json").exists():
                raise
            # Another server built the same inputs first: theirs is identical.
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _write_manifest(job: _Job, built: dict[str, dict[str, list[str] | str]], folder: Path) -> None:
    def url(file: object) -> str:
        return f"{PREFIX}/{file}"

    urls: dict[str, str] = {}
    for key, source in job.sources.items():
        if not source.startswith("page:"):
            urls[source] = url(built[key]["file"])
    for source, path in job.copies.items():
        content = path.read_bytes()
        name = f"i18n/{source.replace('/', '_')}"
        name = f"{name.removesuffix('.json')}-{hashlib.sha256(content).hexdigest()[:10]}.json"
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(content)
        urls[source] = url(name)
    preloads: dict[str, list[str]] = {}
    for key, source in job.sources.items():
        if source.startswith("formats/") and source.endswith(".js"):
            imports = built[key]["imports"]
            chunks = [url(file) for file in imports] if isinstance(imports, list) else []
            found = STYLES.search(Path(job.js[key]).read_text(encoding="utf-8"))
            names = re.findall(r"'([\w.-]+)'", found.group(1)) if found else []
            folder_name = source.rsplit("/", 1)[0]
            styles = [urls.get(f"{folder_name}/{name}") for name in names]
            preloads[source] = chunks + [style for style in styles if style]
    pages = {}
    for page in PAGES:
        stem = page.entry.removesuffix(".js")
        script = built[f"js/{stem}"]
        imports = script["imports"]
        pages[page.entry] = {
            "stylesheets": [url(built[f"css/{stem}"]["file"])],
            "entry": url(script["file"]),
            "preload": [url(file) for file in imports] if isinstance(imports, list) else [],
        }
    # Served as they are to browsers that take gzip (all of them): see app.VersionedFolder.
    for path in list(folder.rglob("*")):
        if path.suffix in (".js", ".css", ".json"):
            path.with_name(f"{path.name}.gz").write_bytes(
                gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
            )
    manifest = {"urls": urls, "pages": pages, "preloads": preloads}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def _prune(cache: Path, keep: Path) -> None:
    """Removes builds no server used for a week (a running server touches its own at start)."""
    now = time.time()
    for old in cache.iterdir():
        try:
            if old != keep and now - old.stat().st_mtime > KEEP_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue
