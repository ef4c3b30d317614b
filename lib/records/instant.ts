/** An instant as epoch ms from an ISO string, a Date, or epoch seconds/ms; null when not a date. */
export function toEpochMs(value: unknown): number | null {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
	if (typeof value === 'number' && Number.isFinite(value)) return value < 1e11 ? value * 1000 : value;
	if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		if (/^\d+(\.\d+)?$/.test(text)) return toEpochMs(Number(text));
		const ms = Date.parse(text);
		return Number.isNaN(ms) ? null : ms;
	}
	return null;
}
