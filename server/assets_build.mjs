// One esbuild run for every screen (server/assets.py starts it and says why). It reads its job
// as JSON on stdin:
//   {esbuild, outdir, importMap: {specifier: absolute file or folder/}, js: {key: file},
//    css: {key: [files, in order]}}
// and writes to stdout, per key, the file it became (relative to outdir) and, for scripts, the
// chunks it imports statically (the page preloads them).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const job = JSON.parse(readFileSync(0, 'utf-8'));
const esbuild = await import(pathToFileURL(job.esbuild).href);

// The browser resolves bare names with the shell's import map; the bundle must resolve them the
// same way, wherever the importing file lives (a plugin format's folder has no node_modules).
const exact = Object.entries(job.importMap).filter(([name]) => !name.endsWith('/'));
const prefixes = Object.entries(job.importMap)
  .filter(([name]) => name.endsWith('/'))
  .sort(([a], [b]) => b.length - a.length);
const importMap = {
  name: 'import-map',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      for (const [name, target] of exact) if (args.path === name) return { path: target };
      for (const [name, target] of prefixes) {
        if (args.path.startsWith(name)) return { path: target + args.path.slice(name.length) };
      }
      return undefined;
    });
  },
};

// A page's stylesheets become one file: an entry that imports them in order.
const sources = join(job.outdir, '.sources');
mkdirSync(sources, { recursive: true });
const entryPoints = { ...job.js };
for (const [key, files] of Object.entries(job.css)) {
  const entry = join(sources, `${key.replaceAll('/', '_')}.css`);
  writeFileSync(entry, files.map((file) => `@import ${JSON.stringify(file)};\n`).join(''));
  entryPoints[key] = entry;
}

const result = await esbuild.build({
  entryPoints,
  outdir: job.outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  entryNames: '[dir]/[name]-[hash]',
  chunkNames: 'chunks/[name]-[hash]',
  assetNames: 'assets/[name]-[hash]',
  legalComments: 'none',
  metafile: true,
  logLevel: 'error',
  plugins: [importMap],
});

const byEntry = new Map(Object.entries(entryPoints).map(([key, file]) => [resolve(file), key]));
const outputs = result.metafile.outputs;
const staticImports = (output, seen = new Set()) => {
  for (const dependency of outputs[output]?.imports ?? []) {
    if (dependency.kind === 'import-statement' && !seen.has(dependency.path)) {
      seen.add(dependency.path);
      staticImports(dependency.path, seen);
    }
  }
  return seen;
};
const root = resolve(job.outdir);
const relative = (output) => resolve(output).slice(root.length + 1);
const built = {};
for (const [output, meta] of Object.entries(outputs)) {
  const key = meta.entryPoint && byEntry.get(resolve(meta.entryPoint));
  if (!key || (key in job.js) !== output.endsWith('.js')) continue;
  built[key] = { file: relative(output), imports: [...staticImports(output)].map(relative) };
}
process.stdout.write(JSON.stringify(built));
