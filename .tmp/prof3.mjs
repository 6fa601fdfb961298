import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const skip = Number(process.argv[3] ?? 5) * 1e6;
const nodes = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
let t = p.startTime; const dt = new Map();
for (let i = 0; i < p.samples.length; i++) { t += p.timeDeltas[i] ?? 0; if (t - p.startTime < skip) continue; dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0)); }
let busy = 0; const self = new Map(), incl = new Map();
const name = (cf) => `${cf.functionName || '(anon)'} ${cf.url.replace(/.*node_modules\//, '').replace(/.*\/dist\//, '')}:${cf.lineNumber}`;
for (const [id, d] of dt) {
  const cf0 = nodes.get(id).callFrame; if (cf0.functionName === '(idle)') continue; busy += d;
  self.set(name(cf0), (self.get(name(cf0)) ?? 0) + d);
  const seen = new Set(); let cur = id;
  while (cur !== undefined) { const k = name(nodes.get(cur).callFrame); if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + d); } cur = parent.get(cur); }
}
console.log('busy ms', (busy / 1000).toFixed(0));
const show = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).forEach(([k, v]) => console.log((v / 1000).toFixed(0).padStart(6) + ' ms', (100 * v / busy).toFixed(1).padStart(5) + '%', k.slice(0, 150)));
console.log('--- self'); show(self, 30); console.log('--- inclusive'); show(incl, 60);
