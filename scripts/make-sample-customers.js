// Writes templates/sample-data/customers.csv: 2,000 fictional customers, deterministic (seeded),
// from sampleCustomers() in scripts/templates/sample-data.js, the function the holdout demo
// template runs inside n8n. Run: node scripts/make-sample-customers.js
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { sampleCustomers, toCsv, CUSTOMER_COLUMNS } = require('./templates/sample-data.js');

fs.writeFileSync(path.join(__dirname, '..', 'templates', 'sample-data', 'customers.csv'), toCsv(sampleCustomers(), CUSTOMER_COLUMNS));
