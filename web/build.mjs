// Builds the web page into one folder that `dyad serve --web DIR` serves:
//   node web/build.mjs --out build/web
// index.html, app.js (esbuild bundle of web/src/main.js with d3 and
// topojson-client), style.css, and world.json: world-atlas's 110m country
// shapes with ids turned from ISO numeric (ccn3) into the ISO alpha-3 codes the
// store uses (world-countries). Everything is local: the page needs no network.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const out = resolve(arg('--out', join(here, '..', 'build', 'web')));
mkdirSync(out, { recursive: true });

// Country shapes keyed by ISO alpha-3.
const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
const countries = require('world-countries');
const byNumeric = new Map(countries.filter((c) => c.ccn3).map((c) => [c.ccn3, c.cca3]));
let mapped = 0;
for (const g of topology.objects.countries.geometries) {
  const a3 = byNumeric.get(g.id);
  if (a3) mapped++;
  g.properties = { name: g.properties?.name ?? '', numeric: g.id ?? null };
  g.id = a3 ?? null;
}
delete topology.objects.land;
writeFileSync(join(out, 'world.json'), JSON.stringify(topology));

await build({
  entryPoints: [join(here, 'src', 'main.js')],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: ['es2020'],
  outfile: join(out, 'app.js'),
  logLevel: 'warning',
  legalComments: 'eof',
});
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
copyFileSync(join(here, 'src', 'style.css'), join(out, 'style.css'));
console.log(`web: built ${out} (app.js, world.json with ${mapped} countries)`);
