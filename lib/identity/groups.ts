// Grouping records by a group number without an array per group.

/** Members of each group, contiguous and in record order (a counting sort); group -1 is left out. */
export function groupMembers(groupOf: Int32Array, groups: number): { start: Int32Array; order: Int32Array } {
	const start = new Int32Array(groups + 1);
	for (let i = 0; i < groupOf.length; i++) if (groupOf[i] >= 0) start[groupOf[i] + 1]++;
	for (let g = 0; g < groups; g++) start[g + 1] += start[g];
	const fill = start.slice(0, groups);
	const order = new Int32Array(start[groups]);
	for (let i = 0; i < groupOf.length; i++) if (groupOf[i] >= 0) order[fill[groupOf[i]]++] = i;
	return { start, order };
}
