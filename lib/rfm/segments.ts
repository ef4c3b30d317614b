// Named segments from the R score and the FM score = ceil((F + M) / 2) (the mean of the frequency
// and monetary scores, halves rounded up). The full 5 x 5 grid, rows R 5..1, columns FM 1..5:
//
//   R\FM  1                2                   3                   4          5
//   5     New              Potential Loyalist  Potential Loyalist  Champions  Champions
//   4     Promising        Potential Loyalist  Potential Loyalist  Loyal      Loyal
//   3     About to Sleep   About to Sleep      Need Attention      Loyal      Loyal
//   2     Hibernating      Hibernating         At Risk             At Risk    Can't Lose Them
//   1     Lost             Hibernating         At Risk             At Risk    Can't Lose Them
//
// A customer without a purchase (all orders netted to <= 0) is "No Purchases".

export const SEGMENTS = [
	'Champions',
	'Loyal',
	'Potential Loyalist',
	'New',
	'Promising',
	'Need Attention',
	'About to Sleep',
	'At Risk',
	"Can't Lose Them",
	'Hibernating',
	'Lost',
] as const;

export type SegmentName = (typeof SEGMENTS)[number] | 'No Purchases';

export const NO_PURCHASES = 'No Purchases' as const;

/** SEGMENT_GRID[R - 1][FM - 1]. */
export const SEGMENT_GRID: ReadonlyArray<ReadonlyArray<(typeof SEGMENTS)[number]>> = [
	['Lost', 'Hibernating', 'At Risk', 'At Risk', "Can't Lose Them"],
	['Hibernating', 'Hibernating', 'At Risk', 'At Risk', "Can't Lose Them"],
	['About to Sleep', 'About to Sleep', 'Need Attention', 'Loyal', 'Loyal'],
	['Promising', 'Potential Loyalist', 'Potential Loyalist', 'Loyal', 'Loyal'],
	['New', 'Potential Loyalist', 'Potential Loyalist', 'Champions', 'Champions'],
];

export function fmScore(f: number, m: number): number {
	return Math.ceil((f + m) / 2);
}

export function segmentOf(r: number, f: number, m: number): SegmentName {
	if (r < 1 || f < 1 || m < 1) return NO_PURCHASES;
	return SEGMENT_GRID[r - 1][fmScore(f, m) - 1];
}
