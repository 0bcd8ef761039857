// Where a file of the screens is served. When the server bundled them (server/assets.py), the
// page carries a map from a source path ("formats/board/participant.js", "static/i18n/fr.json")
// to its versioned URL; otherwise every file is served at its own path.
const element = globalThis.document?.getElementById('fabrique-assets');
const urls = element ? JSON.parse(element.textContent) : {};

/** The URL of `path` (a path under the server's root, without the leading slash). */
export function assetUrl(path) {
  return urls[path] ?? `/${path}`;
}
