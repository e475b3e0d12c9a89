#!/usr/bin/env node
// Generates dyad's dated leader dictionary and its per-country institutions:
//
//   data/dict/leaders.actors.txt  heads of state and government and UK ministers,
//                                 <ISO3>GOV during each spell in office, <ISO3>ELI
//                                 before and after (PETRARCH date restrictions)
//   data/dict/states.actors.txt   for every country: government, ministries,
//                                 police, armed forces, parliament, courts,
//                                 central bank, intelligence, election commission,
//                                 state media, parties, as "the <adjective> X" and
//                                 "<country>'s X"; plus international bodies and
//                                 armed non-state groups with their dates
//
// Inputs (read in place, never copied): the leaders files in
// $DYAD_SHARED_DIR/data/leaders (default ../shared next to the checkout):
//   reign-2021/leaderlist_3_21.csv, regime_list.csv   REIGN, monthly, 1945-2021-02
//   wikidata-2022/wikidata.csv                        heads in office 2021-2022 (years)
//   current-2026/all-leaders.csv                      30 G20/ASEAN entities, 2026-08-22
//   ifg-uk-ministers/{appointment,person,post}.csv    UK ministers since 1979 (days)
// plus npm world-countries (names, demonyms), WordNet (/usr/share/wordnet: which
// surnames are common words) and the hand-kept tables in scripts/actors/:
//   cow_iso3.txt    REIGN's Correlates-of-War state codes -> ISO3
//   overrides.txt   decisions where the sources disagree or are wrong (see its header)
// Phrases already defined by the hand-written dictionaries (people, institutions,
// groups, countries) are left to them. Output is deterministic.
//
//   node scripts/gen_actors.mjs            # writes both files
//   node scripts/gen_actors.mjs --check    # exit 1 if a committed file differs
//   node scripts/gen_actors.mjs --report   # also print every disagreement and skip
//
// Exit status 77 ("skip") when an input is not installed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = process.env.DYAD_SHARED_DIR || path.join(ROOT, '..', 'shared');
const LEADERS = process.env.DYAD_LEADERS_DIR || path.join(SHARED, 'data', 'leaders');
const WORDNET = process.env.DYAD_WORDNET_DIR || '/usr/share/wordnet';
const DICT = path.join(ROOT, 'data', 'dict');
const OUT_LEADERS = path.join(DICT, 'leaders.actors.txt');
const OUT_STATES = path.join(DICT, 'states.actors.txt');
const TABLES = path.join(ROOT, 'scripts', 'actors');

// ---------------------------------------------------------------- small helpers
function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L')
    .replace(/ø/g, 'o').replace(/Ø/g, 'O').replace(/ß/g, 'ss').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .replace(/ı/g, 'i');
}
function key(s) {
  return fold(s).toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ').trim();
}
// The loader reads an accented Latin-1 letter (U+00C0..U+00FF) as its base
// letter (src/dict/fold.h), so phrases are written that way: "Béavogui" and
// "Beavogui" are one phrase, shared if two people have it.
const LATIN1_BASE = 'aaaaaaaceeeeiiiidnooooo*ouuuuytsaaaaaaaceeeeiiiidnooooo/ouuuuyty';
// A phrase as dictionary words: "Chile's police" -> CHILE_'S_POLICE_. Other
// non-ASCII letters stay as written.
function phrase(s) {
  return s.replace(/’/g, "'").replace(/'s\b/g, " 's").trim().split(/\s+/).join('_')
    .replace(/[\u00C0-\u00FF]/g, (c) => LATIN1_BASE[c.charCodeAt(0) - 0xC0])
    .replace(/[a-z]/g, (c) => c.toUpperCase()) + '_';
}
function csvRows(text) {
  const rows = [];
  let row = [], field = '', q = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; ++i; }
      else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') ++i;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}
function readCsv(file) {
  const [head, ...rows] = csvRows(fs.readFileSync(file, 'utf8'));
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}
const ymd = (y, m, d) => y * 10000 + m * 100 + d;
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
function isoDate(s) {  // "2022-09-08" -> 20220908
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || '');
  return m ? ymd(+m[1], +m[2], +m[3]) : 0;
}
function minusDay(d) {
  const t = new Date(Date.UTC(Math.floor(d / 10000), Math.floor(d / 100) % 100 - 1, d % 100));
  t.setUTCDate(t.getUTCDate() - 1);
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}
const OPEN = 99991231;

// ---------------------------------------------------------------- inputs
function loadInputs() {
  const need = [
    path.join(LEADERS, 'reign-2021', 'leaderlist_3_21.csv'),
    path.join(LEADERS, 'wikidata-2022', 'wikidata.csv'),
    path.join(LEADERS, 'current-2026', 'all-leaders.csv'),
    path.join(LEADERS, 'ifg-uk-ministers', 'appointment.csv'),
    path.join(WORDNET, 'data.noun'),
  ];
  for (const f of need) if (!fs.existsSync(f)) return { missing: f };
  let wc;
  try {
    wc = createRequire(path.join(ROOT, 'package.json'))('world-countries/countries.json');
  } catch {
    return { missing: 'npm package world-countries (run `npm ci` at the repo root)' };
  }
  return { wc };
}

// Words WordNet lists in lower case (bush, may, price, brown) and English
// function words: a surname that is one of them codes only with a title or a
// first name ("President Bush", "Theresa May").
function commonWords() {
  const set = new Set(['us', 'may', 'will', 'can', 'said', 'says', 'new', 'more', 'the', 'a',
    'an', 'and', 'or', 'but', 'not', 'all', 'one', 'his', 'her', 'its', 'our', 'we', 'he',
    'she', 'they', 'it', 'i', 'you', 'him', 'them', 'who', 'what', 'when', 'where', 'why',
    'how', 'this', 'that', 'these', 'those', 'was', 'were', 'are', 'be', 'been', 'had', 'has',
    'have', 'do', 'did', 'does', 'also', 'after', 'before', 'over', 'under', 'about', 'against',
    'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october',
    'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
    'sunday', 'mr', 'mrs', 'ms', 'sir', 'lord', 'lady', 'president', 'minister', 'king', 'queen',
    'general', 'said', 'sen', 'van', 'von', 'de', 'da', 'del', 'la', 'le', 'el', 'al', 'bin', 'ibn',
    'abu', 'dos', 'das', 'du']);
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    const text = fs.readFileSync(path.join(WORDNET, `data.${pos}`), 'latin1');
    for (const line of text.split('\n')) {
      if (!/^\d/.test(line)) continue;
      const f = line.split(' ');
      const n = parseInt(f[3], 16);
      for (let i = 0; i < n; ++i) {
        const w = f[4 + 2 * i].replace(/\(.*\)$/, '');
        if (/^[a-z][a-z'-]*$/.test(w)) set.add(w);
      }
    }
  }
  return set;
}

// Every phrase the hand-written actor files (and the generated country file)
// define: the generated files leave those to them.
function existingPhrases() {
  const out = new Map();
  for (const f of fs.readdirSync(DICT).sort()) {
    if (!f.includes('actor') || f === path.basename(OUT_LEADERS) || f === path.basename(OUT_STATES)) continue;
    const text = fs.readFileSync(path.join(DICT, f), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    for (const line of text.split('\n')) {
      const m = /^\+?([^\s\[#;]+)/.exec(line);
      if (!m || /^\s/.test(line)) continue;
      out.set(m[1].toLowerCase().replace(/_$/, ''), f);
    }
  }
  return out;
}

// A hand-kept table: `#` starts a comment; fields are separated by tabs
// (`sep` = /\t+/) or any blanks.
function readTable(file, sep = /\s+/) {
  const rows = [];
  const text = fs.readFileSync(file, 'utf8');
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\s#.*$/, '').replace(/^#.*$/, '').trim();
    if (!line) return;
    rows.push({ line: i + 1, f: line.split(sep).map((x) => x.trim()) });
  });
  return rows;
}

// ---------------------------------------------------------------- countries
// Adjectives and names the registry gives badly or ambiguously (ISO3 -> list).
const ADJ_FIX = {
  USA: ['American', 'U.S.', 'US'], GBR: ['British', 'UK', 'U.K.'], KOR: ['South Korean'],
  PRK: ['North Korean'], COD: ['Congolese'], COG: [], GIN: ['Guinean'],
  GNB: ['Bissau-Guinean'], GNQ: ['Equatorial Guinean'], DOM: ['Dominican'], DMA: [],
  NLD: ['Dutch'], PHL: ['Philippine', 'Filipino'], ARE: ['Emirati', 'UAE'], SAU: ['Saudi'],
  BIH: ['Bosnian'], CZE: ['Czech'], SVK: ['Slovak'], TLS: ['Timorese'], CPV: ['Cape Verdean'],
  KNA: ['Kittitian'], VCT: ['Vincentian'], TTO: ['Trinidadian'], ATG: ['Antiguan'],
  STP: ['Sao Tomean'], CAF: ['Central African'], MHL: ['Marshallese'], SLB: ['Solomon Islands'],
  FSM: ['Micronesian'], NZL: ['New Zealand'], PNG: ['Papua New Guinean'], LAO: ['Lao', 'Laotian'],
  MMR: ['Myanmar', 'Burmese'], VNM: ['Vietnamese'], ECU: ['Ecuadorian'], BHR: ['Bahraini'],
  XKX: ['Kosovar', 'Kosovo'], PSE: ['Palestinian'], TWN: ['Taiwanese'], ISR: ['Israeli'],
  BGD: ['Bangladeshi'], CHE: ['Swiss'], IRL: ['Irish'], MKD: ['North Macedonian', 'Macedonian'],
  SWZ: ['Swazi', 'Eswatini'], LSO: ['Lesotho'], BWA: ['Botswana'], MDG: ['Malagasy'],
  CIV: ['Ivorian'], BFA: ['Burkinabe'], SSD: ['South Sudanese'], ZAF: ['South African'],
  TUR: ['Turkish'], GEO: ['Georgian'], AZE: ['Azerbaijani'], KGZ: ['Kyrgyz'], TJK: ['Tajik'],
  TKM: ['Turkmen'], UZB: ['Uzbek'], KAZ: ['Kazakh'], AFG: ['Afghan'], PAK: ['Pakistani'],
  NPL: ['Nepali', 'Nepalese'], LKA: ['Sri Lankan'], MDV: ['Maldivian'], BTN: ['Bhutanese'],
  VAT: ['Vatican'], MCO: ['Monegasque'], LIE: ['Liechtenstein'], SMR: ['Sammarinese'],
  AND: ['Andorran'], LUX: ['Luxembourg'], MLT: ['Maltese'], CYP: ['Cypriot'], ISL: ['Icelandic'],
  KIR: ['Kiribati'], TUV: ['Tuvaluan'], NRU: ['Nauruan'], PLW: ['Palauan'], VUT: ['Vanuatuan'],
  WSM: ['Samoan'], TON: ['Tongan'], FJI: ['Fijian'], COM: ['Comoran', 'Comorian'],
  SYC: ['Seychellois'], MUS: ['Mauritian'], GMB: ['Gambian'], SLE: ['Sierra Leonean'],
  YEM: ['Yemeni'], OMN: ['Omani'], QAT: ['Qatari'], KWT: ['Kuwaiti'], IRQ: ['Iraqi'],
  IRN: ['Iranian'], HKG: ['Hong Kong'],
};
const NAME_FIX = {
  USA: ['United States', 'U.S.', 'America'], GBR: ['Britain', 'United Kingdom', 'UK'],
  KOR: ['South Korea'], PRK: ['North Korea'], COD: ['Congo', 'DR Congo', 'DRC'],
  COG: ['Republic of Congo'], CZE: ['Czech Republic', 'Czechia'], TUR: ['Turkey'],
  CIV: ['Ivory Coast'], MMR: ['Myanmar'], PSE: ['Palestine'], XKX: ['Kosovo'],
  RUS: ['Russia'], SYR: ['Syria'], IRN: ['Iran'], VEN: ['Venezuela'], BOL: ['Bolivia'],
  TZA: ['Tanzania'], MDA: ['Moldova'], LAO: ['Laos'], VNM: ['Vietnam'], TWN: ['Taiwan'],
  MKD: ['North Macedonia'], SWZ: ['Eswatini'], CPV: ['Cape Verde'], TLS: ['East Timor'],
  VAT: ['Vatican'], FSM: ['Micronesia'], BRN: ['Brunei'], NLD: ['Netherlands'],
  PHL: ['Philippines'], ARE: ['UAE', 'United Arab Emirates'], BIH: ['Bosnia', 'Bosnia and Herzegovina'], GMB: ['Gambia'], BHS: ['Bahamas'],
};
// Territories with their own governments that news reports as actors.
const EXTRA_ENTITIES = ['PSE', 'TWN', 'XKX', 'HKG'];

function countryTable(wc) {
  const out = [];
  for (const x of wc) {
    const code = x.cca3 === 'UNK' ? 'XKX' : x.cca3;
    if (!x.independent && !EXTRA_ENTITIES.includes(code)) continue;
    const dem = x.demonyms && x.demonyms.eng ? x.demonyms.eng.m : '';
    const adjs = ADJ_FIX[code] || (dem ? [dem.split(/,| or /)[0].trim()] : []);
    const names = NAME_FIX[code] || [x.name.common];
    out.push({ code, adjs, names, capital: (x.capital || [])[0] || '' });
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : 1));
}

// Country names of the Wikidata file -> ISO3 (registry names, then these).
const WD_COUNTRY_FIX = {
  'People\'s Republic of China': 'CHN', 'Kingdom of the Netherlands': 'NLD',
  'Kingdom of Denmark': 'DNK', 'State of Palestine': 'PSE', 'Kosovo': 'XKX',
  'Taiwan': 'TWN', 'Republic of the Congo': 'COG', 'Democratic Republic of the Congo': 'COD',
  'The Gambia': 'GMB', 'The Bahamas': 'BHS', 'Federated States of Micronesia': 'FSM',
  'Ivory Coast': 'CIV', 'Czech Republic': 'CZE', 'East Timor': 'TLS', 'Vatican City': 'VAT',
  'Georgia': 'GEO', 'Eswatini': 'SWZ', 'North Korea': 'PRK', 'South Korea': 'KOR',
  'Cape Verde': 'CPV', 'Sahrawi Arab Democratic Republic': '', 'Abkhazia': '',
  'South Ossetia': '', 'Transnistria': '', 'Northern Cyprus': '', 'Artsakh': '',
  'Somaliland': '', 'Cook Islands': 'COK', 'Niue': 'NIU', 'Turkey': 'TUR',
  'Sovereign Military Order of Malta': '',
};
function countryLookup(wc) {
  const m = new Map();
  for (const x of wc) {
    const code = x.cca3 === 'UNK' ? 'XKX' : x.cca3;
    for (const n of [x.name.common, x.name.official, ...(x.altSpellings || [])]) {
      if (!m.has(key(n))) m.set(key(n), code);
    }
  }
  for (const [n, c] of Object.entries(WD_COUNTRY_FIX)) m.set(key(n), c);
  return (name) => (m.has(key(name)) ? m.get(key(name)) : undefined);
}

// ---------------------------------------------------------------- people
// Family name first: the surname is the first word ("Xi Jinping" -> Xi).
const FAMILY_FIRST = new Set(['CHN', 'TWN', 'KOR', 'PRK', 'KHM', 'MNG', 'HKG']);
const PARTICLES = new Set(['de', 'da', 'do', 'dos', 'das', 'del', 'della', 'di', 'van', 'von',
  'der', 'den', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'y', 'ben', 'mac']);
const MONARCH_TITLES = ['King', 'Queen', 'Emir', 'Sultan', 'Prince', 'Emperor', 'Sheikh'];
const GENERIC_TITLES = ['President', 'Prime Minister'];

function cleanName(raw) {
  let s = raw.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  const inv = /^([^,]+),\s*(.+)$/.exec(s);  // "Duvalier, Francois" -> "Francois Duvalier"
  if (inv) s = inv[2].endsWith('-') ? inv[1] : `${inv[2]} ${inv[1]}`;
  return s.replace(/[;#\[\]{}"]/g, '').replace(/,/g, '').trim();
}
function surnameOf(name, iso) {
  const words = name.split(' ').filter((w) => !/^(jr\.?|sr\.?|ii|iii|iv)$/i.test(w));
  if (!words.length) return '';
  if (FAMILY_FIRST.has(iso)) return words[0];
  let i = words.length - 1;
  while (i > 0 && PARTICLES.has(words[i - 1].toLowerCase()) && words.length > 2) --i;
  return words.slice(i).join(' ');
}
// Titles news puts before a head's name; other office names ("Member of the
// Swiss Federal Council") give no title form.
const TITLES = new Set(['President', 'Prime Minister', 'Premier', 'Chancellor', 'King', 'Queen',
  'Emir', 'Sultan', 'Prince', 'Emperor', 'Grand Duke', 'Chairman', 'Supreme Leader',
  'Chief Executive', 'Taoiseach', 'Captain Regent', 'Pope', 'General', 'Monarch']);
function titleOf(label) {  // "Prime Minister of Albania" -> "Prime Minister"
  const t = label.replace(/\s+of\s.*$/i, '').replace(/^(the|federal|french|episcopal)\s+/i, '').trim();
  const c = t.split(' ').map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w)).join(' ');
  return TITLES.has(c) ? c : '';
}

class People {
  constructor(report) {
    this.list = [];
    this.report = report;
  }
  add(p) {
    p.names = p.names || new Set();
    p.titles = p.titles || new Set();
    p.spells = p.spells || [];
    p.sources = p.sources || new Set();
    this.list.push(p);
    return p;
  }
  // The person of `iso` called `name`: a person with that full name, else (for
  // a REIGN entry known by surname only) the one with that surname; when
  // `openAfter` is given the person's latest spell must reach that date.
  find(iso, name, openAfter = 0) {
    const k = key(name).replace(/-/g, ' ');
    const sur = key(surnameOf(name, iso));
    const live = (p) => p.iso === iso && !p.minister &&
      (!openAfter || p.spells.some((s) => s.to >= openAfter));
    const exact = this.list.filter((p) => live(p) && [...p.names].some((n) => key(n).replace(/-/g, ' ') === k));
    if (exact.length) return exact.length === 1 ? exact[0] : null;
    // "Cyril Ramaphosa" is "Matamela Cyril Ramaphosa": every word of the shorter
    // name is in the longer one, the surnames agree.
    const words = new Set(k.split(' '));
    const within = (n) => {
      const w = key(n).replace(/-/g, ' ').split(' ');
      const [a, b] = w.length < words.size ? [new Set(w), words] : [words, new Set(w)];
      return a.size > 1 && [...a].every((x) => b.has(x)) && key(surnameOf(n, iso)) === sur;
    };
    const subset = this.list.filter((p) => live(p) && [...p.names].some(within));
    if (subset.length) return subset.length === 1 ? subset[0] : null;
    const bySurname = this.list.filter((p) => live(p) && !p.full &&
      (key(p.surname) === sur || key(p.surname) === k));
    return bySurname.length === 1 ? bySurname[0] : null;
  }
}

function regimeTypes(file) {
  const out = new Map();  // cow -> [{from, to, type}]
  for (const r of readCsv(file)) {
    const d = (s) => {
      const m = /^(\d+)\/(\d+)\/(\d{4})$/.exec(s);
      return m ? ymd(+m[3], +m[1], +m[2]) : 0;
    };
    if (!out.has(r.cowcode)) out.set(r.cowcode, []);
    out.get(r.cowcode).push({ from: d(r.gwf_startdate), to: d(r.gwf_enddate), type: r.gwf_regimetype.trim() });
  }
  return out;
}

const REIGN_END = 20210228;  // last month of the REIGN file: spells ending then are open

function addReign(people, cow, report) {
  const rows = readCsv(path.join(LEADERS, 'reign-2021', 'leaderlist_3_21.csv'));
  const regimes = regimeTypes(path.join(LEADERS, 'reign-2021', 'regime_list.csv'));
  const byKey = new Map();
  for (const r of rows) {
    const iso = cow.get(`${r.stateabb} ${r.ccode}`);
    if (!iso) { report.push(`reign: no ISO3 for ${r.stateabb} ${r.ccode} (${r.leader})`); continue; }
    const name = cleanName(r.leader);
    if (!name) continue;
    const from = ymd(+r.syear, +r.smonth, +r.sdate || 1);
    let to = r.eyear ? ymd(+r.eyear, +r.emonth, lastDay(+r.eyear, +r.emonth)) : OPEN;
    if (to >= REIGN_END) to = OPEN;
    const k = `${iso}|${key(name)}`;
    let p = byKey.get(k);
    if (!p) {
      p = people.add({ iso, surname: name.includes(' ') ? surnameOf(name, iso) : name,
        reignName: name, full: name.includes(' ') ? name : undefined });
      byKey.set(k, p);
    }
    p.names.add(name);
    p.sources.add('REIGN');
    p.spells.push({ from, to, src: 'reign' });
    GENERIC_TITLES.forEach((t) => p.titles.add(t));
    const reg = (regimes.get(r.ccode) || []).find((g) => g.from <= from && from <= g.to);
    if (reg && reg.type === 'monarchy') MONARCH_TITLES.forEach((t) => p.titles.add(t));
    if (reg && /military/.test(reg.type)) p.titles.add('General');
    if (r.militarycareer === '1') p.titles.add('General');
  }
}

function addWikidata(people, lookup, overrides, report) {
  const rows = readCsv(path.join(LEADERS, 'wikidata-2022', 'wikidata.csv'));
  // A person heading several countries (the British monarch in the realms,
  // Andorra's co-princes) is coded with the country they are head of government
  // or of state first in the file of their own country: see `personalUnion`.
  const countriesOf = new Map();
  for (const r of rows) {
    const iso = lookup(r.country);
    if (!iso) continue;
    if (!countriesOf.has(r.officeholder)) countriesOf.set(r.officeholder, new Set());
    countriesOf.get(r.officeholder).add(iso);
  }
  for (const r of rows) {
    const iso = lookup(r.country);
    if (iso === undefined) { report.push(`wikidata: unknown country "${r.country}"`); continue; }
    if (!iso) continue;  // entity dyad does not code as a state
    const name = cleanName(r.officeholderLabel);
    if (!name || /^Q\d+$/.test(name)) continue;
    const title = titleOf(r.positionLabel);
    const home = overrides.home.get(key(name));
    if (countriesOf.get(r.officeholder).size > 1 && home && home !== iso) {
      report.push(`wikidata: ${name} is ${r.positionLabel}; coded as ${home} (override "home")`);
      continue;
    }
    const sy = +r.start_year, ey = r.end_year ? +r.end_year : 0;
    const role = /prime minister|premier|chancellor|head of government|chief executive/i
      .test(r.positionLabel) ? 'hog' : 'hos';
    let p = people.find(iso, name, 20200101);
    let from = sy ? ymd(sy, 1, 1) : 20210101;
    if (p) {
      const open = p.spells.filter((s) => s.to === OPEN && s.src === 'reign')
        .sort((a, b) => b.from - a.from)[0];
      if (open && Math.floor(open.from / 10000) !== sy && sy) {
        report.push(`disagree: ${iso} ${name}: REIGN spell from ${open.from}, Wikidata ${r.positionLabel} from ${sy}`);
      }
      if (open && Math.floor(open.from / 10000) === sy) from = open.from;
      if (open && ey) open.to = ymd(ey, 12, 31);
      p.names.add(name);
      if (key(p.surname) !== key(surnameOf(name, iso)) && name.includes(' ')) p.full = name;
    } else {
      p = people.add({ iso, surname: surnameOf(name, iso) });
      p.names.add(name);
    }
    if (!p.full && name.includes(' ')) p.full = name;
    p.sources.add('Wikidata');
    p.wikidata = p.wikidata || [];
    p.wikidata.push({ qid: r.officeholder, label: r.positionLabel });
    if (title) p.titles.add(title === 'Monarch' ? 'King' : title);
    if (title === 'Monarch') MONARCH_TITLES.forEach((t) => p.titles.add(t));
    GENERIC_TITLES.forEach((t) => p.titles.add(t));
    p.spells.push({ from, to: ey ? ymd(ey, 12, 31) : OPEN, src: 'wikidata', role });
  }
}

const ISO2 = new Map();
function addCurrent(people, wc, overrides, report) {
  for (const x of wc) ISO2.set(x.cca2, x.cca3);
  const rows = readCsv(path.join(LEADERS, 'current-2026', 'all-leaders.csv'));
  for (const r of rows) {
    const iso = ISO2.get(r.ISO);
    if (!iso) continue;  // EU, AU: international bodies, see states.actors.txt
    for (const [role, title, holder, since] of [
      ['hog', r['HoG Title'], r['Head of Government'], r['HoG Since']],
      ['hos', r['HoS Title'], r['Head of State'], r['HoS Since']]]) {
      const fix = overrides.current.get(`${iso} ${role}`);
      let name = cleanName(holder), from = isoDate(since);
      if (fix) {
        report.push(`current-2026: ${iso} ${role} "${holder}" ${since || '(no date)'} -> ` +
          `"${fix.name}" ${fix.since} (override: ${fix.why})`);
        name = fix.name;
        from = isoDate(fix.since);
      }
      if (!name || !from) continue;
      let p = people.find(iso, name);
      if (p) {
        const open = p.spells.find((s) => s.to === OPEN);
        if (open && Math.abs(open.from - from) > 10000) {
          report.push(`disagree: ${iso} ${name}: earlier source from ${open.from}, 2026 snapshot ${role} since ${from}`);
        }
      } else {
        p = people.add({ iso, surname: surnameOf(name, iso) });
      }
      p.names.add(name);
      if (!p.full && name.includes(' ')) p.full = name;
      p.sources.add('2026');
      const t = titleOf(title.replace(/\s*\(.*\)/, '').replace(/ and .*/, ''));
      if (t) p.titles.add(t === 'Monarch' ? 'King' : t);
      GENERIC_TITLES.forEach((t) => p.titles.add(t));
      p.spells.push({ from, to: OPEN, src: 'current', role });
      // The holder's predecessors in that office leave it the day before.
      for (const q of people.list) {
        if (q === p || q.iso !== iso || q.minister) continue;
        for (const s of q.spells) {
          if (s.to === OPEN && s.from < from && (!s.role || s.role === role)) s.to = minusDay(from);
        }
      }
    }
  }
}

// UK ministers of cabinet rank and ministers of state (IfG), exact days.
function addUkMinisters(people) {
  const dir = path.join(LEADERS, 'ifg-uk-ministers');
  const persons = new Map();
  for (const r of readCsv(path.join(dir, 'person.csv'))) {
    if (!persons.has(r.id)) persons.set(r.id, []);
    persons.get(r.id).push(r);
  }
  const posts = new Map(readCsv(path.join(dir, 'post.csv')).map((r) => [r.id, r]));
  const byPerson = new Map();
  for (const a of readCsv(path.join(dir, 'appointment.csv'))) {
    const post = posts.get(a.post_id);
    if (!post || !['PM', 'DPM', 'SoS', 'MoS'].includes(post.rank_equivalence)) continue;
    if (!byPerson.has(a.person_id)) byPerson.set(a.person_id, []);
    byPerson.get(a.person_id).push({ from: isoDate(a.start_date), to: a.end_date ? isoDate(a.end_date) : OPEN, src: 'ifg' });
  }
  for (const [id, spells] of [...byPerson].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const recs = persons.get(id) || [];
    if (!recs.length) continue;
    const p = people.add({ iso: 'GBR', minister: true, surname: recs[0].short_name });
    for (const r of recs) {
      for (const n of [r.display_name, r.name]) {
        const c = cleanName(n || '');
        if (c.includes(' ')) p.names.add(c);
        const plain = c.replace(/^(Sir|Dame|Dr|Lord|Baroness|Lady) /, '');
        if (plain !== c && plain.includes(' ')) p.names.add(plain);
      }
    }
    p.full = [...p.names][0];
    p.sources.add('IfG');
    p.spells.push(...spells);
  }
}

function readOverrides(report) {
  const o = { home: new Map(), current: new Map(), dates: [], names: [], skip: new Set() };
  for (const { line, f } of readTable(path.join(TABLES, 'overrides.txt'), /\t+/)) {
    const [kind, ...a] = f;
    const why = `overrides.txt:${line}`;
    if (kind === 'home') o.home.set(key(a[0]), a[1]);
    else if (kind === 'current') o.current.set(`${a[0]} ${a[1]}`, { name: a[2], since: a[3], why });
    else if (kind === 'dates') o.dates.push({ iso: a[0], name: a[1], from: isoDate(a[2]), to: a[3] === 'open' ? OPEN : isoDate(a[3]), why });
    else if (kind === 'name') o.names.push({ iso: a[0], name: a[1], add: a.slice(2), why });
    else if (kind === 'skip') o.skip.add(key(a[0]));
    else report.push(`${why}: unknown override "${kind}"`);
  }
  return o;
}

function applyOverrides(people, o, report) {
  for (const d of o.dates) {
    const p = people.find(d.iso, d.name);
    if (!p) { report.push(`${d.why}: no person ${d.iso} ${d.name}`); continue; }
    const y = Math.floor(d.from / 10000);
    // Every spell the sources start that year is this one (REIGN and Wikidata
    // both give it); their days are replaced.
    const same = p.spells.filter((x) => Math.floor(x.from / 10000) === y);
    for (const s of same) { s.from = d.from; s.to = d.to; }
    if (!same.length) p.spells.push({ from: d.from, to: d.to, src: 'override' });
  }
  for (const n of o.names) {
    const p = people.find(n.iso, n.name);
    if (!p) { report.push(`${n.why}: no person ${n.iso} ${n.name}`); continue; }
    for (const x of n.add) p.names.add(x);
    if (!p.full) p.full = n.add[0];
  }
}

// Spells of one person, sorted, overlapping or touching ones merged.
function mergedSpells(spells) {
  const s = spells.map((x) => ({ from: x.from, to: x.to })).filter((x) => x.from && x.to >= x.from)
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const out = [];
  for (const x of s) {
    const last = out[out.length - 1];
    if (last && x.from <= last.to + 1) last.to = Math.max(last.to, x.to);
    else out.push({ ...x });
  }
  return out;
}

// Spanish-speaking countries: a REIGN name of two surnames ("Rajoy Brey") is
// also written by the first one alone.
const HISPANIC = new Set(['ESP', 'MEX', 'GTM', 'HND', 'SLV', 'NIC', 'CRI', 'PAN', 'CUB', 'DOM',
  'COL', 'VEN', 'ECU', 'PER', 'BOL', 'CHL', 'ARG', 'URY', 'PRY']);

// Given names seen in the full names of the sources: a REIGN surname that is
// also a given name ("Michel", "Cameron") is not coded alone, only with a
// title ("President Michel", "Prime Minister Cameron").
function givenNames(people) {
  // Frequent given names the sources may not show as such.
  const out = new Set(['jose', 'juan', 'carlos', 'luis', 'maria', 'mohamed', 'mohammed',
    'muhammad', 'ahmed', 'ahmad', 'hassan', 'abdullah', 'abdul', 'omar', 'ibrahim', 'ismail',
    'yusuf', 'musa', 'john', 'james', 'david', 'michael', 'peter', 'paul', 'george', 'william',
    'albert', 'arthur', 'robert', 'richard', 'thomas', 'charles', 'joseph', 'jean', 'pierre',
    'alexandre', 'alexander', 'andre', 'francisco', 'manuel', 'antonio', 'pedro', 'jorge',
    'mario', 'ivan', 'vladimir', 'khalid', 'salim', 'abdallah', 'mahmoud', 'ali']);
  for (const p of people.list) {
    for (const n of p.names) {
      const w = n.split(' ');
      if (w.length > 1 && !(p.sources.size === 1 && p.sources.has('REIGN'))) out.add(w[0].toLowerCase());
    }
  }
  return out;
}

function personPhrases(p, common, existing, skipped, given) {
  const out = new Set();
  const add = (text) => {
    if (!text) return;
    for (const t of new Set([text, fold(text)])) {
      const ph = phrase(t);
      const k = ph.toLowerCase().replace(/_$/, '');
      if (existing.has(k)) { skipped.push(`${t} (${existing.get(k)})`); continue; }
      if (!/^[\p{L}\p{M}0-9_.'\-]+$/u.test(ph)) continue;
      out.add(ph);
    }
  };
  const names = [...p.names];
  const bareOk = (w) => !common.has(w.toLowerCase()) && !given.has(w.toLowerCase()) &&
    w.length >= 3 && !PARTICLES.has(w.toLowerCase());
  for (const n of names) if (n.includes(' ') || bareOk(n)) add(n);
  const surs = [];
  if (p.surname && !p.minister) surs.push(p.surname);
  const rw = (p.reignName || '').split(' ');
  if (rw.length === 2 && HISPANIC.has(p.iso) && !given.has(rw[0].toLowerCase())) surs.push(rw[0]);
  for (const sur of surs) if (bareOk(sur)) add(sur);
  if (!p.minister) {
    for (const t of [...p.titles].sort()) {
      for (const n of new Set([...names, ...surs])) add(`${t} ${n}`);
    }
  }
  return [...out];
}

function fmtDate(d) {
  return String(d);
}

function generateLeaders(inputs, report) {
  const { wc } = inputs;
  const cow = new Map();
  for (const { f } of readTable(path.join(TABLES, 'cow_iso3.txt'))) cow.set(`${f[0]} ${f[1]}`, f[2]);
  const overrides = readOverrides(report);
  const people = new People(report);
  addReign(people, cow, report);
  addWikidata(people, countryLookup(wc), overrides, report);
  addCurrent(people, wc, overrides, report);
  addUkMinisters(people);
  applyOverrides(people, overrides, report);

  const common = commonWords();
  const given = givenNames(people);
  const existing = existingPhrases();
  const skipped = [];
  // phrase -> [{person, spells}]
  const owners = new Map();
  const recs = [];
  for (const p of people.list) {
    if (overrides.skip.has(key(p.full || p.reignName || p.surname))) continue;
    const spells = mergedSpells(p.spells);
    if (!spells.length) continue;
    const phrases = personPhrases(p, common, existing, skipped, given);
    const rec = { p, spells, phrases };
    recs.push(rec);
    for (const ph of phrases) {
      if (!owners.has(ph)) owners.set(ph, []);
      owners.get(ph).push(rec);
    }
  }
  const lines = [];
  let records = 0, shared = 0;
  const code = (iso, s) => `[${iso}GOV ${fmtDate(s.from)}${s.to === OPEN ? '-99991231' : '-' + fmtDate(s.to)}]`;
  const restriction = (iso, s) => (s.to === OPEN ? `[${iso}GOV >${s.from}]` : code(iso, s));
  const emit = (phrases, iso, spellsByIso, comment) => {
    const def = iso ? `${iso}ELI` : '---';
    lines.push(`${phrases[0]}  [${def}]  # ${comment.replace(/[#;]/g, ' ')}`);
    for (const ph of phrases.slice(1)) lines.push(`+${ph}`);
    for (const [i, s] of spellsByIso) lines.push(`\t${restriction(i, s)}`);
    lines.push('');
    ++records;
  };
  const sorted = [...recs].sort((a, b) => (a.p.iso + (a.p.full || a.p.surname)).localeCompare(b.p.iso + (b.p.full || b.p.surname)) || a.spells[0].from - b.spells[0].from);
  for (const r of sorted) {
    const own = r.phrases.filter((ph) => owners.get(ph).length === 1);
    if (!own.length) continue;
    const what = r.p.minister ? 'UK minister' : 'head of state/government';
    const span = r.spells.map((s) => `${Math.floor(s.from / 10000)}-${s.to === OPEN ? '' : Math.floor(s.to / 10000)}`).join(', ');
    emit(own, r.p.iso, r.spells.map((s) => [r.p.iso, s]), `${r.p.iso} ${what} ${span} (${[...r.p.sources].join(', ')})`);
  }
  // Phrases several people share ("Sharif", "President Kim"): one record with
  // every spell, ELI of the country when all share it, else no code outside them.
  for (const [ph, rs] of [...owners].filter(([, v]) => v.length > 1).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const isos = new Set(rs.map((r) => r.p.iso));
    const all = [], seen = new Set();
    for (const r of rs) {
      for (const s of r.spells) {
        const k = `${r.p.iso} ${s.from} ${s.to}`;
        if (!seen.has(k)) all.push([r.p.iso, s]);
        seen.add(k);
      }
    }
    all.sort((a, b) => a[1].from - b[1].from);
    emit([ph], isos.size === 1 ? [...isos][0] : '', all, `shared by ${rs.length} people of ${[...isos].join('/')}`);
    ++shared;
  }
  const latest = Math.max(...recs.flatMap((r) => r.spells.map((s) => (s.to === OPEN ? s.from : s.to))));
  const head = [
    '<!-- dyad leaders actor dictionary (PETRARCH format). GENERATED: do not edit. -->',
    '<!-- Made by scripts/gen_actors.mjs from the leaders files in ../shared/data/leaders',
    '     (REIGN 1945-2021, Wikidata heads 2021-2022, the 2026 G20/ASEAN snapshot, IfG UK',
    '     ministers 1979-) and scripts/actors/{cow_iso3,overrides}.txt. Heads of state and',
    '     government and UK ministers are <ISO3>GOV within each spell in office, <ISO3>ELI',
    '     outside; a phrase several people share has every spell and no code outside them.',
    '     Wikidata gives years only: a spell from it runs from 1 January of its first year',
    '     to 31 December of its last unless overrides.txt gives the days. An open spell',
    `     ("[XXXGOV >D]") lasts until a newer leaders file closes it. Latest start: ${latest}.`,
    `     Records: ${records} (${shared} shared phrases). Phrases left to the hand-written files: ${skipped.length}. -->`,
    '',
  ];
  return { text: head.concat(lines).join('\n'), records, latest, skipped };
}

// ---------------------------------------------------------------- institutions
// [suffix words, sector code]. "<adjective> X" and "<country>'s X" for each.
const INSTITUTIONS = [
  ['government', 'GOV'], ['cabinet', 'GOV'], ['presidency', 'GOV'], ['president', 'GOV'],
  ['prime minister', 'GOV'], ['vice president', 'GOV'], ['authorities', 'GOV'],
  ['foreign ministry', 'GOV'], ['ministry of foreign affairs', 'GOV'], ['foreign minister', 'GOV'],
  ['interior ministry', 'GOV'], ['ministry of interior', 'GOV'], ['ministry of the interior', 'GOV'],
  ['interior minister', 'GOV'], ['home ministry', 'GOV'], ['home minister', 'GOV'],
  ['justice ministry', 'GOV'], ['ministry of justice', 'GOV'],
  ['justice minister', 'GOV'], ['finance ministry', 'GOV'], ['ministry of finance', 'GOV'],
  ['finance minister', 'GOV'], ['health ministry', 'GOV'], ['ministry of health', 'GOV'],
  ['health minister', 'GOV'], ['education ministry', 'GOV'], ['trade ministry', 'GOV'],
  ['economy ministry', 'GOV'], ['energy ministry', 'GOV'], ['agriculture ministry', 'GOV'],
  ['environment ministry', 'GOV'], ['information ministry', 'GOV'], ['labour ministry', 'GOV'],
  ['central bank', 'GOV'], ['election commission', 'GOV'], ['electoral commission', 'GOV'],
  ['embassy', 'GOV'], ['ambassador', 'GOV'], ['foreign ministry spokesman', 'GOV'],
  ['defence ministry', 'MIL'], ['defense ministry', 'MIL'], ['ministry of defence', 'MIL'],
  ['ministry of defense', 'MIL'], ['defence minister', 'MIL'], ['defense minister', 'MIL'],
  ['army', 'MIL'], ['armed forces', 'MIL'], ['forces', 'MIL'], ['government forces', 'MIL'],
  ['government troops', 'MIL'], ['security forces', 'MIL'], ['defence forces', 'MIL'], ['defense forces', 'MIL'],
  ['defence force', 'MIL'], ['defense force', 'MIL'], ['military', 'MIL'], ['navy', 'MIL'],
  ['air force', 'MIL'], ['troops', 'MIL'], ['soldiers', 'MIL'], ['special forces', 'MIL'],
  ['marines', 'MIL'], ['army chief', 'MIL'], ['military officers', 'MIL'], ['army officers', 'MIL'],
  ['coast guard', 'MIL'], ['navy ships', 'MIL'], ['warships', 'MIL'], ['warplanes', 'MIL'],
  ['police', 'COP'], ['national police', 'COP'], ['police force', 'COP'], ['police officers', 'COP'],
  ['riot police', 'COP'], ['border police', 'COP'], ['federal police', 'COP'],
  ['parliament', 'LEG'], ['national assembly', 'LEG'], ['lawmakers', 'LEG'], ['legislators', 'LEG'],
  ['legislature', 'LEG'], ['senate', 'LEG'], ['congress', 'LEG'], ['parliamentarians', 'LEG'],
  ['supreme court', 'JUD'], ['constitutional court', 'JUD'], ['high court', 'JUD'],
  ['judiciary', 'JUD'], ['prosecutors', 'JUD'], ['public prosecutor', 'JUD'],
  ['prosecutor general', 'JUD'], ['prosecutor-general', 'JUD'], ['courts', 'JUD'], ['judges', 'JUD'],
  ['intelligence', 'SPY'], ['intelligence services', 'SPY'], ['intelligence service', 'SPY'],
  ['intelligence agency', 'SPY'], ['intelligence officials', 'SPY'], ['spy agency', 'SPY'],
  ['secret service', 'SPY'],
  ['state media', 'GOVMED'], ['state television', 'GOVMED'], ['state TV', 'GOVMED'],
  ['state news agency', 'GOVMED'], ['state broadcaster', 'GOVMED'],
  ['ruling party', 'GOVPTY'], ['opposition', 'OPP'], ['opposition parties', 'OPP'],
  ['opposition leader', 'OPP'], ['opposition party', 'OPP'],
];
// Things a country adjective may qualify that are not the country acting:
// "the Russian economy", "French wine", "the American dream" are null-coded ([---]) so
// the adjective alone does not become an actor.
const THINGS = ['wine', 'cheese', 'cuisine', 'language', 'dream', 'culture', 'music',
  'literature', 'history', 'economy', 'currency', 'stocks', 'shares', 'bonds', 'tourism',
  'weather', 'countryside', 'accent', 'descent', 'origin', 'passport', 'passports',
  'national anthem'];
// Not listed on purpose: words that go on to name an actor or a target ("Russian
// oil companies", "the Greek oil tanker", "the Ukrainian city of Kharkiv").


// "<X> of <country>" forms.
const OF_FORMS = [['government', 'GOV'], ['president', 'GOV'], ['prime minister', 'GOV'],
  ['parliament', 'LEG'], ['central bank', 'GOV'], ['armed forces', 'MIL'], ['army', 'MIL'],
  ['supreme court', 'JUD'], ['ministry of foreign affairs', 'GOV'], ['ministry of interior', 'GOV']];

// Named national institutions news uses without the country ("the Bundestag").
// QUALIFIED ones are common words or shared by several countries alone and are
// written only with the country ("the Japanese Diet", "Britain's Labour Party").
const QUALIFIED = [['Diet', 'JPNLEG'], ['Labour Party', 'GBRPTY'], ['Conservative Party', 'GBRPTY'],
  ['Democratic Party', 'USAPTY'], ['Republican Party', 'USAPTY'], ['Supreme Court', 'USAJUD'],
  ['Liberal Democratic Party', 'JPNPTY'], ['House of Representatives', 'USALEG'],
  ['National Guard', 'USAMIL'], ['Secret Service', 'USACOP'], ['Coast Guard', 'USAMIL']];
// [phrase, code]; phrases the hand-written files already have are left to them.
const NAMED = [
  ['Bundesrat', 'DEULEG'], ['Bundesbank', 'DEUGOV'], ['BND', 'DEUSPY'], ['Bundeskanzleramt', 'DEUGOV'],
  ['Assemblee Nationale', 'FRALEG'], ['Matignon', 'FRAGOV'], ['Quai d\'Orsay', 'FRAGOV'], ['DGSE', 'FRASPY'],
  ['House of Commons', 'GBRLEG'], ['House of Lords', 'GBRLEG'], ['Whitehall', 'GBRGOV'],
  ['Scotland Yard', 'GBRCOP'], ['Metropolitan Police', 'GBRCOP'], ['MI5', 'GBRSPY'], ['GCHQ', 'GBRSPY'],
  ['Bank of England', 'GBRGOV'], ['Crown Prosecution Service', 'GBRJUD'], ['Ministry of Defence', 'GBRMIL'],
  ['Federation Council', 'RUSLEG'], ['Rosgvardia', 'RUSCOP'], ['GRU', 'RUSSPY'], ['SVR', 'RUSSPY'],
  ['Investigative Committee', 'RUSJUD'], ['Lok Sabha', 'INDLEG'], ['Rajya Sabha', 'INDLEG'],
  ['Reserve Bank of India', 'INDGOV'], ['Research and Analysis Wing', 'INDSPY'],
  ['Central Bureau of Investigation', 'INDCOP'], ['Bank of Japan', 'JPNGOV'],
  ['Self-Defense Forces', 'JPNMIL'], ['Japan Self-Defense Forces', 'JPNMIL'], ['Blue House', 'KORGOV'],
  ['National Intelligence Service', 'KORSPY'], ['Inter-Services Intelligence', 'PAKSPY'], ['ISI', 'PAKSPY'],
  ['Shin Bet', 'ISRSPY'], ['Shabak', 'ISRSPY'], ['Israel Defense Forces', 'ISRMIL'],
  ['Pasdaran', 'IRNMIL'], ['Basij', 'IRNMIL'], ['Guardian Council', 'IRNGOV'], ['Quds Force', 'IRNMIL'],
  ['Grand National Assembly', 'TURLEG'], ['Sejm', 'POLLEG'], ['Bundesheer', 'AUTMIL'],
  ['Storting', 'NORLEG'], ['Riksdag', 'SWELEG'], ['Folketing', 'DNKLEG'], ['Eduskunta', 'FINLEG'],
  ['Cortes', 'ESPLEG'], ['Guardia Civil', 'ESPCOP'], ['Moncloa', 'ESPGOV'], ['Carabinieri', 'ITACOP'],
  ['Palazzo Chigi', 'ITAGOV'], ['Quirinale', 'ITAGOV'], ['Itamaraty', 'BRAGOV'], ['Planalto', 'BRAGOV'],
  ['Casa Rosada', 'ARGGOV'], ['Los Pinos', 'MEXGOV'], ['Sedena', 'MEXMIL'], ['Miraflores', 'VENGOV'],
  ['Tatmadaw', 'MMRMIL'], ['Malacanang', 'PHLGOV'], ['Istana', 'SGPGOV'], ['Union Buildings', 'ZAFGOV'],
  ['ANC', 'ZAFGOVPTY'], ['African National Congress', 'ZAFGOVPTY'], ['Likud', 'ISRPTY'],
  ['Fatah', 'PSEPTY'], ['Palestinian Islamic Jihad', 'PSEINS'], ['Islamic Jihad', 'PSEINS'],
  ['BJP', 'INDPTY'], ['Bharatiya Janata Party', 'INDPTY'], ['Congress Party', 'INDPTY'],
  ['Indian National Congress', 'INDPTY'], ['AKP', 'TURPTY'], ['CHP', 'TUROPP'], ['United Russia', 'RUSPTY'],
  ['Tories', 'GBRPTY'],
  ['GOP', 'USAPTY'], ['CDU', 'DEUPTY'], ['SPD', 'DEUPTY'], ['AfD', 'DEUPTY'],
  ['PTI', 'PAKPTY'], ['PML-N', 'PAKPTY'], ['Awami League', 'BGDPTY'],
  ['ZANU-PF', 'ZWEGOVPTY'], ['Kuomintang', 'TWNPTY'], ['KMT', 'TWNPTY'],
  ['Federal Reserve', 'USAGOV'], ['Drug Enforcement Administration', 'USACOP'],
  ['DEA', 'USACOP'], 
];

// International bodies and armed non-state groups. [phrase, code, dates?, note]
// dates: "[CODE FROM-TO]" restrictions; the default code applies outside them.
const INTERNATIONAL = [
  ['UN Security Council', 'IGOUNO'], ['Security Council', 'IGOUNO'], ['UN General Assembly', 'IGOUNO'],
  ['UN Secretary-General', 'IGOUNO'], ['UN peacekeepers', 'IGOUNOMIL'], ['UN peacekeeping mission', 'IGOUNOMIL'],
  ['UNESCO', 'IGOUNO'], ['UNFPA', 'IGOUNF'], ['UN Women', 'IGOUNO'], ['OCHA', 'IGOUNO'], ['OHCHR', 'IGOUNO'],
  ['UN human rights office', 'IGOUNO'], ['UN refugee agency', 'IGOUNH'], ['UN children\'s agency', 'IGOUNC'],
  ['FAO', 'IGOUNO'], ['Food and Agriculture Organization', 'IGOUNO'], 
  ['IMF', 'IGOIMF'], ['IAEA', 'IGOIAE'], ['ICC', 'IGOICC'], ['ICJ', 'IGOICJ'], ['World Court', 'IGOICJ'],
  ['WTO', 'IGOWTO'], ['ILO', 'IGOILO'], ['IOM', 'IGOIOM'], ['WFP', 'IGOWFP'], ['UNAIDS', 'IGOUNO'],
  ['MONUSCO', 'IGOUNOMIL'], ['UNIFIL', 'IGOUNOMIL'], ['MINUSMA', 'IGOUNOMIL'], ['UNMISS', 'IGOUNOMIL'],
  ['European Commission', 'IGOEUR'], ['European Parliament', 'IGOEURLEG'], ['European Council', 'IGOEUR'],
  ['Council of the European Union', 'IGOEUR'], ['European Central Bank', 'IGOEUR'], ['ECB', 'IGOEUR'],
  ['European Court of Justice', 'IGOEURJUD'], ['European Court of Human Rights', 'IGOJUD'],
  ['Council of Europe', 'IGO'], ['Frontex', 'IGOEUR'], ['EU', 'IGOEUR'], ['Brussels', 'IGOEUR'],
  ['Eurogroup', 'IGOEUR'], ['AU', 'IGOAFR'], ['African Union Commission', 'IGOAFR'],
  ['AMISOM', 'IGOAFRMIL'], ['ATMIS', 'IGOAFRMIL'], ['SADC', 'IGOSAD'], ['IGAD', 'IGO'], ['EAC', 'IGO'],
  ['East African Community', 'IGO'], ['Southern African Development Community', 'IGOSAD'],
  ['Economic Community of West African States', 'IGOEEC'], ['Arab League', 'IGOARL'],
  ['Organisation of Islamic Cooperation', 'IGO'], ['Organization of Islamic Cooperation', 'IGO'], ['OIC', 'IGO'],
  ['Commonwealth', 'IGOCWN'], ['G7', 'IGO'], ['G20', 'IGO'], ['Group of Seven', 'IGO'], ['Group of 20', 'IGO'],
  ['OECD', 'IGO'], ['APEC', 'IGO'], ['Mercosur', 'IGO'], ['CARICOM', 'IGO'], ['Interpol', 'IGOCOP'],
  ['Europol', 'IGOEURCOP'], ['OPCW', 'IGO'], ['Organisation for the Prohibition of Chemical Weapons', 'IGO'],
  ['International Energy Agency', 'IGO'], ['IEA', 'IGO'], ['Asian Development Bank', 'IGODEV'],
  ['African Development Bank', 'IGODEV'], ['Inter-American Development Bank', 'IGODEV'],
  ['NATO allies', 'IGONAT'], ['North Atlantic Treaty Organization', 'IGONAT'],
  ['Collective Security Treaty Organization', 'IGO'], ['CSTO', 'IGO'], ['Eurasian Economic Union', 'IGO'],
  ['Gulf Cooperation Council', 'IGOGCC'], ['GCC', 'IGOGCC'],
  ['ICRC', 'NGOICR'], ['Red Cross', 'NGOICR'], ['Red Crescent', 'NGOICR'], ['MSF', 'NGOMSF'],
  ['Doctors Without Borders', 'NGOMSF'], ['Amnesty', 'NGOAMN'], ['HRW', 'NGOHRW'],
  ['Save the Children', 'NGO'], ['Norwegian Refugee Council', 'NGO'], ['Transparency International', 'NGO'],
  ['Greenpeace', 'NGOENV'], ['CARE International', 'NGO'], ['International Crisis Group', 'NGO'],
  ['Syrian Observatory for Human Rights', 'SYRNGO'], ['White Helmets', 'SYRNGO'], ['Caritas', 'NGOREL'],
  ['World Economic Forum', 'NGO'], ['Human Rights First', 'NGO'], ['Freedom House', 'NGO'],
  // armed non-state groups; dates of activity where the group is gone
  ['FARC', 'COLREB', '[COLREB <20170815]', 'disarmed 2017; the party that followed is COLPTY'],
  ['Revolutionary Armed Forces of Colombia', 'COLREB', '[COLREB <20170815]'],
  ['ELN', 'COLREB'], ['National Liberation Army', 'COLREB'], ['Shining Path', 'PERREB'],
  ['Sendero Luminoso', 'PERREB'], ['Tamil Tigers', 'LKAREB', '[LKAREB <20090519]'],
  ['LTTE', 'LKAREB', '[LKAREB <20090519]'], ['Liberation Tigers of Tamil Eelam', 'LKAREB', '[LKAREB <20090519]'],
  ['ETA', 'ESPSEP', '[ESPSEP <20180503]'], ['IRA', 'GBRSEP', '[GBRSEP <20050728]'],
  ['Provisional IRA', 'GBRSEP', '[GBRSEP <20050728]'], ['Irish Republican Army', 'GBRSEP', '[GBRSEP <20050728]'],
  ['Real IRA', 'GBRSEP'], ['New IRA', 'GBRSEP'], ['UNITA', 'AGOREB', '[AGOREB <20020404]'],
  ['RENAMO', 'MOZREB'], ['Lord\'s Resistance Army', 'UGAREB'], ['LRA', 'UGAREB'], ['M23', 'CODREB'],
  ['March 23 Movement', 'CODREB'], ['Allied Democratic Forces', 'CODREB'],
  ['FDLR', 'CODREB'], ['CODECO', 'CODREB'], ['Janjaweed', 'SDNUAF'], ['SPLM-N', 'SDNREB'],
  ['Ansar Dine', 'MLIINS'], ['JNIM', 'MLIINS'], ['Jama\'at Nusrat al-Islam wal-Muslimin', 'MLIINS'],
  ['ISWAP', 'NGAINS'], ['Islamic State West Africa Province', 'NGAINS'], ['AQIM', 'IMGINS'],
  ['al-Qaeda in the Islamic Maghreb', 'IMGINS'], ['AQAP', 'YEMINS'], ['al-Qaeda in the Arabian Peninsula', 'YEMINS'],
  ['ISIS', 'IMGINS'], ['ISIL', 'IMGINS'], ['Daesh', 'IMGINS'], ['Islamic State group', 'IMGINS'],
  ['IS-K', 'AFGINS'], ['ISIS-K', 'AFGINS'], ['Islamic State Khorasan', 'AFGINS'],
  ['Nusra Front', 'SYRINS', '[SYRINS <20170128]'], ['al-Nusra Front', 'SYRINS', '[SYRINS <20170128]'],
  ['Jabhat al-Nusra', 'SYRINS', '[SYRINS <20170128]'], ['HTS', 'SYRINS'],
  ['Free Syrian Army', 'SYRREB'], ['YPG', 'SYRREB'], ['SDF', 'SYRREB'], ['Kurdistan Workers\' Party', 'TURSEP'],
  ['Peshmerga', 'IRQMIL'], ['Popular Mobilization Forces', 'IRQMIL'], ['Hashd al-Shaabi', 'IRQMIL'],
  ['Kataib Hezbollah', 'IRQUAF'], ['Mahdi Army', 'IRQUAF'], ['Ansar Allah', 'YEMREB'], ['Houthi rebels', 'YEMREB'],
  ['Qassam Brigades', 'PSEINS'], ['Izz ad-Din al-Qassam Brigades', 'PSEINS'], ['al-Aqsa Martyrs Brigades', 'PSEINS'],
  ['Tehreek-e-Taliban Pakistan', 'PAKINS'], ['TTP', 'PAKINS'], ['Pakistani Taliban', 'PAKINS'],
  ['Lashkar-e-Taiba', 'PAKINS'], ['Jaish-e-Mohammed', 'PAKINS'], ['Balochistan Liberation Army', 'PAKSEP'],
  ['Haqqani network', 'AFGINS'], ['Abu Sayyaf', 'PHLINS'], ['New People\'s Army', 'PHLREB'],
  ['Moro Islamic Liberation Front', 'PHLREB'], ['MILF', 'PHLREB'], ['Arakan Army', 'MMRREB'],
  ['Kachin Independence Army', 'MMRREB'], ['People\'s Defence Force', 'MMRREB'], ['Karen National Union', 'MMRREB'],
  ['Tigray People\'s Liberation Front', 'ETHREB'], ['TPLF', 'ETHREB'], ['Oromo Liberation Army', 'ETHREB'], ['Ambazonian separatists', 'CMRSEP'], ['Polisario Front', 'MARSEP'],
  ['Polisario', 'MARSEP'], ['Zapatistas', 'MEXREB'], ['Gaza-based militants', 'PSEINS'],
  ['Naxalites', 'INDREB'], ['Maoists', 'REB'], ['Maoist guerrillas', 'REB'], ['Maoist rebels', 'REB'],
  ['Maoist insurgents', 'REB'], ['jihadists', 'INS'], ['Islamist militants', 'INS'],
];

// Organisations whose officials, envoys and staff news names by the organisation.
const ORG_STAFF = [['UN', 'IGOUNO'], ['U.N.', 'IGOUNO'], ['United Nations', 'IGOUNO'],
  ['UNICEF', 'IGOUNC'], ['UNHCR', 'IGOUNH'], ['WFP', 'IGOWFP'], 
  ['UNRWA', 'IGOUNW'], ['IAEA', 'IGOIAE'], ['IMF', 'IGOIMF'], ['World Bank', 'IGOWBK'],
  ['EU', 'IGOEUR'], ['European Union', 'IGOEUR'], ['NATO', 'IGONAT'], ['African Union', 'IGOAFR'],
  ['AU', 'IGOAFR'], ['ICC', 'IGOICC'], ['OSCE', 'IGOOSC'], ['Arab League', 'IGOARL'],
  ['ASEAN', 'IGOASN'], ['ECOWAS', 'IGOEEC'], ['IOM', 'IGOIOM'], ['ICRC', 'NGOICR'],
  ['Red Cross', 'NGOICR'], ['MSF', 'NGOMSF'], ['Amnesty', 'NGOAMN'], ['Amnesty International', 'NGOAMN'],
  ['Human Rights Watch', 'NGOHRW'], ['HRW', 'NGOHRW']];

function generateStates(inputs, report) {
  const existing = existingPhrases();
  const countries = countryTable(inputs.wc);
  const gen = new Map();  // phrase -> Set(code)
  const meta = new Map();  // phrase -> {code, iso, dates, note}
  const add = (text, code, iso, extra = {}) => {
    for (const t of new Set([text, fold(text)])) {
      const ph = phrase(t);
      if (existing.has(ph.toLowerCase().replace(/_$/, ''))) continue;
      if (!gen.has(ph)) gen.set(ph, new Set());
      gen.get(ph).add(code);
      if (!meta.has(ph)) meta.set(ph, { code, iso, ...extra });
    }
  };
  const perCountry = new Map();
  for (const c of countries) {
    for (const [suffix, sector] of INSTITUTIONS) {
      for (const a of c.adjs) add(`${a} ${suffix}`, c.code + sector, c.code);
      for (const n of c.names) {
        add(`${n}'s ${suffix}`, c.code + sector, c.code);
        if (/s$/.test(n)) add(`${n}' ${suffix}`, c.code + sector, c.code);
      }
    }
    for (const thing of THINGS) {
      for (const a of c.adjs) add(`${a} ${thing}`, '---', c.code);
    }
    for (const [head, sector] of OF_FORMS) {
      for (const n of c.names) {
        add(`${head} of ${n}`, c.code + sector, c.code);
        if (/^(United|Czech|Central|Dominican|Democratic|Republic|Philippines|Netherlands|Gambia|Bahamas|Maldives|Comoros|Solomon|Marshall)/.test(n)) {
          add(`${head} of the ${n}`, c.code + sector, c.code);
        }
      }
    }
  }
  const byCode = new Map(countries.map((c) => [c.code, c]));
  for (const [ph, code, qualified] of [...NAMED, ...QUALIFIED.map(([q, c]) => [q, c, true])]) {
    if (!qualified) add(ph, code, code.slice(0, 3));
    // "Japan's Self-Defense Forces", "the Indian Lok Sabha".
    const c = byCode.get(code.slice(0, 3));
    if (!c) continue;
    for (const n of c.names) add(`${n}'s ${ph}`, code, c.code);
    for (const a of c.adjs) if (!ph.startsWith(a)) add(`${a} ${ph}`, code, c.code);
  }
  for (const [ph, code, dates, note] of INTERNATIONAL) add(ph, code, '', { dates, note });
  // "a UNICEF official", "the UN envoy", "NATO's chief": people of an
  // organisation are coded as the organisation (not WHO: "who" is a pronoun)
  // organisation are coded as the organisation.
  for (const [org, code] of ORG_STAFF) {
    for (const who of ['official', 'officials', 'spokesman', 'spokeswoman', 'spokesperson',
      'chief', 'head', 'envoy', 'representative', 'staff', 'workers', 'experts', 'inspectors']) {
      add(`${org} ${who}`, code, '');
      add(`${org}'s ${who}`, code, '');
    }
  }
  // Phrases two countries would share ("Dominican army") code neither.
  const lines = [];
  const byIso = new Map();
  for (const [ph, codes] of [...gen].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (codes.size > 1) { report.push(`states: "${ph}" is ${[...codes].join(' and ')}: left out`); continue; }
    const m = meta.get(ph);
    if (!byIso.has(m.iso)) byIso.set(m.iso, []);
    byIso.get(m.iso).push([ph, m]);
  }
  let patterns = 0;
  for (const [iso, list] of [...byIso].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    lines.push(iso ? `<!-- ${iso} -->` : '<!-- international bodies and armed non-state groups -->');
    // One record per code: the first phrase primary, the rest synonyms.
    const byCode = new Map();
    for (const [ph, m] of list) {
      const k = m.code + (m.dates || '');
      if (!byCode.has(k)) byCode.set(k, []);
      byCode.get(k).push([ph, m]);
    }
    for (const [, recs] of byCode) {
      const m = recs[0][1];
      if (m.dates) {
        // Dated groups: active code within the dates, no code after (TABARI
        // rule: one restriction then the default, here the null code).
        for (const [ph, mm] of recs) {
          lines.push(`${ph}  [---]  # ${mm.note || 'active only within the dates'}`);
          lines.push(`\t${mm.dates}`);
        }
      } else if (m.code === '---') {
        lines.push(`${recs[0][0]}  [---]  # a thing of the country, not the country acting`);
        for (const [ph] of recs.slice(1)) lines.push(`+${ph}`);
      } else {
        lines.push(`${recs[0][0]}  [${m.code}]`);
        for (const [ph] of recs.slice(1)) lines.push(`+${ph}`);
      }
      patterns += recs.length;
      lines.push('');
    }
    perCountry.set(iso, list.length);
  }
  const head = [
    '<!-- dyad state institutions actor dictionary (PETRARCH format). GENERATED: do not edit. -->',
    '<!-- Made by scripts/gen_actors.mjs: for every country of npm world-countries (names and',
    '     demonyms, corrected by the script\'s ADJ_FIX/NAME_FIX), the institution templates',
    '     INSTITUTIONS / OF_FORMS ("the Peruvian navy", "Chile\'s interior ministry", "the',
    '     government of Kenya") with their CAMEO sector; named national institutions (NAMED),',
    '     international bodies and armed non-state groups with dates (INTERNATIONAL). Phrases',
    '     two countries would share and phrases of the hand-written files are left out. -->',
    '',
  ];
  return { text: head.concat(lines).join('\n'), patterns, perCountry };
}

// ---------------------------------------------------------------- main
const inputs = loadInputs();
if (inputs.missing) {
  console.error(`gen_actors: skipped: ${inputs.missing} is not installed`);
  process.exit(77);
}
const report = [];
const leaders = generateLeaders(inputs, report);
const states = generateStates(inputs, report);
const mode = process.argv[2] || '';
const outs = [[OUT_LEADERS, leaders.text], [OUT_STATES, states.text]];
const summary = `leaders: ${leaders.records} records, latest start ${leaders.latest}; ` +
  `states: ${states.patterns} phrases, ${[...states.perCountry.values()].filter((n) => n >= 15).length} ` +
  `countries with >= 15; ${report.filter((r) => r.startsWith('disagree')).length} disagreements`;
if (mode === '--report' || mode === '') {
  for (const r of report) console.error(`gen_actors: ${r}`);
}
if (mode === '--check') {
  let bad = false;
  for (const [file, text] of outs) {
    const have = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (have !== text) {
      console.error(`gen_actors: ${path.relative(ROOT, file)} differs from the generator's output; ` +
        'run `node scripts/gen_actors.mjs` and commit the result');
      bad = true;
    }
  }
  if (bad) process.exit(1);
  console.log(`gen_actors: up to date (${summary})`);
} else if (mode === '--report') {
  console.log(summary);
} else {
  for (const [file, text] of outs) fs.writeFileSync(file, text);
  console.log(`gen_actors: wrote ${outs.map(([f]) => path.relative(ROOT, f)).join(', ')} (${summary})`);
}
