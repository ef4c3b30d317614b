// The lift chart as a PNG, without a browser: the shapes of `liftChart` painted on an RGB raster at
// twice their size (anti-aliased dots and round caps, axis-aligned bars and grid lines), text in
// the "Seven Plus" pixel font of js-pixel-fonts (MIT; only its glyph table is bundled), encoded by
// fast-png (pure JS, with fflate's deflate). n8n's binary view previews PNG, not SVG.
import { encode } from 'fast-png';
import sevenPlus from 'js-pixel-fonts/data/seven-plus.json';
import type { Drawing, Shape } from './chart';

interface Glyph {
	/** Rows above the glyph's first row within the 7-row cap height (descenders go below). */
	offset: number;
	pixels: number[][];
}

const GLYPHS = (sevenPlus as { glyphs: Record<string, Glyph> }).glyphs;
const CAP_ROWS = 7;
const MISSING = GLYPHS['?'];
const REPLACEMENTS: Record<string, string> = {
	'\u2212': '-',
	'\u2013': '-',
	'\u2014': '-',
	'\u00d7': 'x',
	'\u00b1': '+/-',
	'\u2265': '>=',
	'\u2264': '<=',
	'\u00b7': '.',
	'\u2026': '...',
	'\u2018': "'",
	'\u2019': "'",
	'\u201c': '"',
	'\u201d': '"',
	'\u00a0': ' ',
	'\u00b2': '2',
};

/** Text in the characters the pixel font has: accents dropped, typographic signs in ASCII, else "?". */
function fontText(text: string): Glyph[] {
	const ascii = [...text]
		.map((c) => REPLACEMENTS[c] ?? c)
		.join('')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '');
	return [...ascii].map((c) => GLYPHS[c] ?? MISSING);
}

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
	const value = Number.parseInt(hex.replace('#', ''), 16);
	return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

const clamp01 = (value: number) => (value < 0 ? 0 : value > 1 ? 1 : value);

class Raster {
	readonly data: Uint8Array;
	constructor(
		readonly width: number,
		readonly height: number,
	) {
		this.data = new Uint8Array(width * height * 3).fill(255);
	}

	/** Paints one pixel with a colour at the given coverage (0-1). */
	blend(x: number, y: number, colour: Rgb, coverage: number): void {
		if (coverage <= 0 || x < 0 || y < 0 || x >= this.width || y >= this.height) return;
		const i = (y * this.width + x) * 3;
		for (let c = 0; c < 3; c++) this.data[i + c] = Math.round(this.data[i + c] + (colour[c] - this.data[i + c]) * Math.min(1, coverage));
	}

	fillRect(x0: number, y0: number, x1: number, y1: number, colour: Rgb): void {
		for (let y = Math.max(0, Math.round(y0)); y < Math.min(this.height, Math.round(y1)); y++) {
			for (let x = Math.max(0, Math.round(x0)); x < Math.min(this.width, Math.round(x1)); x++) this.data.set(colour, (y * this.width + x) * 3);
		}
	}

	/** A disc, or with `inner` > 0 a ring, anti-aliased by the distance of each pixel centre. */
	disc(cx: number, cy: number, outer: number, inner: number, colour: Rgb): void {
		for (let y = Math.floor(cy - outer - 1); y <= Math.ceil(cy + outer + 1); y++) {
			for (let x = Math.floor(cx - outer - 1); x <= Math.ceil(cx + outer + 1); x++) {
				const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
				this.blend(x, y, colour, Math.min(clamp01(outer - d + 0.5), inner > 0 ? clamp01(d - inner + 0.5) : 1));
			}
		}
	}

	text(glyphs: Glyph[], x: number, baseline: number, scale: number, colour: Rgb, bold: boolean): void {
		let left = x;
		for (const glyph of glyphs) {
			glyph.pixels.forEach((row, r) => {
				const top = baseline - (CAP_ROWS - glyph.offset - r) * scale;
				row.forEach((on, c) => {
					if (on) this.fillRect(left + c * scale, top, left + (c + 1) * scale + (bold ? 1 : 0), top + scale, colour);
				});
			});
			left += (glyphWidth(glyph) + 1) * scale;
		}
	}
}

const glyphWidth = (glyph: Glyph) => Math.max(0, ...glyph.pixels.map((row) => row.length), glyph === GLYPHS[' '] ? 3 : 0);

/** Pixel-font scale for an SVG font size: the cap height about 0.72 of the size. */
const fontScale = (size: number, scale: number) => Math.max(1, Math.round((size * scale * 0.72) / CAP_ROWS));

/** Width in raster pixels of a text at a font scale. */
export function textWidth(text: string, fontScaleValue: number): number {
	const glyphs = fontText(text);
	return glyphs.length === 0 ? 0 : (glyphs.reduce((sum, g) => sum + glyphWidth(g) + 1, 0) - 1) * fontScaleValue;
}

function paint(raster: Raster, shape: Shape, scale: number): void {
	if (shape.kind === 'rect') {
		raster.fillRect(shape.x * scale, shape.y * scale, (shape.x + shape.width) * scale, (shape.y + shape.height) * scale, rgb(shape.fill));
	} else if (shape.kind === 'line') {
		// The chart's lines are vertical (grid) or horizontal (intervals).
		const colour = rgb(shape.stroke);
		const half = Math.max(0.5, (shape.width * scale) / 2);
		const [x1, y1, x2, y2] = [shape.x1, shape.y1, shape.x2, shape.y2].map((v) => v * scale);
		const vertical = Math.abs(x2 - x1) < Math.abs(y2 - y1);
		const [from, to] = vertical ? [Math.min(y1, y2), Math.max(y1, y2)] : [Math.min(x1, x2), Math.max(x1, x2)];
		const [on, off] = shape.dash ? shape.dash.map((v) => v * scale) : [to - from, 0];
		for (let start = from; start < to; start += on + off) {
			const end = Math.min(to, start + on);
			if (vertical) raster.fillRect(x1 - half, start, x1 + half, end, colour);
			else raster.fillRect(start, y1 - half, end, y1 + half, colour);
		}
		if (shape.round) {
			raster.disc(x1, y1, half, 0, colour);
			raster.disc(x2, y2, half, 0, colour);
		}
	} else if (shape.kind === 'circle') {
		const [cx, cy, r, stroke] = [shape.cx * scale, shape.cy * scale, shape.r * scale, shape.strokeWidth * scale];
		raster.disc(cx, cy, r, 0, rgb(shape.fill));
		raster.disc(cx, cy, r + stroke / 2, r - stroke / 2, rgb(shape.stroke));
	} else {
		const size = fontScale(shape.size, scale);
		const width = textWidth(shape.text, size);
		const left = shape.x * scale - (shape.anchor === 'middle' ? width / 2 : shape.anchor === 'end' ? width : 0);
		raster.text(fontText(shape.text), Math.round(left), Math.round(shape.y * scale), size, rgb(shape.fill), shape.bold === true);
	}
}

/** A drawing as PNG bytes (8-bit RGB), `scale` raster pixels per drawing unit. */
export function drawingToPng(drawing: Drawing, scale = 2): Uint8Array {
	const raster = new Raster(Math.round(drawing.width * scale), Math.round(drawing.height * scale));
	for (const shape of drawing.shapes) paint(raster, shape, scale);
	return encode({ width: raster.width, height: raster.height, data: raster.data, depth: 8, channels: 3 });
}
