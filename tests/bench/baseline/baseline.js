// Hand-written baseline: draws the stored map's stakeholders as SVG markers with pointer
// dragging (moves committed on release and saved), and a filterable list.
(function () {
  // The benchmark hands the map over directly (a 5,000-person map does not fit local storage).
  const file = window.__benchFile;
  const key = 'baseline:map';
  const people = file.stakeholders;
  const W = 900, H = 640, L = 52, B = 44, P = 14;
  const x = (s) => L + (W - P - L) * s / 100;
  const y = (i) => (H - B) - (H - B - P) * i / 100;
  const quadrant = (p) => p.influence >= 50 ? (p.skepticism >= 50 ? 'win-over' : 'champions') : (p.skepticism >= 50 ? 'reassure' : 'keep-informed');
  const svg = document.getElementById('map');
  const NS = 'http://www.w3.org/2000/svg';
  const frag = document.createDocumentFragment();
  const nodes = new Map();
  for (const p of people) {
    const g = document.createElementNS(NS, 'g');
    g.setAttribute('class', 'marker q-' + quadrant(p));
    g.setAttribute('tabindex', '0');
    g.setAttribute('aria-label', `${p.name}, influence ${p.influence}, skepticism ${p.skepticism}`);
    g.setAttribute('transform', `translate(${x(p.skepticism)} ${y(p.influence)})`);
    g.dataset.id = p.id;
    const c = document.createElementNS(NS, 'circle');
    c.setAttribute('r', '9');
    const t = document.createElementNS(NS, 'text');
    t.setAttribute('x', '12'); t.setAttribute('y', '4');
    t.textContent = p.name;
    g.append(c, t);
    frag.append(g);
    nodes.set(p.id, { g, p });
  }
  svg.append(frag);

  let drag = null;
  svg.addEventListener('pointerdown', (e) => {
    const g = e.target.closest('g.marker');
    if (!g) return;
    drag = nodes.get(g.dataset.id);
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    const s = Math.max(0, Math.min(100, Math.round((e.clientX - r.left - L) / (W - P - L) * 100)));
    const i = Math.max(0, Math.min(100, Math.round(((H - B) - (e.clientY - r.top)) / (H - B - P) * 100)));
    drag.live = { influence: i, skepticism: s };
    drag.g.setAttribute('transform', `translate(${x(s)} ${y(i)})`);
    drag.g.setAttribute('class', 'marker q-' + quadrant(drag.live));
  });
  svg.addEventListener('pointerup', () => {
    if (!drag) return;
    if (drag.live) {
      Object.assign(drag.p, drag.live);
      try { localStorage.setItem(key, JSON.stringify(file)); } catch (e) { /* full: kept in memory */ }
    }
    drag = null;
  });

  const rows = document.getElementById('rows');
  const count = document.getElementById('count');
  const rowOf = new Map();
  for (const p of people) {
    const tr = document.createElement('tr');
    tr.innerHTML = '<td></td><td></td><td></td><td></td>';
    tr.children[0].textContent = p.name;
    tr.children[1].textContent = p.influence;
    tr.children[2].textContent = p.skepticism;
    tr.children[3].textContent = quadrant(p);
    rowOf.set(p.id, tr);
    rows.append(tr);
  }
  const haystack = new Map(people.map((p) => [p.id, [p.name, p.role, p.notes, ...(p.tags || [])].join(' ').toLowerCase()]));
  document.getElementById('filter').addEventListener('input', (e) => {
    const q = e.target.value.trim().toLowerCase();
    let shown = 0;
    for (const p of people) {
      const hit = !q || haystack.get(p.id).includes(q);
      rowOf.get(p.id).hidden = !hit;
      if (hit) shown++;
    }
    count.textContent = `Showing ${shown} of ${people.length}`;
  });
  document.getElementById('toggle').addEventListener('click', () => {
    const list = document.getElementById('list');
    list.hidden = !list.hidden;
    svg.style.display = list.hidden ? '' : 'none';
  });
})();
