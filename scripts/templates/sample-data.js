// The sample data of the flagship and holdout templates, generated deterministically (the same
// rows on every machine). Each data function is self-contained (no require, nothing from outside
// its body), so scripts/build-templates.js embeds its source (sourceOf) in a template's Code node: an imported
// template makes its own sample data, with no files to copy. The same functions write
// templates/sample-data/*.csv (scripts/generate-sample-data.js, scripts/make-sample-customers.js).
'use strict';

/**
 * One population of 1,600 people seen through a CRM, an ESP, a web shop, a sign-up form and an
 * opt-out log, each with its own noise. Returns { crm, esp, orders, signups, optouts }: rows of
 * strings, exactly as a CSV export of them reads (empty cells as '').
 */
function flagshipSampleData() {
	// Phone numbers in ranges libphonenumber's full metadata calls valid (checked in
	// test/templates/sample-data.test.ts): in France and the Netherlands some mobile ranges are unallocated.
	const validPhone = (cc, national) => !/^(?:33(?:639|69[0-467]|7[0-2])|31(?:6[079]))/.test(cc + national);
	// mulberry32, as in lib/stats/random.ts: this function runs inside an n8n Code step, which cannot
	// import the pack's lib/, so it carries its own copy (the sample rows depend on this exact stream).
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
	const random = rng(20260324);
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
		} while (!validPhone(cc, national));
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
	return { crm, esp, orders, signups, optouts };
}

/** 2,000 fictional customers (customer_id, email, names, country, segment) for the holdout demo. */
function sampleCustomers() {
	let seed = 20261124;
	const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
	const pick = (list) => list[Math.floor(random() * list.length)];
	const first = ['Ava', 'Ben', 'Chloé', 'Dan', 'Eva', 'Finn', 'Grace', 'Hugo', 'Isla', 'Jon', 'Kai', 'Lena', 'Mia', 'Noah', 'Olivia', 'Paul', 'Rosa', 'Sam', 'Tara', 'Zoë'];
	const last = ['Adams', 'Baker', 'Clarke', 'Dubois', 'Evans', 'Fischer', 'García', 'Hughes', 'Ito', 'Jones', 'Khan', 'López', 'Müller', 'Nowak', "O'Brien", 'Patel', 'Rossi', 'Smith', 'Taylor', 'Wang'];
	const countries = ['US', 'US', 'US', 'GB', 'DE', 'FR', 'CA'];
	const segments = ['Champions', 'Loyal', 'Potential Loyalist', 'At Risk', 'Hibernating', 'New'];
	const rows = [];
	for (let i = 1; i <= 2000; i++) {
		const f = pick(first);
		const l = pick(last);
		const local = `${f}.${l}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
		const domain = pick(['example.com', 'example.org', 'example.net']);
		rows.push({ customer_id: `C${String(i).padStart(5, '0')}`, email: `${local}${i}@${domain}`, first_name: f, last_name: l, country: pick(countries), segment: pick(segments) });
	}
	return rows;
}

/**
 * A mailing list of about 300 records with households: families at one address sharing a surname,
 * a landline and sometimes a family mailbox; people seen twice (CRM and web, re-typed); namesakes
 * at other addresses; a few opt-outs. Rows: id, source, firstName, lastName, email, phone,
 * address, city, postcode, country, consent.
 */
function householdSampleData() {
	let seed = 20261202;
	const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
	const pick = (list) => list[Math.floor(random() * list.length)];
	const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
	const firsts = ['Chloe', 'David', 'Maria', 'James', 'Emma', 'Noah', 'Olivia', 'Liam', 'Sofia', 'Lucas', 'Mia', 'Ethan', 'Ava', 'Mason', 'Grace', 'Henry', 'Ella', 'Jack', 'Lily', 'Owen'];
	const lasts = ['Lara', 'Vargas', 'Nguyen', 'Patel', 'Kowalski', 'Okafor', 'Schneider', 'Dubois', 'Haddad', 'Moreno', 'Larsen', 'Brennan', 'Tanaka', 'Silva', 'Novak', 'Fischer'];
	const streets = ['Oak Avenue', 'Maple Street', 'Lake Drive', 'Hill Road', 'Cedar Lane', 'Park Place', 'River Way', 'Elm Court'];
	const towns = [['Springfield', '627'], ['Shelbyville', '625'], ['Riverton', '624'], ['Lakeside', '623']];
	const rows = [];
	let n = 0;
	const add = (person, source) => rows.push({ id: `${source}:${++n}`, source, ...person });
	for (let h = 0; h < 180; h++) {
		const last = pick(lasts);
		const [city, zip] = pick(towns);
		const home = { address: `${int(1, 999)} ${pick(streets)}`, city, postcode: `${zip}${int(10, 99)}`, country: 'US' };
		const landline = `(217) ${int(230, 989)}-${int(1000, 9999)}`;
		const size = random() < 0.3 ? (random() < 0.7 ? 2 : 3) : 1;
		const family = random() < 0.5 ? `${last.toLowerCase()}.family${h}@gmail.com` : '';
		const used = new Set();
		for (let m = 0; m < size; m++) {
			let first;
			do first = pick(firsts);
			while (used.has(first));
			used.add(first);
			const own = `${first.toLowerCase()}.${last.toLowerCase()}${h}@${pick(['gmail.com', 'outlook.com', 'yahoo.com'])}`;
			const person = {
				firstName: first,
				lastName: last,
				email: size > 1 && family && m > 0 ? family : own,
				phone: size > 1 ? landline : `(312) ${int(230, 989)}-${int(1000, 9999)}`,
				...home,
				consent: random() < 0.06 ? 'opted_out' : 'opted_in',
			};
			add(person, 'crm');
			// Some people signed up on the web too, typing their details differently.
			if (random() < 0.15) add({ ...person, firstName: person.firstName.toUpperCase(), email: own, phone: '', address: person.address.replace('Street', 'St').replace('Avenue', 'Ave'), consent: 'opted_in' }, 'web');
		}
	}
	return rows;
}

/** A CSV text (header row, quoted where needed), as the committed sample files are written. */
function toCsv(rows, columns) {
	const esc = (v) => {
		const s = v === undefined || v === null ? '' : String(v);
		return /[",\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return `${columns.join(',')}\n${rows.map((r) => columns.map((c) => esc(r[c])).join(',')).join('\n')}\n`;
}

/**
 * The source text of one of the functions above, exactly as written in this file (not
 * Function.prototype.toString, which a test runner's transform may reformat): what a template's
 * Code step runs.
 */
function sourceOf(name) {
	const text = require('node:fs').readFileSync(__filename, 'utf8');
	const start = text.indexOf(`\nfunction ${name}(`);
	const end = text.indexOf('\n}\n', start);
	if (start < 0 || end < 0) throw new Error(`sample-data.js has no function ${name}`);
	return text.slice(start + 1, end + 2);
}

const FLAGSHIP_FILES = [
	['crm_contacts.csv', 'crm', ['crm_id', 'first_name', 'last_name', 'email', 'phone', 'country', 'created_at']],
	['esp_subscribers.csv', 'esp', ['esp_id', 'email', 'first_name', 'last_name', 'phone', 'country', 'status', 'subscribed_at']],
	['orders.csv', 'orders', ['order_id', 'customer_ref', 'email', 'ordered_at', 'amount', 'currency', 'channel']],
	['web_signups.csv', 'signups', ['signup_id', 'email', 'first_name', 'phone', 'country', 'signed_up_at', 'consent_marketing']],
	['optouts.csv', 'optouts', ['email', 'phone', 'reason', 'channel', 'source', 'opted_out_at']],
];
const CUSTOMER_COLUMNS = ['customer_id', 'email', 'first_name', 'last_name', 'country', 'segment'];

module.exports = { flagshipSampleData, sampleCustomers, householdSampleData, sourceOf, toCsv, FLAGSHIP_FILES, CUSTOMER_COLUMNS };
