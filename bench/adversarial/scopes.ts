// Attacks Apply Suppression with the scope words real CRM / ESP / CDP exports write on a
// suppression entry. Invariant: an entry whose scope names every channel ("All Channels",
// "unsubscribe_all") or covers this send ("Email Marketing", "marketing" for a newsletter) holds the
// person; only a scope naming something else (another brand's list, "sms") may let them through.
// A control: "other-brand-list" is not applied (else the attack passes vacuously).
//   npx tsx bench/adversarial/scopes.ts [--root <worktree>] [--verbose]
import { attempt, executeNode, load, Report } from './common';

const report = new Report('scopes');
const { ApplySuppression } = load('nodes/ApplySuppression/ApplySuppression.node.ts');

const COVERING = ['All Channels', 'all_channels', 'ALL-CHANNELS', 'unsubscribe_all', 'Unsubscribed from all', 'all marketing', 'marketing', 'Marketing Emails', 'Email Marketing', 'E-mail Marketing', 'email_marketing', 'promotional', 'Global Unsubscribe', 'everything'];
const OTHER = ['other-brand-list', 'sms'];

async function held(scope: string): Promise<{ held: boolean; got: unknown }> {
	const { value, error } = await attempt(() =>
		executeNode(new ApplySuppression(), {
			parameters: { channel: 'email', lists: 'newsletter', rules: { suppressRoleAccounts: false } },
			inputs: [[{ email: 'jane.doe@gmail.com' }], [{ email: 'jane.doe@gmail.com', scope }]],
			continueOnFail: true,
		}),
	);
	if (!value) return { held: true, got: `error: ${error?.message}` };
	const eligible = value.outputs[0].find((item: any) => (item.pairedItem?.input ?? 0) === 0);
	return { held: !eligible, got: eligible ? { eligible: true, warnings: eligible.json.suppression?.warnings } : 'held' };
}

async function main() {
	for (const scope of COVERING) {
		const r = await held(scope);
		report.check(r.held, {
			id: `scope ${scope}`,
			harm: 'contact',
			title: `a suppression entry scoped "${scope}" is not applied to an email newsletter send: the person comes out Eligible (with a warning only)`,
			input: { channel: 'email', lists: 'newsletter', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'jane.doe@gmail.com', scope } },
			expected: 'held (the scope covers every channel / email marketing)',
			got: r.got,
			responsible: 'lib/suppression/listIndex.ts entryScope (GLOBAL_SCOPES) / decide.ts applicable scope',
		});
	}
	for (const scope of OTHER) {
		const r = await held(scope);
		report.check(!r.held, { id: `control ${scope}`, harm: 'split', title: `control: an entry scoped "${scope}" holds an email newsletter send (over-suppression, or the attack is vacuous)`, input: scope, expected: 'eligible with a warning', got: r.got });
	}
	report.finish();
}

void main();
