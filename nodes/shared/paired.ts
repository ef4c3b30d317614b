import type { IPairedItemData } from 'n8n-workflow';

/** Paired-item data for an output built from several input items (an aggregate). */
export function pairedWith(itemIndexes: Iterable<number>, input = 0): IPairedItemData[] {
	const paired: IPairedItemData[] = [];
	for (const item of itemIndexes) paired.push(input === 0 ? { item } : { item, input });
	return paired;
}
