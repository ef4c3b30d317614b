// Two projects: fast in-process tests (unit) and real-n8n end-to-end tests (e2e, one at a time:
// they share one n8n user folder and SQLite database prepared in globalSetup).
const transform = {
	'^.+\\.[tj]s$': ['ts-jest', { tsconfig: { isolatedModules: true, allowJs: true, esModuleInterop: true }, diagnostics: false }],
};
// ESM-only packages that jest must transform to CommonJS.
const esmPackages = ['csv-parse', 'fast-png', 'iobuffer', 'ml-kmeans', 'ml-distance-euclidean', 'ml-nearest-vector', 'ml-random', 'ml-xsadd', 'ml-spectra-processing', 'is-any-array'];
const transformIgnorePatterns = [`/node_modules/(?!(${esmPackages.join('|')})/)`];
// csv-parse's push parser is not in its package exports (see lib/io/csv-parse-api.d.ts).
const moduleNameMapper = { '^csv-parse/lib/api/index.js$': '<rootDir>/node_modules/csv-parse/lib/api/index.js' };

module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			roots: ['<rootDir>/test'],
			// generated.test.ts compares files only: no n8n, so it runs with the unit tests.
			testMatch: ['<rootDir>/test/{lib,nodes,bench}/**/*.test.ts', '<rootDir>/test/templates/generated.test.ts'],
			transform,
			transformIgnorePatterns,
			moduleNameMapper,
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			roots: ['<rootDir>/test'],
			testMatch: ['<rootDir>/test/{e2e,templates}/**/*.test.ts'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/templates/generated.test.ts'],
			transform,
			transformIgnorePatterns,
			moduleNameMapper,
			globalSetup: '<rootDir>/test/e2e/global-setup.ts',
			globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
			maxWorkers: 1,
		},
	],
};
