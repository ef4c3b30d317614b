// A forest plot of lift per arm and metric: point estimate and interval against a zero line, laid
// out once as shapes, written as plain SVG text (no dependency) and rasterised to PNG
// (`./chartPng.ts`), so the node can attach it as binary data for Slack, email and n8n's preview.
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

/** What a chart is drawn from: shapes in pixels, painted in order, for SVG text or a raster. */
export type Shape =
	| { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string }
	| { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: [number, number]; round?: boolean }
	| { kind: 'circle'; cx: number; cy: number; r: number; fill: string; stroke: string; strokeWidth: number }
	| { kind: 'text'; x: number; y: number; size: number; fill: string; text: string; anchor?: 'middle' | 'end'; bold?: boolean };

export interface Drawing {
	width: number;
	height: number;
	shapes: Shape[];
}

/** The forest plot as shapes: rows of label, interval bar, dot and the lift in words. */
export function liftChart(rows: ChartRow[], title: string, confidence: number): Drawing {
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
	const shapes: Shape[] = [
		{ kind: 'rect', x: 0, y: 0, width: WIDTH, height, fill: '#ffffff' },
		{ kind: 'text', x: 16, y: 28, size: 17, bold: true, fill: '#1f2328', text: title },
		{ kind: 'text', x: 16, y: 47, size: 12, fill: '#57606a', text: `Relative lift vs control, dot = estimate, bar = ${level} interval; filled = significant at ${level}` },
		{ kind: 'text', x: WIDTH - RIGHT + 12, y: TOP - 6, size: 11, fill: '#57606a', text: `lift [${level} interval]` },
	];
	rows.forEach((_, i) => {
		if (i % 2 === 0) shapes.push({ kind: 'rect', x: 0, y: TOP + i * ROW, width: WIDTH, height: ROW, fill: '#f6f8fa' });
	});
	const decimals = decimalsFor(ticks);
	for (const tick of ticks) {
		const tx = x(tick);
		const zero = Math.abs(tick) < 1e-12;
		shapes.push(
			{ kind: 'line', x1: tx, y1: TOP, x2: tx, y2: plotBottom, stroke: zero ? '#6e7781' : '#d0d7de', width: 1, ...(zero ? { dash: [4, 3] as [number, number] } : {}) },
			{ kind: 'text', x: tx, y: plotBottom + 18, size: 11, fill: '#57606a', anchor: 'middle', text: percent(tick, decimals) },
		);
	}
	shapes.push({ kind: 'text', x: LEFT + plotWidth / 2, y: plotBottom + 38, size: 11, fill: '#57606a', anchor: 'middle', text: 'relative lift (treatment / control - 1)' });
	rows.forEach((row, i) => {
		const y = TOP + i * ROW + ROW / 2;
		shapes.push({ kind: 'text', x: 16, y: y + 4, size: 13, fill: '#1f2328', text: row.label });
		if (row.estimate === null || !Number.isFinite(row.estimate)) {
			shapes.push({ kind: 'text', x: LEFT + 8, y: y + 4, size: 12, fill: '#9a6700', text: row.note ?? 'not available' });
			return;
		}
		const colour = row.significant ? (row.estimate >= 0 ? '#1a7f37' : '#cf222e') : '#57606a';
		const hasInterval = row.ciLow !== null && row.ciHigh !== null && Number.isFinite(row.ciLow) && Number.isFinite(row.ciHigh);
		if (hasInterval) shapes.push({ kind: 'line', x1: x(row.ciLow!), y1: y, x2: x(row.ciHigh!), y2: y, stroke: colour, width: 3, round: true });
		const interval = hasInterval ? `[${percent(row.ciLow!)}, ${percent(row.ciHigh!)}]` : '';
		shapes.push(
			{ kind: 'circle', cx: x(row.estimate), cy: y, r: 6, fill: row.significant ? colour : '#ffffff', stroke: colour, strokeWidth: 2.5 },
			// Two plain texts, right- and left-aligned on one edge: simple renderers agree.
			{ kind: 'text', x: WIDTH - RIGHT + 62, y: y + 4, size: 13, bold: true, fill: colour, anchor: 'end', text: percent(row.estimate) },
			{ kind: 'text', x: WIDTH - RIGHT + 68, y: y + 4, size: 13, fill: colour, text: interval },
		);
	});
	return { width: WIDTH, height, shapes };
}

/** A drawing as SVG text (no tspan, no CSS). */
export function drawingToSvg(drawing: Drawing): string {
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${drawing.width}" height="${drawing.height}" viewBox="0 0 ${drawing.width} ${drawing.height}" font-family="Helvetica, Arial, sans-serif">`,
	];
	for (const s of drawing.shapes) {
		if (s.kind === 'rect') parts.push(`<rect x="${s.x}" y="${s.y}" width="${s.width}" height="${s.height}" fill="${s.fill}"/>`);
		else if (s.kind === 'line')
			parts.push(
				`<line x1="${s.x1}" y1="${s.y1}" x2="${s.x2}" y2="${s.y2}" stroke="${s.stroke}" stroke-width="${s.width}"${s.round ? ' stroke-linecap="round"' : ''}${s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''}/>`,
			);
		else if (s.kind === 'circle') parts.push(`<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}" stroke="${s.stroke}" stroke-width="${s.strokeWidth}"/>`);
		else
			parts.push(
				`<text x="${s.x}" y="${s.y}" font-size="${s.size}"${s.bold ? ' font-weight="bold"' : ''} fill="${s.fill}"${s.anchor ? ` text-anchor="${s.anchor}"` : ''}>${escapeXml(s.text)}</text>`,
			);
	}
	parts.push('</svg>');
	return parts.join('\n');
}

export function liftChartSvg(rows: ChartRow[], title: string, confidence: number): string {
	return drawingToSvg(liftChart(rows, title, confidence));
}

/**
 * The chart of an experiment's overall results (segment "(all)"), grouped by metric in the order
 * given, so the arms of one metric sit together. A dot is filled when the lift's p-value is below
 * 1 - confidence, the same rule as the results' `significant` field.
 */
export function experimentChart(results: readonly LiftResult[], options: { controlArm: string; confidence: number; metricOrder?: readonly string[] }): Drawing {
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
	return liftChart(rows, `Lift vs ${options.controlArm}`, options.confidence);
}

export function experimentChartSvg(results: readonly LiftResult[], options: { controlArm: string; confidence: number; metricOrder?: readonly string[] }): string {
	return drawingToSvg(experimentChart(results, options));
}
