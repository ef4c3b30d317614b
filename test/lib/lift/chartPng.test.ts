import { decode } from 'fast-png';
import { drawingToPng, liftChart, type Drawing } from '../../../lib/lift';

const rows = [
	{ label: 'treatment: converted', estimate: 0.72, ciLow: 0.63, ciHigh: 0.81, significant: true },
	{ label: 'B <&> "x" Müller − 2', estimate: -0.05, ciLow: -0.08, ciHigh: -0.02, significant: true },
	{ label: 'C: revenue', estimate: 0.01, ciLow: -0.02, ciHigh: 0.04, significant: false },
	{ label: 'D: revenue', estimate: null, ciLow: null, ciHigh: null, significant: false, note: 'The control mean is zero' },
];

/** The RGB colour of a raster pixel at drawing coordinates. */
function pixel(png: ReturnType<typeof decode>, x: number, y: number, scale = 2): string {
	const i = (Math.round(y * scale) * png.width + Math.round(x * scale)) * png.channels;
	return [...png.data.slice(i, i + 3)].map((v) => v.toString(16).padStart(2, '0')).join('');
}

describe('lift chart (PNG)', () => {
	const drawing = liftChart(rows, 'Lift vs control', 0.95);
	const bytes = drawingToPng(drawing);
	const png = decode(bytes);

	it('is a PNG that decodes to twice the drawing size, 8-bit RGB', () => {
		expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		expect({ width: png.width, height: png.height, depth: png.depth, channels: png.channels }).toEqual({
			width: drawing.width * 2,
			height: drawing.height * 2,
			depth: 8,
			channels: 3,
		});
		expect(drawing.height).toBe(60 + rows.length * 34 + 52);
		// A chart of mostly flat colour compresses well below its raw size.
		expect(bytes.length).toBeLessThan((png.width * png.height * 3) / 20);
	});

	it('paints the shapes where the drawing puts them: dots in the colour of their significance, text', () => {
		const dots = drawing.shapes.filter((s): s is Extract<Drawing['shapes'][number], { kind: 'circle' }> => s.kind === 'circle');
		expect(dots).toHaveLength(3);
		expect(pixel(png, dots[0].cx, dots[0].cy)).toBe('1a7f37'); // significant, positive: filled green
		expect(pixel(png, dots[1].cx, dots[1].cy)).toBe('cf222e'); // significant, negative: filled red
		expect(pixel(png, dots[2].cx, dots[2].cy)).toBe('ffffff'); // not significant: hollow
		expect(pixel(png, dots[2].cx + dots[2].r, dots[2].cy)).toBe('57606a'); // its grey ring
		expect(pixel(png, 2, 2)).toBe('ffffff');
		expect(pixel(png, 2, 60 + 2)).toBe('f6f8fa'); // banded rows
		// Some dark text pixels in the title line.
		const title = Array.from({ length: 200 }, (_, x) => pixel(png, 16 + x, 24));
		expect(title.filter((colour) => colour === '1f2328').length).toBeGreaterThan(10);
	});

	it('draws characters the pixel font lacks without failing, and at another scale', () => {
		const small = decode(drawingToPng(liftChart([{ label: 'Ünïcödé → ✓ 日本', estimate: 0.1, ciLow: 0, ciHigh: 0.2, significant: false }], 'Ω', 0.9), 1));
		expect(small.width).toBe(820);
		expect(small.height).toBe(60 + 34 + 52);
	});
});
