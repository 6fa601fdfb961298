import pg from 'pg'; import fs from 'node:fs';
const c = new pg.Client({connectionString:'postgresql://postgres@127.0.0.1/tt_scratch'}); await c.connect();
await c.query("create table timeline_state(id int primary key, version bigint, updated_at timestamptz)");
for (const s of fs.readFileSync(process.argv[2],'utf8').split(';').map(s=>s.trim()).filter(Boolean)) { try { await c.query(s); console.log('ok'); } catch (e) { console.log('ERR', e.message, JSON.stringify(s.slice(0,300))); } }
await c.end();
