// Lint with n8n's own community-node rules plus typescript-eslint's recommended set.
import tseslint from 'typescript-eslint';
import * as jsoncParser from 'jsonc-eslint-parser';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

// The full set (n8n Cloud support included): n8n's verification scan applies it to the published
// package, and verification is how a community package reaches n8n Cloud and the nodes panel. It
// refuses runtime dependencies, restricted imports and globals, and the Logic and Flow codex
// categories (these nodes are Marketing and Analytics). `npm run scan` runs the scanner itself.
const communityNodes = n8nCommunityNodesPlugin.configs.recommended;

export default tseslint.config(
	{
		ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/out/**', '**/*.js', '**/*.mjs'],
	},
	...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
	},
	{
		...communityNodes,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
	},
	{
		// Tests, benchmarks and tools may use Node APIs and console freely.
		files: ['test/**/*.ts', 'bench/**/*.ts'],
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-require-imports': 'off',
		},
	},
);
