import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { bucketOf, growthbookHashV2, md5First32 } from '../../../lib/holdout';

describe('GrowthBook hash v2 (vectors from the datasets README)', () => {
	it.each([
		['seed', 'a', 0.0505],
		['seed', 'b', 0.2696],
		['foo', 'ab', 0.2575],
		['foo', 'def', 0.2019],
		['89123klj', '8952klfjas09ujkasdf', 0.124],
		['90850943850283058242805', '123', 0.7516],
	])('hash(%s, %s) = %s', (seed, value, expected) => {
		expect(growthbookHashV2(seed, value)).toBe(expected);
		expect(bucketOf(seed, value, 'growthbook')).toBe(Math.round(expected * 10000));
	});
});

describe('growthbook bucketer', () => {
	it('equals hash v2 computed through strings, for any seed and key', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 40 }), (seed, key) => {
				return bucketOf(seed, key, 'growthbook') === Math.round(growthbookHashV2(seed, key) * 10000);
			}),
			{ numRuns: 1000 },
		);
	});
});

describe('md5First32', () => {
	const reference = (text: string) => createHash('md5').update(text, 'utf8').digest().readUInt32BE(0);

	it('equals node:crypto for block-boundary lengths', () => {
		for (let length = 0; length <= 130; length++) {
			const text = 'k'.repeat(length);
			expect(md5First32(text)).toBe(reference(text));
		}
	});

	it('equals node:crypto for any string, including non-ASCII', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => md5First32(text) === reference(text)),
			{ numRuns: 500 },
		);
	});

	it('gives md5 mode buckets in [0, 10000) from salt:key', () => {
		const bucket = bucketOf('spring', 'cust-1', 'md5');
		expect(bucket).toBe(reference('spring:cust-1') % 10000);
		expect(bucket).toBeGreaterThanOrEqual(0);
		expect(bucket).toBeLessThan(10000);
	});
});
