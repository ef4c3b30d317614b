// A forest plot of lift per arm and metric: point estimate and interval against a zero line, as
// plain SVG text (no dependency), so the node can attach it as binary data for Slack or email.
import { ALL_SEGMENTS, type LiftResult } from './experiment';

export interface ChartRow {
	label: string;
	/** Relative lift (e.g. 0.72 for +72%), or absolute when relative is not available. */
	estimate: number | null;
	ciLow: number | null;
	ciHigh: number | null;
	significant: boolean;
	note?: string;
}

const WIDTH = 820;
const ROW = 34;
const LEFT = 240;
const RIGHT = 190;
const TOP = 60;
const BOTTOM = 52;

export function escapeXml(text: string): string {
	return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** +72%, -3.5%, 0%: one decimal below 10%, none above; `decimals` forces a precision. */
function percent(value: number, decimals?: number): string {
	const digits = decimals ?? (Math.abs(value) < 0.1 ? 1 : 0);
	const text = (value * 100).toFixed(digits);
	if (Number(text) === 0) return '0%';
	return `${value > 0 ? '+' : ''}${text}%`;
}

/** Round tick positions (steps of 1, 2, 2.5 or 5 times a power of ten) covering [min, max]. */
export function niceTicks(min: number, max: number, target = 5): number[] {
	const span = max - min;
	if (!(span > 0) || !Number.isFinite(span)) return [min];
	const raw = span / target;
	const power = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
	const ticks: number[] = [];
	for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) ticks.push(Number((k * step).toPrecision(12)));
	return ticks;
}

function decimalsFor(ticks: number[]): number {
	const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) * 100 : 1;
	return step >= 1 ? 0 : Math.min(4, Math.ceil(-Math.log10(step) - 1e-9));
}

export function liftChartSvg(rows: ChartRow[], title: string, confidence: number): string {
	const plotBottom = TOP + rows.length * ROW;
	const height = plotBottom + BOTTOM;
	const values = rows.flatMap((r) => [r.ciLow, r.ciHigh, r.estimate]).filter((v): v is number => v !== null && Number.isFinite(v));
	let min = Math.min(0, ...values);
	let max = Math.max(0, ...values);
	if (max - min < 1e-9) [min, max] = [-0.1, 0.1];
	const ticks = niceTicks(min, max);
	min = Math.min(min, ticks[0]);
	max = Math.max(max, ticks[ticks.length - 1]);
	const pad = (max - min) * 0.04;
	min -= pad;
	max += pad;
	const plotWidth = WIDTH - LEFT - RIGHT;
	const x = (v: number) => Number((LEFT + ((v - min) / (max - min)) * plotWidth).toFixed(2));
	const level = `${Number((confidence * 100).toFixed(2))}%`;
	const parts: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif">`,
		`<rect width="100%" height="100%" fill="#ffffff"/>`,
		`<text x="16" y="28" font-size="17" font-weight="bold" fill="#1f2328">${escapeXml(title)}</text>`,
		`<text x="16" y="47" font-size="12" fill="#57606a">Relative lift vs control, dot = estimate, bar = ${level} interval; filled = significant at ${level}</text>`,
		`<text x="${WIDTH - RIGHT + 12}" y="${TOP - 6}" font-size="11" fill="#57606a">lift [${level} interval]</text>`,
	];
	rows.forEach((_, i) => {
		if (i % 2 === 0) parts.push(`<rect x="0" y="${TOP + i * ROW}" width="${WIDTH}" height="${ROW}" fill="#f6f8fa"/>`);
	});
	const decimals = decimalsFor(ticks);
	for (const tick of ticks) {
		const tx = x(tick);
		const zero = Math.abs(tick) < 1e-12;
		parts.push(
			`<line x1="${tx}" y1="${TOP}" x2="${tx}" y2="${plotBottom}" stroke="${zero ? '#6e7781' : '#d0d7de'}" stroke-width="1"${zero ? ' stroke-dasharray="4 3"' : ''}/>`,
			`<text x="${tx}" y="${plotBottom + 18}" font-size="11" fill="#57606a" text-anchor="middle">${percent(tick, decimals)}</text>`,
		);
	}
	parts.push(`<text x="${LEFT + plotWidth / 2}" y="${plotBottom + 38}" font-size="11" fill="#57606a" text-anchor="middle">relative lift (treatment / control - 1)</text>`);
	rows.forEach((row, i) => {
		const y = TOP + i * ROW + ROW / 2;
		parts.push(`<text x="16" y="${y + 4}" font-size="13" fill="#1f2328">${escapeXml(row.label)}</text>`);
		if (row.estimate === null || !Number.isFinite(row.estimate)) {
			parts.push(`<text x="${LEFT + 8}" y="${y + 4}" font-size="12" fill="#9a6700">${escapeXml(row.note ?? 'not available')}</text>`);
			return;
		}
		const colour = row.significant ? (row.estimate >= 0 ? '#1a7f37' : '#cf222e') : '#57606a';
		const hasInterval = row.ciLow !== null && row.ciHigh !== null && Number.isFinite(row.ciLow) && Number.isFinite(row.ciHigh);
		if (hasInterval) {
			parts.push(`<line x1="${x(row.ciLow!)}" y1="${y}" x2="${x(row.ciHigh!)}" y2="${y}" stroke="${colour}" stroke-width="3" stroke-linecap="round"/>`);
		}
		const interval = hasInterval ? ` [${percent(row.ciLow!)}, ${percent(row.ciHigh!)}]` : '';
		parts.push(
			`<circle cx="${x(row.estimate)}" cy="${y}" r="6" fill="${row.significant ? colour : '#ffffff'}" stroke="${colour}" stroke-width="2.5"/>`,
			// Two plain texts (no tspan), right- and left-aligned on one edge: simple renderers agree.
			`<text x="${WIDTH - RIGHT + 62}" y="${y + 4}" font-size="13" font-weight="bold" fill="${colour}" text-anchor="end">${percent(row.estimate)}</text>`,
			`<text x="${WIDTH - RIGHT + 68}" y="${y + 4}" font-size="13" fill="${colour}">${escapeXml(interval.trim())}</text>`,
		);
	});
	parts.push('</svg>');
	return parts.join('\n');
}

/**
 * The chart of an experiment's overall results (segment "(all)"), grouped by metric in the order
 * given, so the arms of one metric sit together. A dot is filled when the lift's p-value is below
 * 1 - confidence, the same rule as the results' `significant` field.
 */
export function experimentChartSvg(results: readonly LiftResult[], options: { controlArm: string; confidence: number; metricOrder?: readonly string[] }): string {
	const order = new Map((options.metricOrder ?? []).map((name, index) => [name, index]));
	const rank = (metric: string) => order.get(metric) ?? order.size;
	const rows = results
		.filter((r) => r.segment === ALL_SEGMENTS)
		.map((r, index) => ({ r, index }))
		.sort((a, b) => rank(a.r.metric) - rank(b.r.metric) || a.index - b.index)
		.map(({ r }) => ({
			label: `${r.arm}: ${r.metric}`,
			estimate: r.relative.estimate,
			ciLow: r.relative.ciLow,
			ciHigh: r.relative.ciHigh,
			significant: r.absolute.pValue !== null && r.absolute.pValue < 1 - options.confidence,
			note: r.messages[0],
		}));
	return liftChartSvg(rows, `Lift vs ${options.controlArm}`, options.confidence);
}
