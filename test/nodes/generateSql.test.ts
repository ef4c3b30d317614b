// The Generate SQL operations through the nodes: statements as items, parameters bound, and Split
// Holdout's sample-ratio check from warehouse counts equal to the node's own on the same split.
import { SplitHoldout } from '../../nodes/SplitHoldout/SplitHoldout.node';
import { MeasureLift } from '../../nodes/MeasureLift/MeasureLift.node';
import { ApplySuppression } from '../../nodes/ApplySuppression/ApplySuppression.node';
import { ResolveIdentity } from '../../nodes/ResolveIdentity/ResolveIdentity.node';
import { executeNode } from '../helpers/executeNode';

const holdout = { campaignSalt: 'spring', customerIdField: 'customer_id', controlPercent: 20 };

describe('Generate SQL operations', () => {
	it('Split Holdout outputs one item per statement with its bound values', async () => {
		const { outputs, hints } = await executeNode(new SplitHoldout(), {
			parameters: { ...holdout, operation: 'generateSql', dialect: 'bigquery', sourceTable: 'proj.mk.customers', targetTable: 'mk.assignments' },
			inputs: [[{}]],
		});
		expect(outputs).toHaveLength(1);
		const items = outputs[0].map((item) => item.json);
		expect(items.map((item) => item.name)).toEqual(['assign', 'counts']);
		expect(items[0].sql).toContain('CREATE OR REPLACE TABLE `mk`.`assignments`');
		expect(items[0].parameters).toEqual(['spring:', 'control', 'treatment', 'spring']);
		expect(items[0].namedParameters).toEqual([
			{ name: 'p1', value: 'spring:' },
			{ name: 'p2', value: 'control' },
			{ name: 'p3', value: 'treatment' },
			{ name: 'p4', value: 'spring' },
		]);
		expect(hints[hints.length - 1].message).toMatch(/2 bigquery statements/);
	});

	it('Split Holdout with BigQuery Parameters "One JSON Array" binds one named parameter, params, holding every value', async () => {
		const { outputs } = await executeNode(new SplitHoldout(), {
			parameters: { ...holdout, operation: 'generateSql', dialect: 'bigquery', bigqueryParameters: 'json', sourceTable: 'proj.mk.customers', targetTable: 'mk.assignments' },
			inputs: [[{}]],
		});
		const items = outputs[0].map((item) => item.json);
		expect(items[0].parameters).toEqual(['spring:', 'control', 'treatment', 'spring']);
		expect(items[0].namedParameters).toEqual([{ name: 'params', value: '["spring:","control","treatment","spring"]' }]);
		expect(items[0].sql).toContain("MD5(CONCAT(JSON_VALUE(@params, '$[0]'), ");
		expect(items[0].sql).not.toMatch(/@p\d/);
		// The counts statement binds nothing.
		expect(items[1].parameters).toEqual([]);
		expect(items[1].namedParameters).toEqual([]);
		// Other dialects ignore the setting.
		const postgres = await executeNode(new SplitHoldout(), {
			parameters: { ...holdout, operation: 'generateSql', dialect: 'postgres', bigqueryParameters: 'json', sourceTable: 'c', targetTable: 't' },
			inputs: [[{}]],
		});
		const assign = postgres.outputs[0].find((item) => item.json.name === 'assign')!.json;
		expect((assign.parameters as string[]).length).toBeGreaterThan(0);
		expect(assign.namedParameters).toEqual((assign.parameters as string[]).map((value, i) => ({ name: `p${i + 1}`, value })));
	});

	it('Split Holdout randomizes by the household column when asked', async () => {
		const { outputs } = await executeNode(new SplitHoldout(), {
			parameters: { ...holdout, randomizeBy: 'household', householdIdField: 'hh_id', operation: 'generateSql', sourceTable: 'c', targetTable: 't' },
			inputs: [[{}]],
		});
		expect(outputs[0][1].json.sql).toContain('COALESCE(household_key, customer_key)');
		expect(outputs[0][1].json.sql).toMatch(/regexp_replace\(CAST\("hh_id" AS TEXT\)/);
		expect(outputs[0][1].json.sql).toContain('"randomized_on"');
	});

	it('Split Holdout refuses a stratified split in SQL', async () => {
		await expect(
			executeNode(new SplitHoldout(), {
				parameters: { ...holdout, operation: 'generateSql', sourceTable: 'c', targetTable: 't', options: { stratifyField: 'segment' } },
				inputs: [[{}]],
			}),
		).rejects.toThrow(/Stratified/);
	});

	it('Check Sample Ratio gives the node\'s own check for the same counts', async () => {
		const customers = Array.from({ length: 2000 }, (_, i) => ({ customer_id: `c${i}` }));
		const split = await executeNode(new SplitHoldout(), {
			parameters: { ...holdout, options: { globalHoldout: true, globalHoldoutPercent: 5, globalHoldoutSalt: 'all' } },
			inputs: [customers],
		});
		const own = split.outputs[0][0].json.holdout as { srm: Record<string, unknown> };
		const counts = [
			{ arm: 'treatment', n: String(split.outputs[0].length) },
			{ arm: 'control', n: split.outputs[1].length },
			{ arm: 'global_holdout', n: split.outputs[2].length },
		];
		const checked = await executeNode(new SplitHoldout(), {
			parameters: { ...holdout, operation: 'checkSampleRatio', options: { globalHoldout: true, globalHoldoutPercent: 5, globalHoldoutSalt: 'all' } },
			inputs: [counts],
		});
		expect(checked.outputs[0]).toHaveLength(1);
		expect(checked.outputs[0][0].json.srm).toMatchObject(own.srm);
		expect(checked.outputs[0][0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('Measure Lift outputs the statistics query', async () => {
		const { outputs } = await executeNode(new MeasureLift(), {
			parameters: {
				operation: 'generateSql',
				dialect: 'snowflake',
				sourceTable: 'mk.outcomes',
				armField: 'arm',
				metrics: { metric: [{ field: 'revenue', kind: 'continuous' }] },
			},
			inputs: [[{}]],
		});
		expect(outputs[0]).toHaveLength(1);
		expect(outputs[0][0].json.sql).toContain('FROM "MK"."OUTCOMES"');
		expect(outputs[0][0].json.parameters).toEqual(['revenue']);
	});

	it('Apply Suppression outputs the list check, with only the mapped list columns', async () => {
		const { outputs } = await executeNode(new ApplySuppression(), {
			parameters: {
				operation: 'generateSql',
				dialect: 'postgres',
				sourceTable: 'mk.audience',
				targetTable: 'mk.decisions',
				suppressionTable: 'mk.unsubscribes',
				lists: 'Newsletter',
				listFields: { scopeField: 'list_scope' },
			},
			inputs: [[{}], []],
		});
		const items = outputs[0].map((item) => item.json);
		expect(items.map((item) => item.name)).toEqual(['drop', 'decide', 'counts']);
		expect(items[1].sql).toContain('l."list_scope"');
		expect(items[1].sql).not.toContain('"sha256"');
		expect(items[1].parameters).toEqual(['newsletter']);
	});

	it('Apply Suppression refuses a mapped phone column: phone-only entries would hold nobody in SQL', async () => {
		for (const fields of [{ listFields: { phoneField: 'mobile' } }, { audienceFields: { phoneField: 'mobile' } }]) {
			await expect(
				executeNode(new ApplySuppression(), {
					parameters: { operation: 'generateSql', dialect: 'postgres', sourceTable: 'a', targetTable: 'b', suppressionTable: 'c', ...fields },
					inputs: [[{}], []],
				}),
			).rejects.toThrow(/cannot match phone numbers/);
		}
	});

	it('Apply Suppression refuses mapped consent, bounce and history fields and set rules: the SQL would write eligible = true for those it ignores', async () => {
		const base = { operation: 'generateSql', dialect: 'postgres', sourceTable: 'a', targetTable: 'b', suppressionTable: 'c' };
		for (const [audienceFields, label] of [
			[{ consentField: 'email_status' }, 'Consent Field'],
			[{ optedOutAtField: 'unsubscribed_at' }, 'Opted Out At Field'],
			[{ bouncedField: 'hard_bounce' }, 'Bounced Field'],
			[{ complainedField: 'spam' }, 'Complained Field'],
			[{ countryField: 'cc' }, 'Country Field'],
		] as const) {
			await expect(executeNode(new ApplySuppression(), { parameters: { ...base, audienceFields }, inputs: [[{}], []] })).rejects.toThrow(new RegExp(`checks the suppression list only, and "${label}" is mapped`));
		}
		await expect(executeNode(new ApplySuppression(), { parameters: { ...base, rules: { frequencyCapMax: 3 } }, inputs: [[{}], []] })).rejects.toThrow(/applies no rules, and "frequencyCapMax" is set/);
		// Email and customer ID are what the SQL matches on: mapping them is fine.
		const { outputs } = await executeNode(new ApplySuppression(), { parameters: { ...base, audienceFields: { emailField: 'mail', customerIdField: 'cid' } }, inputs: [[{}], []] });
		expect(outputs[0].length).toBeGreaterThan(0);
	});

	it('Apply Suppression refuses SMS in SQL', async () => {
		await expect(
			executeNode(new ApplySuppression(), {
				parameters: { operation: 'generateSql', channel: 'sms', sourceTable: 'a', targetTable: 'b', suppressionTable: 'c' },
				inputs: [[{}], []],
			}),
		).rejects.toThrow(/email channel/);
	});

	it('Resolve Identity writes the deterministic rules on the mapped columns only, and refuses guardrails SQL lacks', async () => {
		const parameters = {
			operation: 'generateSql',
			dialect: 'snowflake',
			sourceTable: 'mk.records',
			targetTable: 'mk.customers',
			recordFields: { recordKeyField: 'record_id', emailField: 'email', firstNameField: 'given_name', extraIdFields: 'crm_id, loyalty_no' },
			options: { defaultRegion: 'gb' },
			passes: 3,
		};
		const { outputs, hints } = await executeNode(new ResolveIdentity(), { parameters, inputs: [[{}]] });
		expect(outputs).toHaveLength(4);
		const statements = outputs[0].map((item) => item.json);
		expect(statements.map((s) => s.name)).toEqual(['values', 'labels', 'pass 1', 'jump 1', 'pass 2', 'jump 2', 'pass 3', 'jump 3', 'summary', 'cleanup']);
		const values = statements[0].sql as string;
		expect(values).toContain('"RECORD_ID"');
		expect(values).toContain('"GIVEN_NAME"');
		expect(values).toContain(`'id:crm_id'`);
		expect(values).toContain(`'id:loyalty_no'`);
		// Not mapped, so not read (the table may not have them): phone, surname, birth date.
		expect(values).not.toMatch(/"PHONE"|"LASTNAME"|"DATEOFBIRTH"/);
		expect(outputs.slice(1)).toEqual([[], [], []]);
		expect(hints[hints.length - 1].message).toMatch(/10 snowflake statements/);
		await expect(executeNode(new ResolveIdentity(), { parameters: { ...parameters, guardrails: { maxNamesPerValue: 2 } }, inputs: [[{}]] })).rejects.toThrow(/no SQL form/);
		await expect(executeNode(new ResolveIdentity(), { parameters: { ...parameters, options: { defaultRegion: 'XX' } }, inputs: [[{}]] })).rejects.toThrow(/not a country code/);
	});
});
