import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const nodes = new Map(p.nodes.map((n) => [n.id, n]));
const dt = new Map();
for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const total = [...dt.values()].reduce((a, b) => a + b, 0);
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map(), byPkg = new Map(), incl = new Map();
const pkg = (url) => { if (!url) return '(native)'; const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/); if (m) return m[1]; if (url.startsWith('node:')) return 'node:'; const d = url.match(/dist\/apps\/\w+\/(.*)/); return d ? d[1].split('/').slice(0, 3).join('/') : url.slice(-50); };
for (const [id, t] of dt) {
  const n = nodes.get(id); const f = n.callFrame;
  const key = `${f.functionName || '(anon)'} ${pkg(f.url)}:${f.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + t);
  byPkg.set(pkg(f.url) + (f.url ? '' : ' ' + f.functionName), (byPkg.get(pkg(f.url) + (f.url ? '' : ' ' + f.functionName)) ?? 0) + t);
  // inclusive by package (count once per stack per package)
  const seen = new Set(); let cur = id;
  while (cur !== undefined) { const cf = nodes.get(cur).callFrame; const k = pkg(cf.url); if (cf.url && !seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + t); } cur = parent.get(cur); }
}
const show = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).forEach(([k, v]) => console.log((100 * v / total).toFixed(1).padStart(5) + '%', k));
console.log('total ms', (total / 1000).toFixed(0));
console.log('--- self by package'); show(byPkg, 25);
console.log('--- inclusive by package'); show(incl, 25);
console.log('--- self by function'); show(self, 25);
