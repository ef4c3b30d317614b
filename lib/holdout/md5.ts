// The first 32 bits of MD5 over a string's UTF-8 bytes. Node's crypto costs ~0.5 µs a call in
// per-call overhead, which caps bucketing at ~2M keys/s; this inlined MD5 is several times faster
// on short keys (bench/holdout.ts measures both) and is checked bit for bit against node:crypto.

const S = Int32Array.from([7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21]);
const K = new Int32Array(64);
for (let i = 0; i < 64; i++) K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0;

const encoder = new TextEncoder();
// MD5 reads the message as little-endian 32-bit words: on a little-endian CPU an Int32Array over
// the same memory is that view, with no copying.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
let buffer = new Uint8Array(256);
let words = new Int32Array(LITTLE_ENDIAN ? buffer.buffer : new ArrayBuffer(256));

/** Writes prefix bytes then the text's UTF-8 bytes into the buffer; returns the length. */
function utf8Into(prefix: Uint8Array, text: string): number {
	const start = prefix.length;
	const length = text.length;
	if (start + length + 72 > buffer.length) grow(start + length + 72);
	buffer.set(prefix);
	// ASCII fast path; anything else goes through TextEncoder.
	for (let i = 0; i < length; i++) {
		const code = text.charCodeAt(i);
		if (code > 0x7f) {
			const bytes = encoder.encode(text);
			if (start + bytes.length + 72 > buffer.length) grow(start + bytes.length + 72);
			buffer.set(prefix);
			buffer.set(bytes, start);
			return start + bytes.length;
		}
		buffer[start + i] = code;
	}
	return start + length;
}

const EMPTY = new Uint8Array(0);

function grow(size: number): void {
	let next = buffer.length;
	while (next < size) next *= 2;
	buffer = new Uint8Array(next);
	words = new Int32Array(LITTLE_ENDIAN ? buffer.buffer : new ArrayBuffer(next));
}

/** MD5 digest's first four bytes, big-endian, as an unsigned 32-bit integer. */
export function md5First32(text: string): number {
	return md5First32WithPrefix(EMPTY, text);
}

/** md5First32 of the prefix bytes followed by the text, without building the joined string. */
export function md5First32WithPrefix(prefix: Uint8Array, text: string): number {
	const length = utf8Into(prefix, text);
	const blocks = ((length + 8) >>> 6) + 1;
	const padded = blocks * 64;
	buffer.fill(0, length, padded);
	buffer[length] = 0x80;
	const bitLength = length * 8;
	buffer[padded - 8] = bitLength & 0xff;
	buffer[padded - 7] = (bitLength >>> 8) & 0xff;
	buffer[padded - 6] = (bitLength >>> 16) & 0xff;
	buffer[padded - 5] = (bitLength >>> 24) & 0xff;
	buffer[padded - 4] = Math.floor(bitLength / 2 ** 32) & 0xff;
	if (!LITTLE_ENDIAN) {
		for (let w = 0, o = 0; w < blocks * 16; w++, o += 4) {
			words[w] = buffer[o] | (buffer[o + 1] << 8) | (buffer[o + 2] << 16) | (buffer[o + 3] << 24);
		}
	}
	let a0 = 0x67452301;
	let b0 = 0xefcdab89 | 0;
	let c0 = 0x98badcfe | 0;
	let d0 = 0x10325476;
	for (let block = 0; block < blocks; block++) {
		const base = block * 16;
		let a = a0;
		let b = b0;
		let c = c0;
		let d = d0;
		let i = 0;
		for (; i < 16; i++) {
			const sum = (a + ((b & c) | (~b & d)) + K[i] + words[base + i]) | 0;
			a = d;
			d = c;
			c = b;
			b = (b + ((sum << S[i]) | (sum >>> (32 - S[i])))) | 0;
		}
		for (; i < 32; i++) {
			const sum = (a + ((d & b) | (~d & c)) + K[i] + words[base + ((5 * i + 1) & 15)]) | 0;
			a = d;
			d = c;
			c = b;
			b = (b + ((sum << S[i]) | (sum >>> (32 - S[i])))) | 0;
		}
		for (; i < 48; i++) {
			const sum = (a + (b ^ c ^ d) + K[i] + words[base + ((3 * i + 5) & 15)]) | 0;
			a = d;
			d = c;
			c = b;
			b = (b + ((sum << S[i]) | (sum >>> (32 - S[i])))) | 0;
		}
		for (; i < 64; i++) {
			const sum = (a + (c ^ (b | ~d)) + K[i] + words[base + ((7 * i) & 15)]) | 0;
			a = d;
			d = c;
			c = b;
			b = (b + ((sum << S[i]) | (sum >>> (32 - S[i])))) | 0;
		}
		a0 = (a0 + a) | 0;
		b0 = (b0 + b) | 0;
		c0 = (c0 + c) | 0;
		d0 = (d0 + d) | 0;
	}
	// The digest is little-endian words; its first four bytes read big-endian:
	return (((a0 & 0xff) << 24) | ((a0 >>> 8) & 0xff) << 16 | ((a0 >>> 16) & 0xff) << 8 | ((a0 >>> 24) & 0xff)) >>> 0;
}
