// Writes templates/sample-data/customers.csv: 2,000 fictional customers, deterministic (seeded),
// so the demo's arm counts are the same on every machine. Run: node scripts/make-sample-customers.js
'use strict';

const fs = require('node:fs');
const path = require('node:path');

let seed = 20261124;
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const pick = (list) => list[Math.floor(random() * list.length)];

const first = ['Ava', 'Ben', 'Chloé', 'Dan', 'Eva', 'Finn', 'Grace', 'Hugo', 'Isla', 'Jon', 'Kai', 'Lena', 'Mia', 'Noah', 'Olivia', 'Paul', 'Rosa', 'Sam', 'Tara', 'Zoë'];
const last = ['Adams', 'Baker', 'Clarke', 'Dubois', 'Evans', 'Fischer', 'García', 'Hughes', 'Ito', 'Jones', 'Khan', 'López', 'Müller', 'Nowak', "O'Brien", 'Patel', 'Rossi', 'Smith', 'Taylor', 'Wang'];
const countries = ['US', 'US', 'US', 'GB', 'DE', 'FR', 'CA'];
const segments = ['Champions', 'Loyal', 'Potential Loyalist', 'At Risk', 'Hibernating', 'New'];

const rows = ['customer_id,email,first_name,last_name,country,segment'];
for (let i = 1; i <= 2000; i++) {
	const f = pick(first);
	const l = pick(last);
	const local = `${f}.${l}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
	const domain = pick(['example.com', 'example.org', 'example.net']);
	const id = `C${String(i).padStart(5, '0')}`;
	rows.push([id, `${local}${i}@${domain}`, f, l.includes("'") ? `"${l}"` : l, pick(countries), pick(segments)].join(','));
}
fs.writeFileSync(path.join(__dirname, '..', 'templates', 'sample-data', 'customers.csv'), `${rows.join('\n')}\n`);
