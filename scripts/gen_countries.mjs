#!/usr/bin/env node
// Generates data/dict/countries.actors.txt, dyad's PETRARCH-format actor
// dictionary of countries and territories, from two registry packages:
//
//   - Debian `iso-codes` (/usr/share/iso-codes/json/iso_3166-1.json): the ISO
//     3166-1 list: alpha-3 codes, short, common and official names.
//   - npm `world-countries` (package.json devDependency): English common and
//     official names, alternative spellings, capitals and English demonyms.
//
// Plus the small hand-made tables below (OVERRIDES, EXTRA, DROP), which fix
// the ambiguities of plain registry data (a capital that is also a common
// word, a demonym shared by two countries, CAMEO's use of the bare name
// "Congo"). Output is deterministic: same inputs, same bytes.
//
//   node scripts/gen_countries.mjs            # writes data/dict/countries.actors.txt
//   node scripts/gen_countries.mjs --check    # exit 1 if the committed file differs
//   node scripts/gen_countries.mjs --stdout   # print instead of writing
//
// Exit status 77 ("skip") when a package is not installed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'data/dict/countries.actors.txt');
const ISO_JSON = process.env.ISO_CODES_JSON || '/usr/share/iso-codes/json/iso_3166-1.json';

function loadInputs() {
  if (!fs.existsSync(ISO_JSON)) return { missing: `${ISO_JSON} (Debian package iso-codes)` };
  let wc;
  try {
    const require = createRequire(path.join(ROOT, 'package.json'));
    wc = require('world-countries/countries.json');
  } catch {
    return { missing: 'npm package world-countries (run `npm ci` at the repo root)' };
  }
  const iso = JSON.parse(fs.readFileSync(ISO_JSON, 'utf8'))['3166-1'];
  const wcVersion = JSON.parse(
    fs.readFileSync(path.join(path.dirname(createRequire(path.join(ROOT, 'package.json'))
      .resolve('world-countries/package.json')), 'package.json'), 'utf8')).version;
  return { iso, wc, wcVersion };
}

// Codes dyad uses where ISO 3166-1 has none (CAMEO convention: ISO alpha-3).
const CODE_FIX = { UNK: 'XKX' };  // world-countries' Kosovo -> user-assigned XKX

// Phrases that a registry gives but that are common English words, other
// places or people in news text. Compared case-insensitively after ASCII folding.
const DROP = new Set([
  'the valley', 'valley', 'victoria', 'hamilton', 'kingston', 'georgetown', 'george town',
  'jamestown', 'stanley', 'west island', 'male', 'plymouth', 'douglas', 'saint john\'s',
  'jersey', 'america', 'american', 'americans', 'the bottom', 'bottom', 'oranjestad',
  'french', 'dutch', 'british', 'norwegian', 'danish', 'chinese', 'sucre', 'roseau',
  'brades', 'saint peter port', 'avarua', 'diego garcia', 'island', 'islands', 'south',
  'north', 'guinea', 'congo', 'congolese', 'dominican', 'dominicans', 'guinean', 'guineans',
  'samoan', 'samoans', 'virgin islander', 'virgin islanders', 'nauru', 'tokelau', 'sint maarten',
  'saint martin', 'st. martin', 'korea', 'korean', 'koreans', 'the bermudas', 'the abode of peace',
  'kuwaiti', 'djibouti', 'andorra', 'panama', 'monaco', 'singapore', 'luxembourg', 'san marino',
  'mexico', 'guatemala', 'kuwait', 'vatican', 'tunis', 'algiers',
]);
// Phrases re-added on purpose (after DROP): [phrase, code]. Mostly the
// unambiguous uses of dropped words and the forms news writers use.
const EXTRA = [
  ['United States', 'USA'], ['United States of America', 'USA'], ['U.S.', 'USA'],
  ['U.S.A.', 'USA'], ['USA', 'USA'], ['America', 'USA'], ['American', 'USA'],
  ['Americans', 'USA'], ['Washington', 'USA'], ['Washington D.C.', 'USA'],
  ['Washington DC', 'USA'],
  ['United Kingdom', 'GBR'], ['U.K.', 'GBR'], ['UK', 'GBR'], ['Britain', 'GBR'],
  ['Great Britain', 'GBR'], ['British', 'GBR'], ['Briton', 'GBR'], ['Britons', 'GBR'],
  ['French', 'FRA'], ['Frenchman', 'FRA'], ['Frenchmen', 'FRA'], ['Dutch', 'NLD'],
  ['Holland', 'NLD'], ['The Hague', 'NLD'], ['Norwegian', 'NOR'], ['Norwegians', 'NOR'],
  ['Danish', 'DNK'], ['Dane', 'DNK'], ['Danes', 'DNK'], ['Chinese', 'CHN'],
  ['Russian Federation', 'RUS'], ['Russians', 'RUS'],
  ['Congo', 'COD'], ['DR Congo', 'COD'], ['D.R. Congo', 'COD'], ['DRC', 'COD'],
  ['Democratic Republic of Congo', 'COD'], ['Democratic Republic of the Congo', 'COD'],
  ['Congo-Kinshasa', 'COD'], ['Congolese', 'COD'],
  ['Republic of Congo', 'COG'], ['Republic of the Congo', 'COG'], ['Congo Republic', 'COG'],
  ['Congo-Brazzaville', 'COG'], ['Brazzaville', 'COG'],
  ['Guinea', 'GIN'], ['Guinean', 'GIN'], ['Guineans', 'GIN'], ['Conakry', 'GIN'],
  ['Dominican Republic', 'DOM'], ['Dominican', 'DOM'], ['Dominicans', 'DOM'],
  ['Dominica', 'DMA'], ['Samoa', 'WSM'], ['Samoan', 'WSM'], ['Samoans', 'WSM'],
  ['South Korea', 'KOR'], ['South Korean', 'KOR'], ['South Koreans', 'KOR'], ['Seoul', 'KOR'],
  ['North Korea', 'PRK'], ['North Korean', 'PRK'], ['North Koreans', 'PRK'],
  ['Pyongyang', 'PRK'], ['DPRK', 'PRK'],
  ['Kuwait', 'KWT'], ['Kuwaiti', 'KWT'], ['Kuwaitis', 'KWT'], ['Kuwait City', 'KWT'],
  ['Djibouti', 'DJI'], ['Djiboutian', 'DJI'], ['Andorra', 'AND'], ['Panama', 'PAN'],
  ['Panama City', 'PAN'], ['Monaco', 'MCO'], ['Singapore', 'SGP'], ['Luxembourg', 'LUX'],
  ['San Marino', 'SMR'], ['Mexico', 'MEX'], ['Mexico City', 'MEX'], ['Guatemala', 'GTM'],
  ['Guatemala City', 'GTM'], ['Vatican', 'VAT'], ['Holy See', 'VAT'], ['Vatican City', 'VAT'],
  ['Tunis', 'TUN'], ['Algiers', 'DZA'], ['Nauru', 'NRU'], ['Tokelau', 'TKL'],
  ['Sint Maarten', 'SXM'], ['Saint Martin', 'MAF'], ['Kosovo', 'XKX'], ['Kosovar', 'XKX'],
  ['Kosovars', 'XKX'], ['Pristina', 'XKX'],
  ['Palestine', 'PSE'], ['Palestinian', 'PSE'], ['Palestinians', 'PSE'],
  ['Palestinian Territories', 'PSE'], ['West Bank', 'PSE'], ['Gaza', 'PSE'],
  ['Gaza Strip', 'PSE'], ['Ramallah', 'PSE'],
  ['Turkey', 'TUR'], ['Türkiye', 'TUR'], ['Turkiye', 'TUR'], ['Turks', 'TUR'],
  ['Ivory Coast', 'CIV'], ['Abidjan', 'CIV'], ['Burma', 'MMR'], ['Rangoon', 'MMR'],
  ['Yangon', 'MMR'], ['Naypyidaw', 'MMR'], ['Burmese', 'MMR'],
  ['Emirati', 'ARE'], ['Emiratis', 'ARE'], ['UAE', 'ARE'], ['Dubai', 'ARE'],
  ['Saudi', 'SAU'], ['Saudis', 'SAU'], ['Iranians', 'IRN'], ['Persian', 'IRN'],
  ['Israelis', 'ISR'], ['Tel Aviv', 'ISR'], ['Filipinos', 'PHL'],
  ['Indian', 'IND'], ['Indians', 'IND'], ['Swiss', 'CHE'], ['Geneva', 'CHE'], ['Bern', 'CHE'], ['Berne', 'CHE'],
  ['West Germany', 'DEU'], ['West German', 'DEU'], ['West Germans', 'DEU'],
  ['Irish', 'IRL'], ['Welsh', 'GBR'], ['Scottish', 'GBR'], ['Scotland', 'GBR'],
  ['Wales', 'GBR'], ['England', 'GBR'], ['English', 'GBR'], ['Northern Ireland', 'GBR'],
  ['Bosnia', 'BIH'], ['Herzegovina', 'BIH'], ['Czech Republic', 'CZE'],
  ['East Timor', 'TLS'], ['Timorese', 'TLS'], ['Cabo Verde', 'CPV'], ['Eswatini', 'SWZ'],
  ['Swaziland', 'SWZ'], ['North Macedonia', 'MKD'], ['Macedonia', 'MKD'],
  ['Macedonian', 'MKD'], ['Vietnamese', 'VNM'], ['Hanoi', 'VNM'], ['Laos', 'LAO'],
  ['Lao', 'LAO'], ['Laotian', 'LAO'], ['Syria', 'SYR'], ['Iran', 'IRN'], ['Venezuela', 'VEN'],
  ['Bolivia', 'BOL'], ['Tanzania', 'TZA'], ['Moldova', 'MDA'], ['Taiwan', 'TWN'],
  ['Taipei', 'TWN'], ['Taiwanese', 'TWN'], ['Micronesia', 'FSM'],
  ['British Virgin Islands', 'VGB'], ['U.S. Virgin Islands', 'VIR'], ['Bermuda', 'BMU'],
  ['Kyiv', 'UKR'], ['Kiev', 'UKR'], ['Ukrainians', 'UKR'], ['Minsk', 'BLR'],
  ['Belarusians', 'BLR'], ['Belorussian', 'BLR'], ['Byelorussia', 'BLR'],
  ['Sanaa', 'YEM'], ["Sana'a", 'YEM'], ['Aden', 'YEM'], ['Benghazi', 'LBY'],
  ['Misrata', 'LBY'], ['Khartoum', 'SDN'], ['Juba', 'SSD'], ['Mogadishu', 'SOM'],
  ['Hargeisa', 'SOM'], ['Somaliland', 'SOM'], ['Baghdad', 'IRQ'], ['Erbil', 'IRQ'],
  ['Damascus', 'SYR'], ['Aleppo', 'SYR'], ['Idlib', 'SYR'], ['Beirut', 'LBN'],
  ['Kabul', 'AFG'], ['Kandahar', 'AFG'], ['Islamabad', 'PAK'], ['Karachi', 'PAK'],
  ['Lahore', 'PAK'], ['New Delhi', 'IND'], ['Delhi', 'IND'], ['Mumbai', 'IND'],
  ['Moscow', 'RUS'], ['Beijing', 'CHN'], ['Shanghai', 'CHN'], ['Hong Kong', 'HKG'],
  ['Macau', 'MAC'], ['Macao', 'MAC'], ['Tokyo', 'JPN'], ['Ankara', 'TUR'],
  ['Istanbul', 'TUR'], ['Tehran', 'IRN'], ['Riyadh', 'SAU'], ['Jeddah', 'SAU'],
  ['Doha', 'QAT'], ['Cairo', 'EGY'], ['Amman', 'JOR'], ['Tripoli', 'LBY'],
  ['Caracas', 'VEN'], ['Havana', 'CUB'], ['Bogota', 'COL'], ['Nairobi', 'KEN'],
  ['Addis Ababa', 'ETH'], ['Abuja', 'NGA'], ['Lagos', 'NGA'], ['Pretoria', 'ZAF'],
  ['Johannesburg', 'ZAF'], ['Cape Town', 'ZAF'], ['Canberra', 'AUS'], ['Ottawa', 'CAN'],
  ['Brasilia', 'BRA'], ['Buenos Aires', 'ARG'], ['Berlin', 'DEU'], ['Paris', 'FRA'],
  ['London', 'GBR'], ['Rome', 'ITA'], ['Madrid', 'ESP'], ['Warsaw', 'POL'],
  ['Bamako', 'MLI'], ['Niamey', 'NER'], ['Ouagadougou', 'BFA'], ["N'Djamena", 'TCD'],
  ['Ndjamena', 'TCD'], ['Kinshasa', 'COD'], ['Goma', 'COD'], ['Port-au-Prince', 'HTI'],
];
// States that no longer exist, under the alpha-3 code ISO 3166-1 gave them
// (ISO 3166-3 lists them as withdrawn; Phoenix codes the Soviet Union SUN):
// news archives and history name them ("the Soviet Union", 208 times in
// Reuters-21578), and without them the words fell to other entries ("Union"
// read as a labour union).
const FORMER = [
  ['SUN', 'Soviet Union', ['Soviet Union', 'USSR', 'U.S.S.R.',
    'Union of Soviet Socialist Republics', 'Soviet', 'Soviets']],
  ['YUG', 'Yugoslavia', ['Yugoslavia', 'Yugoslav', 'Yugoslavs',
    'Socialist Federal Republic of Yugoslavia', 'Federal Republic of Yugoslavia']],
  ['CSK', 'Czechoslovakia', ['Czechoslovakia', 'Czechoslovak', 'Czechoslovaks']],
  ['DDR', 'East Germany', ['East Germany', 'East German', 'East Germans',
    'German Democratic Republic']],
];
// Where two registry entries give the same phrase to two codes, this says
// which one news text means (others are dropped and listed in the header).
const PREFER = {};

const LATIN = /^[\p{Script=Latin}\p{M}\s'’.\-]+$/u;

function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '');
}
function key(s) {
  return fold(s).toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ').trim();
}
function usable(s) {
  if (!s || s.includes(',') || s.includes('(') || !LATIN.test(s)) return false;
  if (!/^[A-Za-z .'’\-]+$/.test(fold(s))) return false;  // no IPA, no other scripts
  const letters = s.replace(/[^\p{L}]/gu, '');
  if (letters.length < 4 && !/^[A-Z]{3}$/.test(s) && !/^[A-Z]\.[A-Z]\.$/.test(s)) return false;
  return true;
}
function stripThe(s) {
  return s.replace(/^the\s+/i, '');
}
// "Korea, Republic of" -> "Republic of Korea"; others with commas are skipped.
function invert(name) {
  const m = /^([^,]+), ((?:The |the )?[^,]*\bof(?: the)?)$/.exec(name);
  return m ? `${m[2]} ${m[1]}` : name;
}
function demonymPlural(d) {
  if (/(ese|ss|sh|ch|i|s)$/i.test(d)) return d.endsWith('i') ? d + 's' : null;
  return d + 's';
}
// PETRARCH phrase: words joined by '_', a trailing '_' (whole-word phrase).
function phrase(s) {
  return s.replace(/’/g, "'").trim().split(/\s+/).join('_').toUpperCase() + '_';
}
function phraseKeepCase(s) {
  // Non-ASCII letters stay as written (the loader lower-cases ASCII only, as does
  // the text side), ASCII letters are upper-cased like the rest of the file.
  return s.replace(/’/g, "'").trim().split(/\s+/).join('_')
    .replace(/[a-z]/g, (c) => c.toUpperCase()) + '_';
}

function generate({ iso, wc, wcVersion }) {
  const byCode = new Map();  // code -> {name, phrases: [{text, src}]}
  const owners = new Map();  // key -> Set(code)
  const add = (code, text, src) => {
    if (!text) return;
    text = stripThe(text.trim());
    if (!usable(text)) return;
    const k = key(text);
    if (DROP.has(k)) return;
    const e = byCode.get(code);
    if (!e) return;
    if (e.phrases.some((p) => key(p.text) === k)) return;
    e.phrases.push({ text, src });
    if (!owners.has(k)) owners.set(k, new Set());
    owners.get(k).add(code);
    // ASCII-folded variant (Côte d'Ivoire -> Cote d'Ivoire).
    const f = fold(text);
    if (f !== text && !e.phrases.some((p) => p.text === f)) e.phrases.push({ text: f, src });
  };
  for (const c of iso) {
    byCode.set(c.alpha_3, { name: c.common_name || c.name, phrases: [] });
  }
  const wcBy = new Map(wc.map((x) => [CODE_FIX[x.cca3] || x.cca3, x]));
  for (const [code, x] of wcBy) {
    if (!byCode.has(code)) byCode.set(code, { name: x.name.common, phrases: [] });
  }
  for (const c of iso) {
    const code = c.alpha_3;
    add(code, c.common_name, 'iso');
    add(code, invert(c.name), 'iso');
    add(code, c.official_name, 'iso');
  }
  for (const [code, x] of wcBy) {
    add(code, x.name.common, 'wc');
    add(code, x.name.official, 'wc');
    const dem = x.demonyms && x.demonyms.eng;
    if (dem) {
      for (const d of new Set([dem.m, dem.f])) {
        for (const part of d.split(/,\s*/)) {
          add(code, part, 'wc-demonym');
          add(code, demonymPlural(part), 'wc-demonym');
        }
      }
    }
    for (const cap of x.capital || []) add(code, cap, 'wc-capital');
    for (const alt of x.altSpellings || []) add(code, alt, 'wc-alt');
  }
  for (const [code, name, texts] of FORMER) {
    if (byCode.has(code)) throw new Error(`FORMER: ${code} is a current code`);
    byCode.set(code, { name, phrases: [] });
    for (const text of texts) add(code, text, 'dyad-former');
  }
  // Ambiguous phrases: keep the preferred owner, drop the others.
  const ambiguous = [];
  for (const [k, codes] of owners) {
    if (codes.size < 2) continue;
    const keep = PREFER[k];
    ambiguous.push(`${k}: ${[...codes].sort().join('/')}${keep ? ' -> ' + keep : ' (dropped)'}`);
    for (const code of codes) {
      if (code === keep) continue;
      const e = byCode.get(code);
      e.phrases = e.phrases.filter((p) => key(p.text) !== k && key(fold(p.text)) !== k);
    }
  }
  // Hand-made additions: remove the phrase from any other owner first.
  for (const [text, code] of EXTRA) {
    const k = key(text);
    for (const [c, e] of byCode) {
      if (c !== code) e.phrases = e.phrases.filter((p) => key(p.text) !== k);
    }
    const e = byCode.get(code);
    if (!e) throw new Error(`EXTRA: unknown code ${code} for ${text}`);
    if (!e.phrases.some((p) => key(p.text) === k)) e.phrases.push({ text, src: 'dyad' });
  }

  const lines = [];
  lines.push('<!-- dyad countries actor dictionary (PETRARCH format). GENERATED: do not edit. -->');
  lines.push('<!-- Made by scripts/gen_countries.mjs from Debian iso-codes (ISO 3166-1) and npm -->');
  lines.push(`<!-- world-countries ${wcVersion}, plus the script's own tables. Codes: ISO alpha-3 -->`);
  lines.push('<!-- (Kosovo: XKX). Edit the script, then run: node scripts/gen_countries.mjs -->');
  lines.push('<!-- Known ambiguities kept on purpose: Georgia is GEO (also a US state); Jordan,');
  lines.push('     Chad, Niger are countries here (also names / a river). Bare "Congo" is COD, as in');
  lines.push('     most news; the Brazzaville republic is "Republic of (the) Congo" (COG). -->');
  if (ambiguous.length) {
    lines.push('<!-- Phrases two registry entries share, left out (EXTRA in the script re-adds some):');
    for (const a of ambiguous.sort()) lines.push(`     ${a.replace(/--/g, '- -')}`);
    lines.push('-->');
  }
  lines.push('');
  const codes = [...byCode.keys()].sort();
  let records = 0;
  for (const code of codes) {
    const e = byCode.get(code);
    if (!e.phrases.length) continue;
    // Primary: the first phrase; the rest are synonyms, in a stable order.
    const [first, ...rest] = e.phrases;
    const seen = new Set();
    const out = [];
    for (const p of [first, ...rest]) {
      const ph = phraseKeepCase(p.text);
      if (seen.has(ph)) continue;
      seen.add(ph);
      out.push(ph);
    }
    lines.push(`${out[0]}  [${code}]  # ${e.name.replace(/[#;]/g, ' ')}`);
    for (const ph of out.slice(1)) lines.push(`+${ph}`);
    lines.push('');
    ++records;
  }
  return { text: lines.join('\n'), records };
}

const inputs = loadInputs();
if (inputs.missing) {
  console.error(`gen_countries: skipped: ${inputs.missing} is not installed`);
  process.exit(77);
}
const { text, records } = generate(inputs);
const mode = process.argv[2] || '';
if (mode === '--stdout') {
  process.stdout.write(text);
} else if (mode === '--check') {
  const have = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  if (have !== text) {
    console.error(`gen_countries: ${path.relative(ROOT, OUT)} differs from the generator's output; ` +
      'run `node scripts/gen_countries.mjs` and commit the result');
    process.exit(1);
  }
  console.log(`gen_countries: ${path.relative(ROOT, OUT)} is up to date (${records} countries)`);
} else {
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, text);
  console.log(`gen_countries: wrote ${path.relative(ROOT, OUT)} (${records} countries)`);
}
