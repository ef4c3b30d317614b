// The Qini curve as SVG beside the random-targeting line, in the style of lib/lift's lift chart
// (same palette, fonts, tick rule and escaping), so the node can attach it as binary data.
import { escapeXml, niceTicks } from '../lift';

const WIDTH = 820;
const HEIGHT = 460;
const LEFT = 86;
const RIGHT = 30;
const TOP = 64;
const BOTTOM = 58;

export interface QiniPoint {
	share: number;
	qini: number;
	random: number;
}

/** Qini curve (incremental responders as the top share of customers is targeted) and the random line. */
export function qiniChartSvg(points: readonly QiniPoint[], title: string, subtitle = ''): string {
	const values = points.flatMap((p) => [p.qini, p.random]).filter((v) => Number.isFinite(v));
	let min = Math.min(0, ...values);
	let max = Math.max(0, ...values);
	if (max - min < 1e-9) [min, max] = [-1, 1];
	const ticks = niceTicks(min, max);
	min = Math.min(min, ticks[0]);
	max = Math.max(max, ticks[ticks.length - 1]);
	const plotWidth = WIDTH - LEFT - RIGHT;
	const plotHeight = HEIGHT - TOP - BOTTOM;
	const x = (share: number) => Number((LEFT + share * plotWidth).toFixed(2));
	const y = (v: number) => Number((TOP + plotHeight - ((v - min) / (max - min)) * plotHeight).toFixed(2));
	const parts: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif">`,
		`<rect width="100%" height="100%" fill="#ffffff"/>`,
		`<text x="16" y="28" font-size="17" font-weight="bold" fill="#1f2328">${escapeXml(title)}</text>`,
		`<text x="16" y="47" font-size="12" fill="#57606a">${escapeXml(subtitle || 'Incremental responders when the top share by predicted uplift is targeted; dashed = random targeting')}</text>`,
	];
	for (const tick of ticks) {
		const ty = y(tick);
		const zero = Math.abs(tick) < 1e-12;
		parts.push(
			`<line x1="${LEFT}" y1="${ty}" x2="${WIDTH - RIGHT}" y2="${ty}" stroke="${zero ? '#6e7781' : '#d0d7de'}" stroke-width="1"/>`,
			`<text x="${LEFT - 8}" y="${ty + 4}" font-size="11" fill="#57606a" text-anchor="end">${Number(tick.toPrecision(6))}</text>`,
		);
	}
	for (let s = 0; s <= 10; s += 2) {
		parts.push(`<text x="${x(s / 10)}" y="${TOP + plotHeight + 18}" font-size="11" fill="#57606a" text-anchor="middle">${s * 10}%</text>`);
	}
	parts.push(
		`<text x="${LEFT + plotWidth / 2}" y="${HEIGHT - 14}" font-size="11" fill="#57606a" text-anchor="middle">share of customers targeted (highest predicted uplift first)</text>`,
		`<text x="18" y="${TOP + plotHeight / 2}" font-size="11" fill="#57606a" text-anchor="middle" transform="rotate(-90 18 ${TOP + plotHeight / 2})">incremental responders</text>`,
	);
	if (points.length > 1) {
		const first = points[0];
		const last = points[points.length - 1];
		parts.push(`<line x1="${x(first.share)}" y1="${y(first.random)}" x2="${x(last.share)}" y2="${y(last.random)}" stroke="#6e7781" stroke-width="1.5" stroke-dasharray="6 4"/>`);
		parts.push(`<polyline fill="none" stroke="#1a7f37" stroke-width="2.5" points="${points.map((p) => `${x(p.share)},${y(p.qini)}`).join(' ')}"/>`);
	}
	parts.push('</svg>');
	return parts.join('\n');
}
