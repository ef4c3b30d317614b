// Generated multi-source files for the flagship at scale (issue #19): `npm run bench:n8n -- --workflows
// pipeline` writes them at 100k and 1M customers, and templates/flagship-at-scale-files.json runs the
// same function inside a Code step (its source text is copied there by scripts/build-templates.js),
// so the template's sample files and the bench's are one design.
'use strict';

/**
 * Writes, through `write(fileName, text)` in chunks (header first), for `customers` people:
 * - identity.csv: CRM (everyone, with the CRM customer number in customerId), ESP (65%) and shop
 *   account (50%) records, ~2.15 a customer, with varied names, case and typo variants;
 * - transactions.csv: ~10 orders a customer (1-19), keyed by the CRM customer number;
 * - optouts.csv: the do-not-contact list (~3%), by customer number and email;
 * - outcomes.csv: the last campaign (20% of customers): arm, converted, revenue and the RFM
 *   features as of its start (to train the propensity model and to measure lift).
 * Self-contained (it runs inside an n8n Code step, which cannot import lib/): mulberry32 as in
 * lib/stats/random.ts.
 */
function pipelineFiles(customers, write) {
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
	const random = rng(20261203 + customers);
	const pick = (list) => list[Math.floor(random() * list.length)];
	const FIRST = ('James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph Jessica ' +
		'Thomas Sarah Chris Karen Daniel Lisa Matthew Nancy Anthony Betty Mark Sandra Paul Ashley Steven Emily Andrew Donna Joshua ' +
		'Michelle Kevin Carol Brian Amanda George Melissa Timothy Deborah Ahmed Priya Linh Olga Mateo Sofia Hiroshi Yuki Fatima ' +
		'Omar Ana Luca Chiara Lars Ingrid Kwame Amara Wei Mei Raj Anjali Diego Camila Noah Emma Liam Olivia Ethan Ava Lucas Mia').split(' ');
	const LAST = ('Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson ' +
		'Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker ' +
		'Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter ' +
		'Roberts Patel Khan Ivanova Kowalski Rossi Muller Schmidt Dubois Tanaka Sato Kim Park Chen Wang Singh Okafor Mensah').split(' ');
	const ON = ['b', 'br', 'c', 'ch', 'd', 'f', 'g', 'gr', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 'st', 't', 'v', 'w'];
	const VOWEL = ['a', 'e', 'i', 'o', 'u', 'ay', 'ie', 'ou'];
	const END = ['son', 'ton', 'man', 'ley', 'er', 'in', 'ford', 'berg', 'ski', 'ez', 'ova', 'ard'];
	// Half the surnames are common ones, half made of syllables: thousands of distinct names, as in a
	// real customer base, so no name block is most of the file.
	const surname = () => {
		if (random() < 0.5) return pick(LAST);
		const s = pick(ON) + pick(VOWEL) + pick(ON) + pick(VOWEL) + pick(END);
		return s[0].toUpperCase() + s.slice(1);
	};
	const typo = (s) => {
		const i = 1 + Math.floor(random() * (s.length - 2));
		return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
	};
	const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'proton.me', 'gmx.de', 'orange.fr', 'web.de'];
	const AREAS = ['415', '212', '312', '617', '206'];
	const pad = (n, w) => String(n).padStart(w, '0');
	const day = (d) => new Date(Date.UTC(2023, 0, 1) + d * 86400000).toISOString().slice(0, 10);
	const asOfDay = 730; // 2025-01-01: the last campaign started 90 days before
	const lastCampaignDay = asOfDay - 90;

	const out = { 'identity.csv': [], 'transactions.csv': [], 'optouts.csv': [], 'outcomes.csv': [] };
	const flush = (force) => {
		for (const name of Object.keys(out)) {
			if (out[name].length > (force ? 0 : 20000)) {
				write(name, out[name].join(''));
				out[name] = [];
			}
		}
	};
	write('identity.csv', 'recordKey,source,customerId,email,phone,firstName,lastName,postcode,updatedAt\n');
	write('transactions.csv', 'customerId,orderId,date,amount\n');
	write('optouts.csv', 'customerId,email,reason\n');
	write('outcomes.csv', 'customerId,arm,converted,revenue,recencyDays,frequency,monetary\n');
	for (let p = 0; p < customers; p++) {
		const id = `C${p}`;
		const first = pick(FIRST);
		const last = surname();
		const email = `${first}.${last}${p}@${pick(DOMAINS)}`.toLowerCase();
		const phone = `+1 ${AREAS[p % 5]} ${200 + (Math.floor(p / 10000) % 800)} ${pad(p % 10000, 4)}`;
		const postcode = pad(10000 + Math.floor(random() * 89999), 5);
		out['identity.csv'].push(`crm:${p},crm,${id},${email},${phone},${first},${last},${postcode},2024-11-${pad(1 + (p % 28), 2)}\n`);
		if (random() < 0.65) {
			// The ESP: mostly the same address in other case, sometimes a second address.
			const other = random() < 0.15;
			const espEmail = other ? `${first}${last[0]}${p}@${pick(DOMAINS)}`.toLowerCase() : random() < 0.5 ? email.toUpperCase() : email;
			out['identity.csv'].push(`esp:${p},esp,,${espEmail},${other ? phone : ''},${first.toLowerCase()},${last},,2024-12-${pad(1 + (p % 28), 2)}\n`);
		}
		if (random() < 0.5) {
			// The shop's account: phone, a name sometimes mistyped, the email half the time.
			const name = random() < 0.1 && first.length > 3 ? typo(first) : first;
			out['identity.csv'].push(`shop:${p},orders,,${random() < 0.5 ? email : ''},${phone},${name},${last},${postcode},2024-10-${pad(1 + (p % 28), 2)}\n`);
		}
		// Orders: 1-19 (10 on average); some customers lapse, spend levels vary.
		const orders = 1 + Math.floor(random() * 19);
		const activeUntil = random() < 0.3 ? Math.floor(random() * asOfDay) : asOfDay - 1;
		const level = 20 + random() * 120;
		let frequency = 0;
		let monetary = 0;
		let lastDay = -1;
		for (let k = 0; k < orders; k++) {
			const d = Math.floor(random() * (activeUntil + 1));
			const amount = Math.max(1, level * (0.5 + random())).toFixed(2);
			out['transactions.csv'].push(`${id},O${p}-${k},${day(d)},${amount}\n`);
			if (d < lastCampaignDay) {
				frequency++;
				monetary += Number(amount);
				lastDay = Math.max(lastDay, d);
			}
		}
		if (random() < 0.03) out['optouts.csv'].push(`${id},${email},${pick(['unsubscribe', 'complaint', 'do_not_contact'])}\n`);
		if (random() < 0.2) {
			// The last campaign: 20% held out; conversion rises with recent, frequent buying and by 30% when mailed.
			const arm = random() < 0.2 ? 'control' : 'treatment';
			const recencyDays = lastDay < 0 ? 1000 : lastCampaignDay - lastDay;
			const base = 1 / (1 + Math.exp(-(-2.6 + 0.12 * frequency - recencyDays / 200)));
			const converted = random() < Math.min(0.95, base * (arm === 'treatment' ? 1.3 : 1)) ? 1 : 0;
			const revenue = converted ? (level * (0.5 + random())).toFixed(2) : '0';
			out['outcomes.csv'].push(`${id},${arm},${converted},${revenue},${recencyDays},${frequency},${monetary.toFixed(2)}\n`);
		}
		flush(false);
	}
	flush(true);
}

module.exports = { pipelineFiles };
