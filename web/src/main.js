// dyad's web page: filters shared through the URL drive a timeline, a world
// map, an actor network and an event list; clicking an event shows the article
// with the source, verb and target highlighted, and its story.
import { api, ApiError, FILTER_KEYS } from './api.js';
import { drawMap, drawNetwork, drawTimeline } from './charts.js';
import { renderHighlighted } from './highlight.js';

const $ = (sel) => document.querySelector(sel);
const form = $('#filters');
const PAGE = 100;

let world = null;
let loadedEvents = [];
let nextCursor = null;
let generation = 0;  // drops answers of superseded loads

// ---- URL <-> filters ----

function filtersFromUrl() {
  const qs = new URLSearchParams(location.search);
  const f = {};
  for (const k of FILTER_KEYS) if (qs.get(k)) f[k] = qs.get(k);
  return { filters: f, event: qs.get('event'), split: qs.get('split') || 'plover' };
}

function writeUrl(state, push) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(state.filters)) if (v) qs.set(k, v);
  if (state.split && state.split !== 'plover') qs.set('split', state.split);
  if (state.event) qs.set('event', state.event);
  const url = `${location.pathname}${qs.toString() ? `?${qs}` : ''}`;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

function fillForm(filters) {
  for (const k of FILTER_KEYS) {
    const input = form.elements[k];
    if (!input) continue;
    if (input.tagName === 'SELECT' && filters[k] && ![...input.options].some((o) => o.value === filters[k])) {
      input.add(new Option(filters[k], filters[k]));
    }
    input.value = filters[k] || '';
  }
}

function readForm() {
  const f = {};
  for (const k of FILTER_KEYS) {
    const v = (form.elements[k]?.value || '').trim();
    if (v) f[k] = v;
  }
  return f;
}

let state = filtersFromUrl();

function showError(err) {
  const el = $('#error');
  if (!err) {
    el.hidden = true;
    el.textContent = '';
    return;
  }
  el.hidden = false;
  el.textContent = `Could not load: ${err.message}`;
  // The API's own 4xx answers are shown above; anything else is a bug worth a console error.
  if (err instanceof ApiError) console.warn(err.message);
  else console.error(err);
}

// ---- loading ----

async function loadAll() {
  const gen = ++generation;
  const f = state.filters;
  showError(null);
  try {
    const [timeline, facets, actors, events] = await Promise.all([
      api('facets', { ...f, field: 'day', split: state.split }),
      api('facets', { ...f, field: 'country' }),
      api('actors', { ...f, limit: 60 }),
      api('events', { ...f, limit: PAGE }),
    ]);
    if (gen !== generation) return;
    drawTimeline($('#timeline'), $('#timeline-legend'), timeline.facets.day, state.split);
    loadedEvents = events.events;
    nextCursor = events.next;
    renderEvents();
    drawMap($('#map'), world, facets.facets.country, placesOf(loadedEvents), f.place, (code) => {
      setFilters({ ...state.filters, place: state.filters.place === code ? '' : code });
    });
    drawNetwork($('#network'), actors.edges, (code) => setFilters({ ...state.filters, actor: code }));
  } catch (err) {
    if (gen === generation) showError(err);
  }
  if (state.event) showEvent(state.event).catch(showError);
}

function placesOf(events) {
  const byPlace = new Map();
  for (const e of events) {
    const l = e.location;
    if (!l || l.lat === null || l.lon === null || l.lat === undefined) continue;
    const key = `${l.name}|${l.lat}|${l.lon}`;
    const p = byPlace.get(key) || { name: l.name, lat: l.lat, lon: l.lon, count: 0 };
    p.count++;
    byPlace.set(key, p);
  }
  return [...byPlace.values()];
}

async function loadMore() {
  if (!nextCursor) return;
  const gen = generation;
  try {
    const page = await api('events', { ...state.filters, limit: PAGE, after: nextCursor });
    if (gen !== generation) return;
    loadedEvents = loadedEvents.concat(page.events);
    nextCursor = page.next;
    renderEvents();
  } catch (err) {
    showError(err);
  }
}

function setFilters(filters) {
  state = { ...state, filters, event: null };
  fillForm(filters);
  writeUrl(state, true);
  loadAll();
}

// ---- event list ----

const code = (a) => (a && a.code ? a.code : a && a.text ? `(${a.text})` : '–');
const eventDate = (e) => (e.date && e.date.value) || e.article_date || '';

function renderEvents() {
  const tbody = $('#events tbody');
  tbody.textContent = '';
  for (const e of loadedEvents) {
    const tr = document.createElement('tr');
    tr.className = 'event';
    tr.dataset.id = e.store_id;
    if (String(e.store_id) === String(state.event)) tr.classList.add('selected');
    const cells = [
      eventDate(e), code(e.source), `${e.cameo}${e.plover ? ` ${e.plover.event}` : ''}`, code(e.target),
      e.modality, e.sentence_text,
    ];
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (i === 0) td.className = 'date';
      if (i === 5) {
        td.className = 'sentence';
        td.title = text;
      }
      tr.appendChild(td);
    });
    tr.addEventListener('click', () => selectEvent(e.store_id));
    tbody.appendChild(tr);
  }
  $('#event-count').textContent = `${loadedEvents.length}${nextCursor ? '+' : ''} shown`;
  $('#more').hidden = !nextCursor;
}

function selectEvent(id) {
  state = { ...state, event: String(id) };
  writeUrl(state, true);
  for (const tr of document.querySelectorAll('#events tr.event')) {
    tr.classList.toggle('selected', tr.dataset.id === String(id));
  }
  showEvent(id).catch(showError);
}

// ---- event detail ----

function el(tag, text, cls) {
  const n = document.createElement(tag);
  if (text !== undefined && text !== null) n.textContent = text;
  if (cls) n.className = cls;
  return n;
}

function dl(pairs) {
  const list = el('dl');
  for (const [k, v] of pairs) {
    if (v === null || v === undefined || v === '') continue;
    list.appendChild(el('dt', k));
    list.appendChild(el('dd', v));
  }
  return list;
}

function actorText(a) {
  if (!a) return null;
  return `${a.text}${a.code ? ` [${a.code}]` : ''}`;
}

async function showEvent(id) {
  const d = await api(`events/${encodeURIComponent(id)}`);
  if (String(state.event) !== String(id)) return;
  const e = d.event;
  const box = $('#detail');
  box.textContent = '';
  box.appendChild(el('h3', d.article.title || d.article.id));
  const attribution = e.attribution ? `${e.attribution.text} (${e.attribution.kind}${e.attribution.code ? `, ${e.attribution.code}` : ''})` : 'none';
  const place = e.location ? `${e.location.name}${e.location.country ? ` (${e.location.country})` : ''}, ${e.location.role}` : null;
  box.appendChild(dl([
    ['outlet', d.article.source],
    ['published', d.article.date],
    ['url', d.article.url],
    ['source', actorText(e.source)],
    ['event', `${e.cameo}${e.plover ? ` ${e.plover.event}${e.plover.mode ? `/${e.plover.mode}` : ''}` : ''} (quad ${e.quad_class}, Goldstein ${e.goldstein})`],
    ['target', actorText(e.target)],
    ['modality', `${e.modality}${e.reported ? ', reported' : ''}`],
    ['attribution', attribution],
    ['date', e.date ? `${e.date.value || '?'} (${e.date.precision || 'publication'}${e.date.text ? `: "${e.date.text}"` : ''})` : null],
    ['place', place],
    ['rule', e.rule],
  ]));
  const key = el('div', null, 'key');
  for (const r of ['source', 'verb', 'target']) key.appendChild(el('mark', r, r));
  box.appendChild(key);
  const body = el('div', null, 'article-body');
  box.appendChild(body);
  const sentence = renderHighlighted(body, d.article.body, d.highlights);
  // Bring the sentence into view inside the panel (not the window).
  box.scrollTop = sentence ? Math.max(0, sentence.offsetTop - 160) : 0;
  if (d.sources.length) {
    box.appendChild(el('p', `Cited sources: ${d.sources.map((s) => `${s.text} (${s.kind})`).join('; ')}`, 'muted'));
  }
  if (d.story) await showStory(box, d.story.id, e.store_id);
}

async function showStory(box, storyId, currentEvent) {
  const s = await api(`stories/${storyId}`);
  const section = el('section', null, 'story');
  section.appendChild(el('h3', `Story ${s.story.id}: ${s.story.label}`));
  const status = el('p');
  status.append('status ');
  status.appendChild(el('span', s.status || 'unknown', 'status'));
  if (s.status_changes.length > 1) {
    status.append(` — ${s.status_changes.map((c) => `${c.date || '?'} ${c.status}`).join(' → ')}`);
  }
  section.appendChild(status);
  section.appendChild(el('p', `${s.mentions.length} mentions from ${s.sources.length} sources: ${s.sources.map((x) => `${x.source} (${x.mentions})`).join(', ')}`, 'muted'));
  const ol = el('ol', null, 'mentions');
  for (const m of s.mentions) {
    const li = el('li');
    const who = m.article_url || m.article_id;
    li.appendChild(el('strong', `${m.article_date || eventDate(m) || '?'} ${m.modality}`));
    li.append(` ${code(m.source)} ${m.cameo} ${code(m.target)} — ${m.sentence_text} `);
    li.appendChild(el('span', `[${who}]`, 'muted'));
    if (String(m.store_id) !== String(currentEvent)) {
      li.style.cursor = 'pointer';
      li.addEventListener('click', () => selectEvent(m.store_id));
    } else {
      li.style.fontWeight = 'bold';
    }
    ol.appendChild(li);
  }
  section.appendChild(ol);
  box.appendChild(section);
}

// ---- start ----

async function start() {
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    setFilters(readForm());
  });
  $('#clear').addEventListener('click', () => setFilters({}));
  $('#more').addEventListener('click', loadMore);
  $('#split').value = state.split;
  $('#split').addEventListener('change', () => {
    state = { ...state, split: $('#split').value };
    writeUrl(state, false);
    loadAll();
  });
  window.addEventListener('popstate', () => {
    state = filtersFromUrl();
    fillForm(state.filters);
    $('#split').value = state.split;
    loadAll();
  });
  try {
    const [w, health, types] = await Promise.all([
      fetch('world.json').then((r) => r.json()),
      api('health'),
      api('facets', { field: 'plover' }),
    ]);
    world = w;
    const c = health.counts;
    $('#summary').textContent = `${c.articles} articles, ${c.events} events, ${c.stories} stories`;
    const select = form.elements.plover;
    for (const t of types.facets.plover) select.add(new Option(`${t.key} (${t.count})`, t.key));
  } catch (err) {
    showError(err);
    return;
  }
  fillForm(state.filters);
  writeUrl(state, false);
  await loadAll();
  document.body.dataset.ready = '1';
}

start();
