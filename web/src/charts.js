// The three charts: timeline (stacked bars by day), world map (choropleth and
// event places) and actor network (force layout, computed to rest before it is
// drawn so it does not move).
import {
  axisBottom, axisLeft, create, forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation,
  forceX, forceY, geoNaturalEarth1, geoPath, interpolateBlues, scaleBand, scaleLinear, scaleOrdinal,
  scaleSqrt, schemeTableau10, stack,
} from 'd3';
import { feature } from 'topojson-client';

const QUAD_NAMES = { 1: 'verbal cooperation', 2: 'material cooperation', 3: 'verbal conflict', 4: 'material conflict' };

// rows: [{key: 'YYYY-MM-DD', split: 'COERCE', count}]
export function drawTimeline(el, legendEl, rows, splitName) {
  el.textContent = '';
  legendEl.textContent = '';
  const days = [...new Set(rows.map((r) => r.key).filter(Boolean))].sort();
  if (days.length === 0) {
    el.innerHTML = '<p class="muted">No dated events for this filter.</p>';
    return;
  }
  const groups = [...new Set(rows.map((r) => r.split || '(none)'))].sort();
  const table = days.map((d) => {
    const row = { day: d };
    for (const g of groups) row[g] = 0;
    return row;
  });
  const index = new Map(days.map((d, i) => [d, i]));
  for (const r of rows) if (r.key) table[index.get(r.key)][r.split || '(none)'] += r.count;
  const series = stack().keys(groups)(table);
  const W = 1100, H = 180, M = { l: 36, r: 8, t: 8, b: 28 };
  const x = scaleBand().domain(days).range([M.l, W - M.r]).padding(0.15);
  const max = Math.max(...table.map((r) => groups.reduce((s, g) => s + r[g], 0)));
  const y = scaleLinear().domain([0, max]).nice().range([H - M.b, M.t]);
  const color = scaleOrdinal(schemeTableau10).domain(groups);
  const svg = create('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('role', 'img').attr('aria-label', 'events by day');
  const step = Math.max(1, Math.ceil(days.length / 12));
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${H - M.b})`)
    .call(axisBottom(x).tickValues(days.filter((_, i) => i % step === 0)));
  svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.l},0)`)
    .call(axisLeft(y).ticks(Math.min(5, max)).tickFormat((v) => (Number.isInteger(v) ? v : '')));
  svg.append('g').selectAll('g').data(series).join('g').attr('fill', (s) => color(s.key))
    .selectAll('rect').data((s) => s.map((d) => Object.assign(d, { key: s.key }))).join('rect')
    .filter((d) => d[1] > d[0])
    .attr('class', 'bar')
    .attr('x', (d) => x(d.data.day)).attr('width', x.bandwidth())
    .attr('y', (d) => y(d[1])).attr('height', (d) => y(d[0]) - y(d[1]))
    .append('title').text((d) => `${d.data.day} ${label(splitName, d.key)}: ${d[1] - d[0]}`);
  el.appendChild(svg.node());
  for (const g of groups) {
    const s = document.createElement('span');
    s.style.setProperty('--c', color(g));
    s.textContent = label(splitName, g);
    legendEl.appendChild(s);
  }
}

function label(splitName, key) {
  return splitName === 'quad_class' && QUAD_NAMES[key] ? `${key} ${QUAD_NAMES[key]}` : key;
}

// counts: [{key: 'LBY', count}], places: [{lat, lon, name, count}]
export function drawMap(el, world, counts, places, selected, onCountry) {
  el.textContent = '';
  const W = 560, H = 300;
  const land = feature(world, world.objects.countries);
  const projection = geoNaturalEarth1().fitExtent([[4, 4], [W - 4, H - 4]], { type: 'Sphere' });
  const path = geoPath(projection);
  const byCode = new Map(counts.map((c) => [c.key, c.count]));
  const max = Math.max(1, ...counts.map((c) => c.count));
  const shade = (n) => interpolateBlues(0.25 + 0.75 * Math.sqrt(n / max));
  const svg = create('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('role', 'img').attr('aria-label', 'events by country');
  svg.append('path').attr('d', path({ type: 'Sphere' })).attr('fill', '#f8fafc').attr('stroke', '#dde1e7');
  svg.append('g').selectAll('path').data(land.features).join('path')
    .attr('class', (f) => `country${byCode.has(f.id) ? ' has-data' : ''}${f.id && f.id === selected ? ' selected' : ''}`)
    .attr('data-code', (f) => f.id || '')
    .attr('d', path)
    .style('fill', (f) => (byCode.has(f.id) ? shade(byCode.get(f.id)) : null))
    .on('click', (_, f) => f.id && onCountry(f.id))
    .append('title').text((f) => `${f.properties.name}${byCode.has(f.id) ? `: ${byCode.get(f.id)} events` : ''}`);
  const r = scaleSqrt().domain([0, Math.max(1, ...places.map((p) => p.count))]).range([0, 9]);
  svg.append('g').selectAll('circle').data(places.filter((p) => projection([p.lon, p.lat]))).join('circle')
    .attr('class', 'place')
    .attr('cx', (p) => projection([p.lon, p.lat])[0]).attr('cy', (p) => projection([p.lon, p.lat])[1])
    .attr('r', (p) => Math.max(3, r(p.count)))
    .append('title').text((p) => `${p.name}: ${p.count} events`);
  el.appendChild(svg.node());
}

// edges: [{source: 'USAGOV', target: 'LBY', count}]
export function drawNetwork(el, edges, onActor) {
  el.textContent = '';
  if (edges.length === 0) {
    el.innerHTML = '<p class="muted">No coded source and target for this filter.</p>';
    return;
  }
  const W = 560, H = 300;
  const weight = new Map();
  for (const e of edges) {
    weight.set(e.source, (weight.get(e.source) || 0) + e.count);
    weight.set(e.target, (weight.get(e.target) || 0) + e.count);
  }
  const nodes = [...weight.keys()].sort().map((id) => ({ id, weight: weight.get(id) }));
  const links = edges.map((e) => ({ source: e.source, target: e.target, count: e.count }));
  const size = scaleSqrt().domain([0, Math.max(...nodes.map((n) => n.weight))]).range([3, 14]);
  const width = scaleLinear().domain([0, Math.max(...links.map((l) => l.count))]).range([1, 6]);
  const sim = forceSimulation(nodes)
    .force('link', forceLink(links).id((n) => n.id).distance(60))
    .force('charge', forceManyBody().strength(-120))
    .force('center', forceCenter(W / 2, H / 2))
    .force('x', forceX(W / 2).strength(0.05)).force('y', forceY(H / 2).strength(0.08))
    .force('collide', forceCollide((n) => size(n.weight) + 6))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  for (const n of nodes) {
    n.x = Math.max(16, Math.min(W - 16, n.x));
    n.y = Math.max(12, Math.min(H - 12, n.y));
  }
  const svg = create('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('role', 'img').attr('aria-label', 'actor network');
  svg.append('defs').append('marker').attr('id', 'arrow').attr('viewBox', '0 -4 8 8').attr('refX', 8)
    .attr('markerUnits', 'userSpaceOnUse').attr('markerWidth', 9).attr('markerHeight', 9).attr('orient', 'auto')
    .append('path').attr('d', 'M0,-4L8,0L0,4').attr('fill', '#94a3b8');
  svg.append('g').selectAll('line').data(links).join('line').attr('class', 'link')
    .attr('x1', (l) => l.source.x).attr('y1', (l) => l.source.y)
    .attr('x2', (l) => l.target.x - (l.target.x - l.source.x) * (size(l.target.weight) + 2) / (Math.hypot(l.target.x - l.source.x, l.target.y - l.source.y) || 1))
    .attr('y2', (l) => l.target.y - (l.target.y - l.source.y) * (size(l.target.weight) + 2) / (Math.hypot(l.target.x - l.source.x, l.target.y - l.source.y) || 1))
    .attr('stroke-width', (l) => width(l.count)).attr('marker-end', 'url(#arrow)')
    .append('title').text((l) => `${l.source.id} → ${l.target.id}: ${l.count} events`);
  const g = svg.append('g').selectAll('g').data(nodes).join('g').attr('transform', (n) => `translate(${n.x},${n.y})`)
    .style('cursor', 'pointer').on('click', (_, n) => onActor(n.id));
  g.append('circle').attr('class', 'node').attr('r', (n) => size(n.weight))
    .append('title').text((n) => `${n.id}: ${n.weight} events (click: as source)`);
  g.append('text').attr('class', 'node-label').attr('x', (n) => size(n.weight) + 2).attr('y', 3).text((n) => n.id);
  el.appendChild(svg.node());
}
