import { gzipSync } from 'node:zlib';
import { readTable, resultColumns, TableReadError, TableWriter } from '../../../lib/io';

async function* chunksOf(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
	for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const read = (text: string | Buffer, size?: number) => readTable(chunksOf(typeof text === 'string' ? Buffer.from(text) : text, size));

async function failure(text: string | Buffer): Promise<TableReadError> {
	try {
		await read(text);
	} catch (error) {
		if (error instanceof TableReadError) return error;
		throw error;
	}
	throw new Error('expected a TableReadError');
}

describe('readTable', () => {
	it('reads a CSV with a header into columns, across chunk boundaries, with quoted cells', async () => {
		const { table, format, gzip } = await read('\ufeffid,name,note\n1,"Smith, Ann","said ""hi""\nthere"\n2,Bo,\n\n');
		expect(format).toBe('csv');
		expect(gzip).toBe(false);
		expect(table.names).toEqual(['id', 'name', 'note']);
		expect(table.rowCount).toBe(2);
		expect(table.column('name')).toEqual(['Smith, Ann', 'Bo']);
		expect(table.column('note')).toEqual(['said "hi"\nthere', '']);
	});

	it('reads gzip by its magic bytes, whatever the name', async () => {
		const { table, gzip } = await read(gzipSync('id,x\na,1\nb,2\n'), 5);
		expect(gzip).toBe(true);
		expect(table.column('x')).toEqual(['1', '2']);
	});

	it('refuses bytes that are not UTF-8 (a Windows-1252 export) naming row and column, so two names never become one', async () => {
		// "müller" and "möller" in Windows-1252: both would read as "m\uFFFDller", one customer.
		const cp1252 = Buffer.concat([Buffer.from('customerId,amount\nm'), Buffer.from([0xfc]), Buffer.from('ller@gmx.de,100\nm'), Buffer.from([0xf6]), Buffer.from('ller@gmx.de,20\n')]);
		const error = await failure(cp1252);
		expect(error.message).toMatch(/^Row 1, column "customerId": bytes that are not UTF-8 text/);
		expect([error.row, error.column]).toEqual([1, 'customerId']);
		expect((await failure(Buffer.from('{"city":"Z\xfcrich"}\n', 'latin1'))).message).toMatch(/^Row 1 \(line 1\): bytes that are not UTF-8/);
		// UTF-8 split across chunk boundaries reads whole.
		expect((await read('name\nmüller\n', 7)).table.column('name')).toEqual(['müller']);
	});

	it('refuses JSON Lines integers past 2^53 (two IDs would become one), naming row and column; long digits as strings read as they are', async () => {
		const error = await failure('{"customerId": "a", "email": "ann@x.com"}\n{"customerId": 123456789012345679, "email": "bob@x.com"}\n');
		expect(error.message).toMatch(/^Row 2 \(line 2\), column "customerId": a number too large to read exactly/);
		expect([error.row, error.column]).toEqual([2, 'customerId']);
		const { table } = await read('{"customerId": "123456789012345679", "n": 9007199254740991, "x": 1.2345678901234567}\n');
		expect(table.rowObject(0)).toEqual({ customerId: '123456789012345679', n: 9007199254740991, x: 1.2345678901234567 });
	});

	it('ColumnTable.values: the column itself, or the picked rows, or a dot path', async () => {
		const { table } = await read('{"id":"a","o":{"k":1}}\n{"id":"b","o":{"k":2}}\n{"id":"c"}\n');
		expect(table.values('id')).toBe(table.column('id'));
		expect(table.values('id', [2, 0])).toEqual(['c', 'a']);
		expect(table.values('o.k')).toEqual([1, 2, undefined]);
		expect(table.values('missing')).toEqual([undefined, undefined, undefined]);
	});

	it('reads JSON Lines, columns first seen later are missing before', async () => {
		const { table, format } = await read('{"id":"a","n":1}\n\n{"id":"b","extra":{"k":true}}\n');
		expect(format).toBe('jsonl');
		expect(table.rowCount).toBe(2);
		expect(table.column('extra')).toEqual([undefined, { k: true }]);
		expect(table.field('extra.k')(1)).toBe(true);
		expect(table.field('__proto__.x')(1)).toBeUndefined();
		expect(table.rowObject(0)).toEqual({ id: 'a', n: 1 });
	});

	it('names row and column for bad quoting, never the value', async () => {
		const error = await failure('id,email\n1,a@x.com\n2,"b@x.com"junk\n');
		expect(error.message).toMatch(/^Row 2 \(line 3\), column "email": a quoted cell has text after its closing quote/);
		expect(error.message).not.toContain('b@x.com');
		expect((await failure('id,email\n1,"a@x.com\n')).message).toMatch(/^Row 1.*never closed/);
	});

	it('names the row with a wrong number of cells, and a bad header', async () => {
		expect((await failure('id,email\n1,a\n2,b,c\n')).message).toMatch(/^Row 2 \(line 3\): 3 cells, but the header has 2 columns/);
		expect((await failure('id,,x\n1,2,3\n')).message).toMatch(/header row: column 2 has no name/);
		expect((await failure('id,id\n1,2\n')).message).toMatch(/"id" appears twice/);
		expect((await failure('')).message).toMatch(/empty/);
	});

	it('refuses invalid gzip and invalid JSON lines with their row', async () => {
		const broken = gzipSync('id,x\na,1\n'.repeat(100));
		broken.fill(0x41, 10, broken.length - 8);
		expect((await failure(broken)).message).toMatch(/not valid gzip/);
		expect((await failure('{"id":"a"}\n{"id": secret}\n')).message).toMatch(/^Row 2 \(line 2\).*not valid JSON/);
		expect((await failure('{"id":"a"}\n{"id": secret}\n')).message).not.toContain('secret');
		expect((await failure('{"id":"a"}\n[1]\n')).message).toMatch(/^Row 2.*expected a JSON object/);
	});
});

describe('TableWriter', () => {
	it('writes CSV with dot-path columns for nested results, and JSON Lines as items would be', () => {
		const columns = resultColumns(['id', 'note'], { holdout: { arm: 'control', srm: { pValue: 0.5 } } });
		expect(columns).toEqual(['id', 'note', 'holdout.arm', 'holdout.srm.pValue']);
		const csv = new TableWriter({ format: 'csv', columns });
		csv.write({ id: '1', note: 'a, "b"', holdout: { arm: 'control', srm: { pValue: 0.5 } } });
		expect(csv.finish().toString()).toBe('id,note,holdout.arm,holdout.srm.pValue\n1,"a, ""b""",control,0.5\n');
		const jsonl = new TableWriter({ format: 'jsonl' });
		jsonl.write({ id: '1', holdout: { arm: 'control' } });
		expect(jsonl.finish().toString()).toBe('{"id":"1","holdout":{"arm":"control"}}\n');
	});
});
