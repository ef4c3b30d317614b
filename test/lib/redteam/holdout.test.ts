// Red team (s9): Split Holdout (lib/holdout, called as nodes/SplitHoldout calls it: randomizationKey
// then the plan's assignment). README: "Global holdout (option): a salt shared by every campaign
// holds the same customers out of all of them".
//
// Every case failed at e89f548 unless under "holds".
import { assignHoldout, assignKey, holdoutKey, planHoldout, randomizationKey, treatmentControlArms } from '../../../lib/holdout';

const GLOBAL = { salt: 'global-holdout', percent: 10 };
const byCustomer = planHoldout({ salt: 'spring-2026', arms: treatmentControlArms(10), globalHoldout: GLOBAL });
const byHousehold = planHoldout({ salt: 'summer-2026', arms: treatmentControlArms(10), globalHoldout: GLOBAL });

/** The first customer key cus_<n> in the global holdout whose household key hh_<n> is not. */
function heldOutCustomerOfTreatedHousehold(): { customer: string; household: string } {
	for (let n = 0; n < 10_000; n++) {
		const customer = `cus_${n}`;
		const household = `hh_${n}`;
		if (assignKey(byCustomer, customer).globalHoldout && !assignKey(byHousehold, household).globalHoldout) return { customer, household };
	}
	throw new Error('no such key');
}

describe('red team holdout: fixed', () => {
	it('a customer in the global holdout of a by-customer campaign stays globally held out in a by-household campaign', () => {
		const { customer, household } = heldOutCustomerOfTreatedHousehold();
		expect(assignKey(byCustomer, randomizationKey(customer, household, 'customer').key).globalHoldout).toBe(true);
		// Randomized by household (as Split Holdout builds its units): the customer's own key decides the global holdout.
		const unit = randomizationKey(customer, household, 'household');
		expect(unit.key).toBe(household);
		expect(assignKey(byHousehold, unit.key, unit.globalKey).globalHoldout).toBe(true);
		expect(assignHoldout([{ key: unit.key, globalKey: unit.globalKey }], byHousehold).globalHoldoutCount).toBe(1);
	});
});

describe('red team holdout: holds', () => {
	it('one customer key written " 1001", "1001.0" and 1001 lands in one arm', () => {
		const arms = [' 1001', '1001.0', 1001].map((k) => assignKey(byCustomer, randomizationKey(holdoutKey(k)!, undefined, 'customer').key).arm);
		expect(new Set(arms).size).toBe(1);
	});
});
