import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** "480 Treatment, 120 Control": how many items left on each named output. */
export function countsByOutput(outputs: INodeExecutionData[][], names: readonly string[]): string {
	return outputs.map((items, index) => `${items.length} ${names[index] ?? `on output ${index + 1}`}`).join(', ');
}

/** "Bronze 3, Gold 1": a tally of values, most frequent first. */
export function tally(values: Iterable<string>): string {
	const counts = new Map<string, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1]).map(([value, count]) => `${value} ${count}`).join(', ');
}

/** The one-line run summary every node shows above its output, as Resolve Identity and Apply Suppression do. */
export function addRunSummary(context: Pick<IExecuteFunctions, 'addExecutionHints'>, message: string): void {
	context.addExecutionHints({ message, type: 'info', location: 'outputPane' });
}
