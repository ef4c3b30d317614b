import fc from 'fast-check';
import { nationalDialledDigits, normalizePhone } from '../../../lib/records';
import { normalizePhoneByParsing, takesNanpFastPath } from '../../../lib/records/phone';

describe('normalizePhone', () => {
	it.each([
		['+44 7911 123456', undefined, '+447911123456'],
		['07911 123456', 'GB', '+447911123456'],
		['0044 7911 123456', undefined, '+447911123456'],
		['+44 (0)7911 123456', undefined, '+447911123456'],
		// E.164-looking but with the national trunk prefix still in: must not be taken as is.
		['+4407911123456', undefined, '+447911123456'],
		['+49 0151 12345678', undefined, '+4915112345678'],
		['(415) 555-2671', 'US', '+14155552671'],
		['415.555.2671', 'US', '+14155552671'],
		['1-415-555-2671', 'US', '+14155552671'],
		['+1 (415) 555-2671 ext. 12', undefined, '+14155552671'],
		['+14155552671', undefined, '+14155552671'],
	] as const)('%s (%s) -> %s', (raw, region, e164) => {
		const result = normalizePhone(raw, region);
		expect(result).toMatchObject({ raw, e164, valid: true });
	});

	it('gives a number outside the assigned ranges no E.164, only its possible spelling for record linkage', () => {
		// Faker writes area codes nobody was given (955) and extensions; a mistyped form does too.
		for (const raw of ['(955)335-9315x400', '955.335.9315', '+1-955-335-9315', '001-955-335-9315x12']) {
			expect(normalizePhone(raw, 'US')).toMatchObject({ e164: null, valid: false, possible: '+19553359315' });
		}
		expect(normalizePhone('123', 'US').possible).toBeUndefined();
		expect(normalizePhone('(415) 555-2671', 'US').possible).toBeUndefined();
	});

	it('rejects what is not a valid number, saying why', () => {
		expect(normalizePhone('123', 'US')).toMatchObject({ e164: null, valid: false });
		expect(normalizePhone('7911123456').reason).toMatch(/no country code/);
		expect(normalizePhone('').reason).toBe('empty');
		expect(normalizePhone(null).reason).toBe('empty');
		expect(normalizePhone('+44 1234').valid).toBe(false);
		// The max metadata checks real number ranges, not only lengths.
		expect(normalizePhone('+1 555 555 0100').reason).toMatch(/not a valid number/);
	});

	it('answers the same for a number in E.164 and in any other layout (suppression matches across sources)', () => {
		for (const [e164, spaced] of [['+15555550100', '+1 555 555 0100'], ['+14155552671', '+1 415 555 2671'], ['+12125550100', '+1 212 555 0100']]) {
			const a = normalizePhone(e164);
			const b = normalizePhone(spaced);
			expect([a.valid, a.e164]).toEqual([b.valid, b.e164]);
			expect([a.valid, a.e164]).toEqual([normalizePhoneByParsing(e164).valid, normalizePhoneByParsing(e164).e164]);
		}
		expect(normalizePhone('+15555550100').valid).toBe(false);
	});

	it('gives one E.164 for every way a valid number is written', () => {
		const numbers = [
			{ e164: '+14155552671', national: '4155552671', region: 'US' as const, cc: '1' },
			{ e164: '+447911123456', national: '07911123456', region: 'GB' as const, cc: '44' },
			{ e164: '+4915112345678', national: '015112345678', region: 'DE' as const, cc: '49' },
		];
		fc.assert(
			fc.property(fc.constantFrom(...numbers), fc.constantFrom(' ', '-', '.', ''), fc.integer({ min: 0, max: 4 }), fc.boolean(), (n, sep, style, pad) => {
				const digits = n.national.replace(/^0/, '');
				const grouped = digits.replace(/(\d{3})(?=\d{4})/g, `$1${sep}`);
				const written = [
					`+${n.cc}${sep}${grouped}`,
					`00${n.cc} ${grouped}`,
					n.region === 'US' ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : `${n.national.slice(0, 5)} ${n.national.slice(5)}`,
					n.region === 'US' ? `+1 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : `+${n.cc} (0)${grouped}`,
					n.region === 'US' ? `1${sep}${grouped}` : `+${n.cc}0${digits}`,
				][style];
				return normalizePhone(pad ? `  ${written} ` : written, n.region).e164 === n.e164;
			}),
			{ numRuns: 200 },
		);
	});
});

describe('normalizePhone: North American fast path', () => {
	// Suppression matches on the normalized phone, so the fast path must give exactly what the full
	// libphonenumber parse gives (E.164, validity and reason) for every input it takes.
	const region = fc.oneof({ arbitrary: fc.constantFrom('US', undefined), weight: 3 }, { arbitrary: fc.constantFrom('CA', 'PR', 'GB', 'MX'), weight: 1 });
	const digitString = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
	// Area codes and exchanges that stress the metadata: 0xx/1xx, N11, 555, toll-free, 900, Caribbean.
	const areaCode = fc.oneof(digitString(3), fc.constantFrom('011', '123', '211', '411', '555', '800', '833', '900', '268', '340', '416', '604', '787', '809', '212', '415', '310'));
	const exchange = fc.oneof(digitString(3), fc.constantFrom('011', '111', '211', '411', '555', '911', '100', '958', '976'));
	const separator = fc.oneof({ arbitrary: fc.constantFrom('', ' ', '-', '.'), weight: 6 }, { arbitrary: fc.constantFrom('  ', '/', '_', ' - '), weight: 1 });
	const rarely = <T>(usual: T, ...unusual: T[]) => fc.oneof({ arbitrary: fc.constant(usual), weight: 4 }, { arbitrary: fc.constantFrom(...unusual), weight: 1 });
	const layout = fc.record({
		area: areaCode,
		exchange,
		line: fc.oneof(digitString(4), fc.constantFrom('0100', '0199', '1212', '5555')),
		prefix: fc.oneof({ arbitrary: fc.constantFrom('', '1', '+1', '001'), weight: 4 }, { arbitrary: fc.constantFrom('+', '0', '+01', '11', '+11', '01'), weight: 1 }),
		afterPrefix: separator,
		parens: fc.boolean(),
		sep1: separator,
		sep2: separator,
		lengthChange: rarely(0, -1, 1),
		extension: rarely('', ' ext. 12', ' x7', '#3', ';ext=5'),
		pad: rarely('', ' ', '\t'),
	});
	const write = (l: typeof layout extends fc.Arbitrary<infer T> ? T : never) => {
		const line = l.lengthChange < 0 ? l.line.slice(1) : l.lengthChange > 0 ? `${l.line}7` : l.line;
		const area = l.parens ? `(${l.area})` : l.area;
		return `${l.pad}${l.prefix}${l.prefix === '' ? '' : l.afterPrefix}${area}${l.sep1}${l.exchange}${l.sep2}${line}${l.extension}${l.pad}`;
	};

	it('agrees with the full parse on generated layouts', () => {
		let fast = 0;
		fc.assert(
			fc.property(layout, region, (l, defaultRegion) => {
				const written = write(l);
				if (takesNanpFastPath(written, defaultRegion)) fast++;
				// The +1 E.164 pass-through above the fast path predates it and is not compared here.
				if (/^\+1[2-9]\d{2}[2-9]\d{6}$/.test(written.trim())) return;
				expect(normalizePhone(written, defaultRegion)).toEqual(normalizePhoneByParsing(written, defaultRegion));
			}),
			{ numRuns: 20_000 },
		);
		// The comparison is only meaningful if the fast path actually ran on a good share of inputs.
		expect(fast).toBeGreaterThan(2_500);
	});

	it('agrees with the full parse for every area code, with awkward exchanges', () => {
		const exchanges = ['011', '111', '211', '555', '234', '958'];
		let valid = 0;
		let invalid = 0;
		for (let a = 0; a < 1000; a++) {
			const area = String(a).padStart(3, '0');
			for (const x of exchanges) {
				for (const written of [`+1${area}${x}0123`, `(${area}) ${x}-4567`, `1-${area}-${x}-8901`, `+1 ${area}.${x}.0100`]) {
					for (const region of ['US', undefined] as const) {
						const fast = normalizePhone(written, region);
						if (/^\+1[2-9]\d{2}[2-9]\d{6}$/.test(written)) continue;
						expect(fast).toEqual(normalizePhoneByParsing(written, region));
						if (takesNanpFastPath(written, region)) {
							if (fast.valid) valid++;
							else invalid++;
						}
					}
				}
			}
		}
		// Both answers occur on the fast path, so a path that always said "valid" (or never) would fail.
		expect(valid).toBeGreaterThan(5_000);
		expect(invalid).toBeGreaterThan(5_000);
	});

	it('takes the fast path for the usual layouts only', () => {
		expect(takesNanpFastPath('(415) 555-2671', 'US')).toBe(true);
		expect(takesNanpFastPath('+1 415 555 2671', 'GB')).toBe(true);
		expect(takesNanpFastPath('(415) 555-2671', 'CA')).toBe(false);
		expect(takesNanpFastPath('+1 415 555 2671 ext. 12', 'US')).toBe(false);
		expect(normalizePhone('(415) 555-2671', 'US').e164).toBe('+14155552671');
		expect(normalizePhone('(555) 555-5555', 'US')).toMatchObject({ e164: null, reason: 'not a valid number for its country' });
	});
});

describe('nationalDialledDigits (what people write inside the country, for matching)', () => {
	it('adds the trunk prefix where the country dials one, and nothing where it does not', () => {
		expect(nationalDialledDigits('+442079460018')).toBe('02079460018');
		expect(nationalDialledDigits('+4915123456789')).toBe('015123456789');
		expect(nationalDialledDigits('+33612345678')).toBe('0612345678');
		expect(nationalDialledDigits('+79123456789')).toBe('89123456789');
		expect(nationalDialledDigits('+14155550177')).toBeUndefined();
		expect(nationalDialledDigits('+390612345678')).toBeUndefined();
		expect(nationalDialledDigits('+4155550177')).toBeUndefined();
		expect(nationalDialledDigits('not a number')).toBeUndefined();
	});
});
