import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const nodes = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = new Map();
for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
let busy = 0; const incl = new Map();
for (const [id, t] of dt) {
  const f0 = nodes.get(id).callFrame.functionName; if (f0 === '(idle)') continue; busy += t;
  const seen = new Set(); let cur = id;
  while (cur !== undefined) { const cf = nodes.get(cur).callFrame; if (cf.url.includes('/dist/')) { const k = cf.functionName + ' ' + cf.url.split('/dist/')[1] + ':' + cf.lineNumber; if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + t); } } cur = parent.get(cur); }
}
console.log('busy ms', (busy/1000).toFixed(0));
[...incl].sort((a, b) => b[1] - a[1]).slice(0, 40).forEach(([k, v]) => console.log((v / 1000).toFixed(0).padStart(6) + ' ms', (100*v/busy).toFixed(1).padStart(5)+'%', k));
