// Where a file of the screens is served. When the server bundled them (server/assets.py), the
// page carries a map from a source path ("formats/{name}/participant.js", "static/i18n/fr.json")
// to its versioned URL, and for each format's module what to fetch along with it; otherwise
// every file is served at its own path.
const read = (id) => JSON.parse(globalThis.document?.getElementById(id)?.textContent ?? '{}');
const urls = read('fabrique-assets');
const preloads = read('fabrique-preload');

/** The URL of `path` (a path under the server's root, without the leading slash). */
export function assetUrl(path) {
  return urls[path] ?? `/${path}`;
}

/** What the module at `path` will ask for once it runs (its chunks, its stylesheets), if known. */
export function assetPreloads(path) {
  return preloads[path] ?? [];
}
