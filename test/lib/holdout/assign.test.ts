import fc from 'fast-check';
import {
	armRanges,
	assignHoldout,
	assignKey,
	assignmentAt,
	GLOBAL_HOLDOUT_ARM,
	HoldoutConfigError,
	type HoldoutPlan,
	type HoldoutResult,
	planHoldout,
	treatmentControlArms,
} from '../../../lib/holdout';

const keys = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}` }));
const arms = (result: HoldoutResult, plan: HoldoutPlan) => Array.from(result.armIndexes, (_, i) => assignmentAt(plan, result, i).arm);

describe('arm layout', () => {
	it('lays control first so a larger control share only moves treatment into control', () => {
		const small = planHoldout({ salt: 's', arms: treatmentControlArms(10) });
		const large = planHoldout({ salt: 's', arms: treatmentControlArms(20) });
		for (const { key } of keys(5000)) {
			if (assignKey(small, key).arm === 'control') expect(assignKey(large, key).arm).toBe('control');
		}
	});

	it('covers [0, 10000) exactly with weights that need not sum to 100', () => {
		const ranges = armRanges([
			{ name: 'a', weight: 1 },
			{ name: 'b', weight: 1 },
			{ name: 'c', weight: 1 },
		]);
		expect(ranges.map((r) => [r.start, r.end])).toEqual([
			[0, 3333],
			[3333, 6667],
			[6667, 10000],
		]);
	});

	it.each([
		[[{ name: 'a', weight: 1 }], /two arms/],
		[[{ name: 'a', weight: 1 }, { name: 'a', weight: 1 }], /unique/],
		[[{ name: 'a', weight: 1 }, { name: ' ', weight: 1 }], /name/],
		[[{ name: 'a', weight: 1 }, { name: 'b', weight: -1 }], /positive weight/],
		[[{ name: 'a', weight: 1 }, { name: 'b', weight: NaN }], /positive weight/],
	])('rejects bad arms %#', (arms, message) => {
		expect(() => armRanges(arms)).toThrow(message);
	});

	it('rejects a missing salt, a bad control percentage and a reused global salt', () => {
		expect(() => planHoldout({ salt: '  ', arms: treatmentControlArms(10) })).toThrow(HoldoutConfigError);
		expect(() => treatmentControlArms(0)).toThrow(/above 0/);
		expect(() => treatmentControlArms(100)).toThrow(/below 100/);
		expect(() =>
			planHoldout({ salt: 'x', arms: treatmentControlArms(10), globalHoldout: { salt: 'x', percent: 5 } }),
		).toThrow(/differ/);
	});
});

describe('assignHoldout', () => {
	it('is deterministic and depends only on the key and the plan', () => {
		const plan = planHoldout({ salt: 'spring', arms: treatmentControlArms(10) });
		fc.assert(
			fc.property(fc.array(fc.string({ minLength: 1 }), { maxLength: 50 }), (input) => {
				const forward = arms(assignHoldout(input.map((key) => ({ key })), plan), plan);
				const reversed = arms(assignHoldout([...input].reverse().map((key) => ({ key })), plan), plan);
				return JSON.stringify(forward) === JSON.stringify(reversed.reverse());
			}),
		);
	});

	it('gives every key the arm and bucket assignKey gives it alone, global holdout included', () => {
		const plan = planHoldout({
			salt: 'spring',
			arms: treatmentControlArms(20),
			globalHoldout: { salt: 'always-out', percent: 5 },
		});
		const units = keys(5000);
		const result = assignHoldout(units, plan);
		units.forEach(({ key }, i) => expect(assignmentAt(plan, result, i)).toEqual(assignKey(plan, key)));
	});

	it('refuses more arms than a result can index', () => {
		const many = Array.from({ length: 1001 }, (_, i) => ({ name: `arm${i}`, weight: 1 }));
		expect(() => armRanges(many)).toThrow(/At most 1000 arms/);
	});

	it('splits close to the intended share and passes the sample-ratio check', () => {
		const result = assignHoldout(keys(20000), planHoldout({ salt: 'spring', arms: treatmentControlArms(10) }));
		expect(result.counts[0] / 20000).toBeCloseTo(0.1, 1);
		expect(result.srm.pValue).toBeGreaterThan(0.001);
		expect(result.srm.mismatch).toBe(false);
		expect(result.counts[0] + result.counts[1]).toBe(20000);
	});

	it('flags a sample-ratio mismatch when the split is not the intended one', () => {
		const plan = planHoldout({ salt: 'spring', arms: treatmentControlArms(10) });
		// Keep only the treated half of a large audience, as a buggy upstream filter would.
		const treated = keys(20000).filter(({ key }) => assignKey(plan, key).arm === 'treatment').slice(0, 9000);
		const skewed = [...keys(200, 'x'), ...treated];
		const result = assignHoldout(skewed, plan);
		expect(result.srm.mismatch).toBe(true);
		expect(result.srm.pValue).toBeLessThan(0.001);
	});

	it('holds the same customers out of every campaign with a global holdout', () => {
		const global = { salt: 'global-holdout', percent: 5 };
		const a = planHoldout({ salt: 'campaign-a', arms: treatmentControlArms(10), globalHoldout: global });
		const b = planHoldout({ salt: 'campaign-b', arms: treatmentControlArms(50), globalHoldout: global });
		const heldA = keys(10000).filter(({ key }) => assignKey(a, key).arm === GLOBAL_HOLDOUT_ARM).map((u) => u.key);
		const heldB = keys(10000).filter(({ key }) => assignKey(b, key).arm === GLOBAL_HOLDOUT_ARM).map((u) => u.key);
		expect(heldA).toEqual(heldB);
		expect(heldA.length / 10000).toBeCloseTo(0.05, 1);
		const result = assignHoldout(keys(10000), a);
		expect(result.globalHoldoutCount).toBe(heldA.length);
		expect(result.srm.observed[GLOBAL_HOLDOUT_ARM]).toBe(heldA.length);
		expect(result.srm.mismatch).toBe(false);
	});

	it('splits every stratum to within one unit of its target', () => {
		const plan = planHoldout({
			salt: 's',
			arms: [
				{ name: 'control', weight: 1 },
				{ name: 'a', weight: 1 },
				{ name: 'b', weight: 2 },
			],
		});
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.uuid(), fc.constantFrom('gold', 'silver', 'bronze')), { maxLength: 300 }), (rows) => {
				const units = rows.map(([key, stratum]) => ({ key, stratum }));
				const result = assignHoldout(units, plan);
				const assignments = units.map((_, i) => assignmentAt(plan, result, i));
				for (const stratum of ['gold', 'silver', 'bronze']) {
					const members = assignments.filter((_, i) => units[i].stratum === stratum);
					const n = members.length;
					for (const arm of plan.arms) {
						const count = members.filter((a) => a.arm === arm.name).length;
						if (Math.abs(count - n * arm.share) >= 1) return false;
					}
				}
				return assignments.length === units.length;
			}),
		);
	});

	it('cuts each key once when stratifying: its units share one arm and one stratum, whatever the input order', () => {
		const plan = planHoldout({ salt: 's', arms: treatmentControlArms(30) });
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('gold', 'silver', 'bronze')), { maxLength: 200 }), (rows) => {
				const units = rows.map(([key, stratum]) => ({ key: `k${key}`, stratum }));
				const arms = (list: typeof units) => {
					const result = assignHoldout(list, plan);
					const byKey = new Map<string, Set<string>>();
					list.forEach((unit, i) => byKey.set(unit.key, (byKey.get(unit.key) ?? new Set()).add(`${assignmentAt(plan, result, i).arm}/${result.strata![i]}`)));
					return byKey;
				};
				const forward = arms(units);
				const backward = arms([...units].reverse());
				for (const [key, set] of forward) if (set.size !== 1 || [...set][0] !== [...backward.get(key)!][0]) return false;
				return true;
			}),
		);
	});

	it('keeps an arm called __proto__ as a plain key in the sample-ratio report', () => {
		const plan = planHoldout({ salt: 's', arms: [{ name: '__proto__', weight: 1 }, { name: 'b', weight: 1 }] });
		const result = assignHoldout(keys(100), plan);
		expect(Object.keys(result.srm.observed)).toEqual(['__proto__', 'b']);
		expect(JSON.parse(JSON.stringify(result.srm.observed)).__proto__).toBe(result.counts[0]);
	});
});
