// The web page in a real browser: Debian's chromium driven headless by
// playwright-core over `dyad serve` on a store of the bundled examples.
//
//   node tests/web/browser.mjs --cli build/dyad --web build/web \
//        --examples examples --artifacts build/artifacts
//
// Checks that the timeline, map and network render marks from the data, that
// clicking an event shows its article with the sentence, source, verb and
// target highlighted and its story, that filters travel through the URL and a
// country click filters, that the page asks for nothing off the machine, and
// that no console error occurs. Saves <artifacts>/web.png. Exit code 0 = pass.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

function arg(name) {
  const i = process.argv.indexOf(name);
  if (i < 0 || i + 1 >= process.argv.length) throw new Error(`missing ${name}`);
  return resolve(process.argv[i + 1]);
}
const cli = arg('--cli');
const web = arg('--web');
const examples = arg('--examples');
const artifacts = arg('--artifacts');
mkdirSync(artifacts, { recursive: true });

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) {
    passed++;
    console.log(`ok: ${what}`);
  } else {
    failed++;
    console.log(`FAIL: ${what}`);
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'dyad-web-'));
const db = join(tmp, 'examples.db');
let server = null;
let context = null;

async function startServer() {
  const child = spawn(cli, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', web, '--threads', '4'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const url = await new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`dyad serve did not start: ${out} ${err}`)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[0]);
      }
    });
    child.on('exit', (code) => reject(new Error(`dyad serve exited ${code}: ${err}`)));
  });
  return { child, url, stderr: () => err };
}

async function count(page, selector) {
  return page.locator(selector).count();
}

try {
  const ingest = spawnSync(cli, ['ingest', examples, '--db', db], { encoding: 'utf8' });
  if (ingest.status !== 0) throw new Error(`ingest failed (${ingest.status}): ${ingest.stderr}`);
  server = await startServer();
  console.log(`server: ${server.url}`);

  context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1400, height: 1100 },
  });
  // Nothing may leave the machine: every request must go to the server.
  const offsite = [];
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === 'data:' || u.host === new URL(server.url).host) return route.continue();
    offsite.push(u.href);
    return route.abort();
  });
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));

  // Whole store.
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  const bars = await count(page, '#timeline svg rect.bar');
  const countries = await count(page, '#map svg path.country');
  const shaded = await count(page, '#map svg path.country.has-data');
  const places = await count(page, '#map svg circle.place');
  const nodes = await count(page, '#network svg circle.node');
  const links = await count(page, '#network svg line.link');
  const rows = await count(page, '#events tr.event');
  check(bars >= 4, `timeline draws bars (${bars})`);
  check(countries > 150, `map draws the world's countries (${countries})`);
  check(shaded >= 4, `map shades the countries with events (${shaded}: ARM, LBY, SDN, UKR)`);
  check(places >= 3, `map places events by their coordinates (${places})`);
  check(nodes >= 6 && links >= 5, `network draws actors and edges (${nodes} nodes, ${links} edges)`);
  // The store's own count (it follows the coder): every event is listed.
  const stored = (await (await fetch(`${server.url}api/health`)).json()).counts.events;
  check(stored > 0 && rows === stored, `event list shows every event (${rows} of ${stored})`);
  check(new RegExp(`\\b${stored} events`).test(await page.textContent('#summary')),
    'header shows the store counts');

  // Click the deportation event: its article with the highlighted sentence.
  await page.locator('#events tr.event', { hasText: 'deport migrants' }).first().click();
  await page.waitForSelector('#detail .article-body mark.verb', { timeout: 10000 });
  const sentence = await page.textContent('#detail .article-body .sentence');
  check(/planning to deport migrants to Libya/.test(sentence), `article shows the event's sentence highlighted`);
  check((await page.textContent('#detail .article-body mark.source')) === 'United States government', 'source highlighted');
  check(/deport/.test(await page.textContent('#detail .article-body mark.verb')), 'verb highlighted');
  check((await page.textContent('#detail .article-body mark.target')) === 'migrants', 'target highlighted');
  const detail = await page.textContent('#detail');
  check(/Reuters/.test(detail) && /planned/.test(detail) && /Libya/.test(detail),
    'detail shows attribution, modality and place');
  await page.waitForSelector('#detail section.story ol.mentions li', { timeout: 10000 });
  check(/Story \d+/.test(await page.textContent('#detail section.story')), 'detail shows the story and its mentions');
  check(/[?&]event=\d+/.test(page.url()), 'the selected event is in the URL');
  await page.screenshot({ path: join(artifacts, 'web.png'), fullPage: true });

  // Filters through the URL: only USA as source.
  await page.goto(`${server.url}?actor=USA`);
  await page.waitForSelector('body[data-ready="1"]');
  await page.waitForFunction(() => document.querySelectorAll('#events tr.event').length === 1, null, { timeout: 10000 });
  check((await page.inputValue('input[name=actor]')) === 'USA', 'the URL fills the filter form');
  check(await count(page, '#timeline svg rect.bar') === 1, 'timeline follows the filter');

  // Click a country on the map: filter by place.
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="1"]');
  await page.locator('#map path.country[data-code="SDN"]').click({ force: true });
  await page.waitForFunction(() => /place=SDN/.test(location.search) && document.querySelectorAll('#events tr.event').length === 1,
    null, { timeout: 10000 });
  check(/World Food Programme/.test(await page.textContent('#events')), 'a country click filters the events');

  // A bad filter shows the API's error instead of breaking the page.
  await page.goto(`${server.url}?from=2025-99-01`);
  await page.waitForSelector('#error:not([hidden])', { timeout: 10000 });
  check(/from/.test(await page.textContent('#error')), 'a bad filter shows the error naming the field');
  errors.splice(0, errors.length, ...errors.filter((e) => !/status of 400/.test(e)));

  check(offsite.length === 0, `no request leaves the machine (${offsite.join(', ') || 'none'})`);
  check(errors.length === 0, `no console errors (${errors.join(' | ') || 'none'})`);
} catch (err) {
  failed++;
  console.log(`FAIL: ${err.stack || err}`);
} finally {
  if (context) await context.close().catch(() => {});
  if (server) {
    const exited = new Promise((r) => server.child.on('exit', (code) => r(code)));
    server.child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 10000))]);
    check(code === 0, `dyad serve stops cleanly on SIGTERM (exit ${code})`);
    if (code === 'timeout') server.child.kill('SIGKILL');
  }
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`web_browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
