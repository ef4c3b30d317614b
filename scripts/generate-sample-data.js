// Writes the flagship template's sample data (templates/sample-data/*.csv), deterministically:
// the same rows on every machine. `node scripts/generate-sample-data.js`. The rows come from
// flagshipSampleData() in scripts/templates/sample-data.js, the function the flagship template's
// Sample Data step runs inside n8n, so the files and the imported template hold the same data.
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
const { flagshipSampleData, toCsv, FLAGSHIP_FILES } = require('./templates/sample-data.js');

const OUT = process.env.SAMPLE_DATA_OUT || path.resolve(__dirname, '..', 'templates', 'sample-data');
const data = flagshipSampleData();
fs.mkdirSync(OUT, { recursive: true });
for (const [name, table, columns] of FLAGSHIP_FILES) {
	fs.writeFileSync(path.join(OUT, name), toCsv(data[table], columns));
	process.stdout.write(`${name}: ${data[table].length} rows\n`);
}
process.stdout.write(`orders after the 2025-03-31 cut-off: ${data.orders.filter((o) => o.ordered_at > '2025-03-31').length}\n`);
