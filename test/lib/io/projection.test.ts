// Reading only the mapped columns, and one string per repeated value: a 10M-row transactions file
// must not hold a string for every cell of every column.
import { columnsFor, readTable } from '../../../lib/io';

async function* chunksOf(bytes: Uint8Array, size = 5): AsyncGenerator<Uint8Array> {
	for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
const read = (text: string, columns?: ReadonlySet<string>) => readTable(chunksOf(Buffer.from(text)), { columns });

const CSV = 'customer_id,order_date,amount,order_id,note\nC1,2024-01-15,10.5,o1,first\nC2,2024-01-15,3,o2,\nC1,2024-02-01,7,o3,"a, b"\n';

describe('column projection', () => {
	it('keeps only the wanted columns, with the same values and row count as a full read', async () => {
		const full = (await read(CSV)).table;
		const { table } = await read(CSV, columnsFor(['customer_id', 'amount']));
		expect(table.names).toEqual(['customer_id', 'amount']);
		expect(table.rowCount).toBe(3);
		expect(table.values('customer_id')).toEqual(full.values('customer_id'));
		expect(table.values('amount')).toEqual(['10.5', '3', '7']);
		expect(table.has('note')).toBe(false);
		// Every column of the file is still known, for "the header has ..." messages.
		expect(table.fileColumns).toEqual(['customer_id', 'order_date', 'amount', 'order_id', 'note']);
	});

	it('keeps a dot path mapping working in JSON Lines (the path and its first segment are wanted)', async () => {
		const jsonl = '{"id":"C1","order":{"total":12.5,"lines":3},"big":"x"}\n{"id":"C2","order":{"total":4},"big":"y"}\n';
		const wanted = columnsFor(['id', 'order.total']);
		expect([...wanted].sort()).toEqual(['id', 'order', 'order.total']);
		const { table } = await read(jsonl, wanted);
		expect(table.names).toEqual(['id', 'order']);
		expect(table.values('order.total')).toEqual([12.5, 4]);
		expect(table.fileColumns).toEqual(['id', 'order', 'big']);
	});

	it('still names the row of a broken line when columns are left out', async () => {
		await expect(read('a,b\n1,2\n3\n', columnsFor(['a']))).rejects.toThrow(/Row 2/);
	});

	it('ignores empty field names (an unmapped optional field)', () => {
		expect([...columnsFor(['a', '', 'b'])]).toEqual(['a', 'b']);
	});
});

describe('interning', () => {
	// One string per repeated value is not observable from JS (bench/io.ts measures the memory);
	// what must hold is that every cell reads back as written.
	it('reads repeated values back exactly, in JSON Lines without touching numbers', async () => {
		const rows = ['customer_id,day'];
		for (let r = 0; r < 50; r++) rows.push(`C${r % 3},2024-01-0${1 + (r % 2)}`);
		const { table } = await read(`${rows.join('\n')}\n`);
		expect(table.values('customer_id')).toEqual(Array.from({ length: 50 }, (_, r) => `C${r % 3}`));
		expect(table.values('day')).toEqual(Array.from({ length: 50 }, (_, r) => `2024-01-0${1 + (r % 2)}`));
		const jsonl = (await read('{"id":"C1","n":1}\n{"id":"C1","n":"1"}\n')).table;
		expect(jsonl.values('n')).toEqual([1, '1']);
	});
});
