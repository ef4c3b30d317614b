// Generates the flagship template's sample data (templates/sample-data/*.csv), deterministically:
// the same seed gives byte-identical files on every machine. `node scripts/generate-sample-data.js`.
//
// One population of 1,600 people, seen through several systems, each with its own noise:
//   crm_contacts.csv     CRM export (1,150 people): crm_id, names, email, phone, country, created_at
//   esp_subscribers.csv  ESP export (1,050 people; 650 are also in the CRM): esp_id, email (often
//                        re-typed: case, spaces, gmail dots, typos), names (nicknames, case, accents),
//                        phone in another format, country (often blank), status, subscribed_at
//   orders.csv           web-shop orders 2024-01-01..2025-06-30, keyed by the buyer's CRM id when the
//                        shop knew it, else by the email typed at checkout
//   web_signups.csv      newsletter sign-ups on the site (some new people, some known)
//   optouts.csv          opt-outs and other reasons not to contact: unsubscribe, spam complaint,
//                        hard bounce, legal erasure request
// Buying is driven by a hidden per-person propensity, so RFM and a propensity model have real
// signal: orders after the 2025-03-31 cut-off depend on the same propensity as the ones before.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { parsePhoneNumberFromString } = require('libphonenumber-js/max');

const OUT = process.env.SAMPLE_DATA_OUT || path.resolve(__dirname, '..', 'templates', 'sample-data');
const SEED = 20260324;

// mulberry32: small, fast, deterministic.
function rng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const random = rng(SEED);
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
function gaussian() {
	const u = Math.max(random(), 1e-12);
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
function poisson(lambda) {
	const l = Math.exp(-lambda);
	let k = 0;
	let p = 1;
	do {
		k++;
		p *= random();
	} while (p > l);
	return k - 1;
}

const FIRST = [
	['Robert', 'Bob'], ['William', 'Bill'], ['Elizabeth', 'Liz'], ['Katherine', 'Kate'], ['Michael', 'Mike'],
	['Jennifer', 'Jen'], ['Thomas', 'Tom'], ['Margaret', 'Maggie'], ['Alexander', 'Alex'], ['Christopher', 'Chris'],
	['Daniel', 'Dan'], ['Samantha', 'Sam'], ['Jonathan', 'Jon'], ['Rebecca', 'Becky'], ['Nicholas', 'Nick'],
	['Emma'], ['Olivia'], ['Noah'], ['Liam'], ['Sofia'], ['Lucas'], ['Mia'], ['Amelia'], ['Hugo'], ['Chloé', 'Chloe'],
	['José', 'Jose'], ['Zoë', 'Zoe'], ['Aisha'], ['Mateo'], ['Yuki'], ['Priya'], ['Omar'], ['Freya'], ['Lars'],
	['Ingrid'], ['Mohammed'], ['Fatima'], ['Wei'], ['Ana'], ['Pierre'], ['Léa', 'Lea'], ['Giulia'], ['Sven'],
];
const LAST = [
	'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Martin', 'Bernard', 'Dubois',
	'Müller', 'Schmidt', 'Rossi', 'Russo', 'Novak', "O'Brien", 'McDonald', 'van der Berg', 'Kowalski', 'Nielsen',
	'Hansen', 'Jensen', 'Silva', 'Santos', 'Khan', 'Patel', 'Nguyen', 'Kim', 'Tanaka', 'Cohen', 'Clarke', 'Evans',
	'Walker', 'Wright', 'Lopez', 'Moreau', 'Fischer', 'Weber', 'Costa', 'Larsen', 'Andersson', 'Lindqvist',
];
// No example.com-style domains: identity resolution rightly treats those as placeholders and won't link on them.
const DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.com', 'icloud.com', 'gmx.de', 'web.de', 'orange.fr'];
const COUNTRIES = [
	// country, weight, phone country code, national number prefixes (real area / mobile ranges), length
	['US', 30, '1', ['212', '312', '415', '617', '206', '303', '512', '404'], 10],
	['GB', 20, '44', ['7842', '7400', '7500', '2079'], 10],
	['DE', 15, '49', ['151', '160', '170', '176'], 11],
	['FR', 15, '33', ['6', '7', '1'], 9],
	['NL', 8, '31', ['6', '20'], 9],
	['CA', 7, '1', ['416', '604', '514', '403'], 10],
	['ES', 5, '34', ['6', '91'], 9],
];
const countryTotal = COUNTRIES.reduce((s, c) => s + c[1], 0);
function pickCountry() {
	let r = random() * countryTotal;
	for (const c of COUNTRIES) if ((r -= c[1]) < 0) return c;
	return COUNTRIES[0];
}

const day = 24 * 3600 * 1000;
const START = Date.UTC(2024, 0, 1);
const END = Date.UTC(2025, 5, 30);
const isoDay = (t) => new Date(t).toISOString().slice(0, 10);
const isoTime = (t) => new Date(t).toISOString().replace('.000Z', 'Z');

function ascii(s) {
	return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss');
}
function localPart(first, last, n) {
	const f = ascii(first).toLowerCase().replace(/[^a-z]/g, '');
	const l = ascii(last).toLowerCase().replace(/[^a-z]/g, '');
	return pick([`${f}.${l}`, `${f}${l}`, `${f[0]}${l}`, `${f}.${l}${n % 100}`, `${f}_${l}`]);
}

// ---- the people ------------------------------------------------------------------------------------
const PEOPLE = 1600;
const people = [];
const usedEmails = new Set();
for (let i = 0; i < PEOPLE; i++) {
	const names = pick(FIRST);
	const last = pick(LAST);
	const [country, , cc, prefixes, len] = pickCountry();
	let email;
	do email = `${localPart(names[0], last, int(1, 999))}@${pick(DOMAINS)}`;
	while (usedEmails.has(email));
	usedEmails.add(email);
	// Draw until libphonenumber's full metadata calls the number valid (real, allocated ranges).
	let national;
	do {
		national = pick(prefixes) + (cc === '1' ? String(int(2, 9)) : '');
		while (national.length < len) national += String(int(0, 9));
	} while (!parsePhoneNumberFromString(`+${cc}${national}`)?.isValid());
	// Hidden propensity to buy (log-normal purchase rate) and a per-person basket size.
	const activity = Math.exp(gaussian() * 0.9 - 0.4);
	people.push({
		i,
		first: names[0],
		nick: names[1],
		last,
		email,
		country,
		cc,
		national,
		activity,
		basket: Math.exp(3.6 + gaussian() * 0.45),
		joined: START - int(0, 900) * day,
	});
}

// ---- noise: how a person's details are re-typed in another system ------------------------------------
function noisyEmail(email) {
	let [local, domain] = email.split('@');
	const r = random();
	if (r < 0.15) return email.toUpperCase();
	if (r < 0.3) return `  ${local[0].toUpperCase()}${local.slice(1)}@${domain} `;
	if (r < 0.38 && domain === 'gmail.com') return `${local.replace('.', '')}@googlemail.com`;
	if (r < 0.44 && domain === 'gmail.com') return `${local}+shop@${domain}`;
	if (r < 0.5 && local.length > 4) {
		const k = int(1, local.length - 2); // one transposition: a typo no normalizer can undo
		local = local.slice(0, k) + local[k + 1] + local[k] + local.slice(k + 2);
		return `${local}@${domain}`;
	}
	return email;
}
function phoneFormat(p, style) {
	const n = p.national;
	const groups = n.length >= 10 ? [n.slice(0, 3), n.slice(3, 6), n.slice(6)] : [n.slice(0, 1), n.slice(1, 3), n.slice(3, 5), n.slice(5)];
	switch (style) {
		case 'e164':
			return `+${p.cc}${n}`;
		case 'intl':
			return `+${p.cc} ${groups.join(' ')}`;
		case 'zero-intl':
			return `00${p.cc}-${groups.join('-')}`;
		case 'national':
			return p.cc === '1' ? `(${groups[0]}) ${groups[1]}-${groups[2]}` : `0${groups.join(' ')}`;
		default:
			return `+${p.cc}.${n}`;
	}
}
function noisyFirst(p) {
	const r = random();
	if (r < 0.12 && p.nick) return p.nick;
	if (r < 0.2) return p.first.toUpperCase();
	if (r < 0.26) return ascii(p.first).toLowerCase();
	return p.first;
}
function noisyLast(p) {
	const r = random();
	if (r < 0.08) return ascii(p.last);
	if (r < 0.13) return p.last.toLowerCase();
	if (r < 0.16 && p.last.length > 5) return p.last.slice(0, -1); // dropped last letter
	return p.last;
}

const csv = (rows, columns) => {
	const esc = (v) => {
		const s = v === undefined || v === null ? '' : String(v);
		return /[",\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return `${columns.join(',')}\n${rows.map((r) => columns.map((c) => esc(r[c])).join(',')).join('\n')}\n`;
};
const pad = (n, w) => String(n).padStart(w, '0');

// ---- CRM: 1,150 people, clean-ish, some with two records (duplicates inside the CRM) ------------------
const order = people.map((p) => p.i);
for (let k = order.length - 1; k > 0; k--) {
	const j = Math.floor(random() * (k + 1));
	[order[k], order[j]] = [order[j], order[k]];
}
const inCrm = new Set(order.slice(0, 1150));
const inEsp = new Set([...order.slice(500, 1150), ...order.slice(1150, 1550)]); // 650 overlap + 400 ESP-only
const crm = [];
const crmIdOf = new Map();
let crmSeq = 1000;
for (const p of people) {
	if (!inCrm.has(p.i)) continue;
	const id = `CRM-${pad(crmSeq++, 6)}`;
	crmIdOf.set(p.i, id);
	crm.push({
		crm_id: id,
		first_name: p.first,
		last_name: p.last,
		email: chance(0.06) ? '' : p.email,
		phone: chance(0.25) ? '' : phoneFormat(p, pick(['e164', 'intl', 'national'])),
		country: p.country,
		created_at: isoDay(p.joined),
	});
	if (chance(0.04)) {
		crm.push({
			crm_id: `CRM-${pad(crmSeq++, 6)}`,
			first_name: noisyFirst(p),
			last_name: noisyLast(p),
			email: noisyEmail(p.email),
			phone: chance(0.5) ? phoneFormat(p, pick(['zero-intl', 'intl'])) : '',
			country: p.country,
			created_at: isoDay(p.joined + int(30, 400) * day),
		});
	}
}

// ---- ESP: 1,050 people, re-typed details --------------------------------------------------------------
const esp = [];
let espSeq = 1;
for (const p of people) {
	if (!inEsp.has(p.i)) continue;
	esp.push({
		esp_id: `sub_${pad(espSeq++, 5)}`,
		email: noisyEmail(p.email),
		first_name: noisyFirst(p),
		last_name: chance(0.1) ? '' : noisyLast(p),
		phone: chance(0.55) ? '' : phoneFormat(p, pick(['zero-intl', 'national', 'intl', 'dots'])),
		country: chance(0.75) ? p.country : '',
		status: chance(0.93) ? 'subscribed' : 'cleaned',
		subscribed_at: isoTime(p.joined + int(0, 200) * day + int(0, 86399) * 1000),
	});
}

// ---- orders -------------------------------------------------------------------------------------------
const CUTOFF = Date.UTC(2025, 2, 31);
const orders = [];
let orderSeq = 1;
const span = (END - START) / day;
for (const p of people) {
	// Buyers come mostly from the known systems; a few only ever bought as guests.
	const buyer = inCrm.has(p.i) ? chance(0.85) : chance(0.45);
	if (!buyer) continue;
	const count = Math.min(40, poisson(p.activity * 3.2));
	const times = Array.from({ length: count }, () => START + Math.floor(random() * span) * day + int(0, 86399) * 1000).sort((a, b) => a - b);
	for (const t of times) {
		const known = crmIdOf.get(p.i);
		const byId = known && chance(0.7);
		orders.push({
			order_id: `ORD-${pad(orderSeq++, 6)}`,
			customer_ref: byId ? known : '',
			email: byId ? '' : chance(0.8) ? p.email : noisyEmail(p.email),
			ordered_at: isoTime(t),
			amount: (p.basket * Math.exp(gaussian() * 0.35)).toFixed(2),
			currency: 'EUR',
			channel: pick(['web', 'web', 'web', 'app', 'store']),
		});
	}
}
orders.sort((a, b) => (a.ordered_at < b.ordered_at ? -1 : a.ordered_at > b.ordered_at ? 1 : 0));
orders.forEach((o, k) => (o.order_id = `ORD-${pad(k + 1, 6)}`));
// A few returns and test orders: real exports have them.
for (let k = 0; k < 12; k++) {
	const o = { ...pick(orders) };
	o.order_id = `${o.order_id}-R`;
	o.amount = (-Number(o.amount)).toFixed(2);
	orders.push(o);
}

// ---- web sign-ups ---------------------------------------------------------------------------------------
const signups = [];
let signupSeq = 1;
for (const p of people) {
	const known = inCrm.has(p.i) || inEsp.has(p.i);
	if (!(known ? chance(0.08) : chance(0.6))) continue;
	signups.push({
		signup_id: `WEB-${pad(signupSeq++, 5)}`,
		email: noisyEmail(p.email),
		first_name: chance(0.3) ? '' : noisyFirst(p),
		phone: chance(0.7) ? '' : phoneFormat(p, pick(['e164', 'national'])),
		country: p.country,
		signed_up_at: isoTime(Date.UTC(2025, 0, 1) + int(0, 170) * day + int(0, 86399) * 1000),
		consent_marketing: chance(0.9) ? 'yes' : 'no',
	});
}

// ---- opt-outs -----------------------------------------------------------------------------------------
const optouts = [];
for (const p of people) {
	const r = random();
	let reason;
	if (r < 0.05) reason = 'unsubscribe';
	else if (r < 0.058) reason = 'spam_complaint';
	else if (r < 0.075) reason = 'hard_bounce';
	else if (r < 0.079) reason = 'erasure_request';
	else continue;
	const byPhone = reason === 'unsubscribe' && chance(0.15);
	optouts.push({
		email: byPhone ? '' : chance(0.7) ? p.email : noisyEmail(p.email),
		phone: byPhone ? phoneFormat(p, 'e164') : '',
		reason,
		channel: byPhone ? 'sms' : 'email',
		source: pick(['esp_webhook', 'preference_center', 'support_ticket']),
		opted_out_at: isoTime(Date.UTC(2024, 6, 1) + int(0, 360) * day + int(0, 86399) * 1000),
	});
}

fs.mkdirSync(OUT, { recursive: true });
const files = [
	['crm_contacts.csv', crm, ['crm_id', 'first_name', 'last_name', 'email', 'phone', 'country', 'created_at']],
	['esp_subscribers.csv', esp, ['esp_id', 'email', 'first_name', 'last_name', 'phone', 'country', 'status', 'subscribed_at']],
	['orders.csv', orders, ['order_id', 'customer_ref', 'email', 'ordered_at', 'amount', 'currency', 'channel']],
	['web_signups.csv', signups, ['signup_id', 'email', 'first_name', 'phone', 'country', 'signed_up_at', 'consent_marketing']],
	['optouts.csv', optouts, ['email', 'phone', 'reason', 'channel', 'source', 'opted_out_at']],
];
for (const [name, rows, columns] of files) {
	fs.writeFileSync(path.join(OUT, name), csv(rows, columns));
	process.stdout.write(`${name}: ${rows.length} rows\n`);
}
process.stdout.write(`orders after the ${isoDay(CUTOFF)} cut-off: ${orders.filter((o) => o.ordered_at > isoDay(CUTOFF)).length}\n`);
