// The first 32 bits of MD5 over a string's UTF-8 bytes. Node's crypto costs ~0.5 µs a call in
// per-call overhead, which caps bucketing at ~2M keys/s; this inlined MD5 is several times faster
// on short keys (bench/holdout.ts measures both) and is checked bit for bit against node:crypto.
// The 64 steps are unrolled with their constants (RFC 1321, 3.4): table look-ups and register
// shuffling in a loop made hashing the larger part of assigning a key.

const encoder = new TextEncoder();
// MD5 reads the message as little-endian 32-bit words: on a little-endian CPU an Int32Array over
// the same memory is that view, with no copying.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
let buffer = new Uint8Array(256);
let words = new Int32Array(LITTLE_ENDIAN ? buffer.buffer : new ArrayBuffer(256));
/** The running MD5 state (A, B, C, D). */
const state = new Int32Array(4);

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
	state[0] = 0x67452301;
	state[1] = 0xefcdab89 | 0;
	state[2] = 0x98badcfe | 0;
	state[3] = 0x10325476;
	for (let block = 0; block < blocks; block++) compress(block * 16);
	const a0 = state[0];
	// The digest is little-endian words; its first four bytes read big-endian:
	return (((a0 & 0xff) << 24) | ((a0 >>> 8) & 0xff) << 16 | ((a0 >>> 16) & 0xff) << 8 | ((a0 >>> 24) & 0xff)) >>> 0;
}

/** One 64-byte block of MD5 (RFC 1321), from `words[base]`, into `state`. */
function compress(base: number): void {
	const x0 = words[base], x1 = words[base + 1], x2 = words[base + 2], x3 = words[base + 3];
	const x4 = words[base + 4], x5 = words[base + 5], x6 = words[base + 6], x7 = words[base + 7];
	const x8 = words[base + 8], x9 = words[base + 9], x10 = words[base + 10], x11 = words[base + 11];
	const x12 = words[base + 12], x13 = words[base + 13], x14 = words[base + 14], x15 = words[base + 15];
	let a = state[0];
	let b = state[1];
	let c = state[2];
	let d = state[3];
	a = ((a + ((b & c) | (~b & d)) + -0x28955b88 + x0) | 0);
	a = (((a << 7) | (a >>> 25)) + b) | 0;
	d = ((d + ((a & b) | (~a & c)) + -0x173848aa + x1) | 0);
	d = (((d << 12) | (d >>> 20)) + a) | 0;
	c = ((c + ((d & a) | (~d & b)) + 0x242070db + x2) | 0);
	c = (((c << 17) | (c >>> 15)) + d) | 0;
	b = ((b + ((c & d) | (~c & a)) + -0x3e423112 + x3) | 0);
	b = (((b << 22) | (b >>> 10)) + c) | 0;
	a = ((a + ((b & c) | (~b & d)) + -0xa83f051 + x4) | 0);
	a = (((a << 7) | (a >>> 25)) + b) | 0;
	d = ((d + ((a & b) | (~a & c)) + 0x4787c62a + x5) | 0);
	d = (((d << 12) | (d >>> 20)) + a) | 0;
	c = ((c + ((d & a) | (~d & b)) + -0x57cfb9ed + x6) | 0);
	c = (((c << 17) | (c >>> 15)) + d) | 0;
	b = ((b + ((c & d) | (~c & a)) + -0x2b96aff + x7) | 0);
	b = (((b << 22) | (b >>> 10)) + c) | 0;
	a = ((a + ((b & c) | (~b & d)) + 0x698098d8 + x8) | 0);
	a = (((a << 7) | (a >>> 25)) + b) | 0;
	d = ((d + ((a & b) | (~a & c)) + -0x74bb0851 + x9) | 0);
	d = (((d << 12) | (d >>> 20)) + a) | 0;
	c = ((c + ((d & a) | (~d & b)) + -0xa44f + x10) | 0);
	c = (((c << 17) | (c >>> 15)) + d) | 0;
	b = ((b + ((c & d) | (~c & a)) + -0x76a32842 + x11) | 0);
	b = (((b << 22) | (b >>> 10)) + c) | 0;
	a = ((a + ((b & c) | (~b & d)) + 0x6b901122 + x12) | 0);
	a = (((a << 7) | (a >>> 25)) + b) | 0;
	d = ((d + ((a & b) | (~a & c)) + -0x2678e6d + x13) | 0);
	d = (((d << 12) | (d >>> 20)) + a) | 0;
	c = ((c + ((d & a) | (~d & b)) + -0x5986bc72 + x14) | 0);
	c = (((c << 17) | (c >>> 15)) + d) | 0;
	b = ((b + ((c & d) | (~c & a)) + 0x49b40821 + x15) | 0);
	b = (((b << 22) | (b >>> 10)) + c) | 0;
	a = ((a + ((d & b) | (~d & c)) + -0x9e1da9e + x1) | 0);
	a = (((a << 5) | (a >>> 27)) + b) | 0;
	d = ((d + ((c & a) | (~c & b)) + -0x3fbf4cc0 + x6) | 0);
	d = (((d << 9) | (d >>> 23)) + a) | 0;
	c = ((c + ((b & d) | (~b & a)) + 0x265e5a51 + x11) | 0);
	c = (((c << 14) | (c >>> 18)) + d) | 0;
	b = ((b + ((a & c) | (~a & d)) + -0x16493856 + x0) | 0);
	b = (((b << 20) | (b >>> 12)) + c) | 0;
	a = ((a + ((d & b) | (~d & c)) + -0x29d0efa3 + x5) | 0);
	a = (((a << 5) | (a >>> 27)) + b) | 0;
	d = ((d + ((c & a) | (~c & b)) + 0x2441453 + x10) | 0);
	d = (((d << 9) | (d >>> 23)) + a) | 0;
	c = ((c + ((b & d) | (~b & a)) + -0x275e197f + x15) | 0);
	c = (((c << 14) | (c >>> 18)) + d) | 0;
	b = ((b + ((a & c) | (~a & d)) + -0x182c0438 + x4) | 0);
	b = (((b << 20) | (b >>> 12)) + c) | 0;
	a = ((a + ((d & b) | (~d & c)) + 0x21e1cde6 + x9) | 0);
	a = (((a << 5) | (a >>> 27)) + b) | 0;
	d = ((d + ((c & a) | (~c & b)) + -0x3cc8f82a + x14) | 0);
	d = (((d << 9) | (d >>> 23)) + a) | 0;
	c = ((c + ((b & d) | (~b & a)) + -0xb2af279 + x3) | 0);
	c = (((c << 14) | (c >>> 18)) + d) | 0;
	b = ((b + ((a & c) | (~a & d)) + 0x455a14ed + x8) | 0);
	b = (((b << 20) | (b >>> 12)) + c) | 0;
	a = ((a + ((d & b) | (~d & c)) + -0x561c16fb + x13) | 0);
	a = (((a << 5) | (a >>> 27)) + b) | 0;
	d = ((d + ((c & a) | (~c & b)) + -0x3105c08 + x2) | 0);
	d = (((d << 9) | (d >>> 23)) + a) | 0;
	c = ((c + ((b & d) | (~b & a)) + 0x676f02d9 + x7) | 0);
	c = (((c << 14) | (c >>> 18)) + d) | 0;
	b = ((b + ((a & c) | (~a & d)) + -0x72d5b376 + x12) | 0);
	b = (((b << 20) | (b >>> 12)) + c) | 0;
	a = ((a + (b ^ c ^ d) + -0x5c6be + x5) | 0);
	a = (((a << 4) | (a >>> 28)) + b) | 0;
	d = ((d + (a ^ b ^ c) + -0x788e097f + x8) | 0);
	d = (((d << 11) | (d >>> 21)) + a) | 0;
	c = ((c + (d ^ a ^ b) + 0x6d9d6122 + x11) | 0);
	c = (((c << 16) | (c >>> 16)) + d) | 0;
	b = ((b + (c ^ d ^ a) + -0x21ac7f4 + x14) | 0);
	b = (((b << 23) | (b >>> 9)) + c) | 0;
	a = ((a + (b ^ c ^ d) + -0x5b4115bc + x1) | 0);
	a = (((a << 4) | (a >>> 28)) + b) | 0;
	d = ((d + (a ^ b ^ c) + 0x4bdecfa9 + x4) | 0);
	d = (((d << 11) | (d >>> 21)) + a) | 0;
	c = ((c + (d ^ a ^ b) + -0x944b4a0 + x7) | 0);
	c = (((c << 16) | (c >>> 16)) + d) | 0;
	b = ((b + (c ^ d ^ a) + -0x41404390 + x10) | 0);
	b = (((b << 23) | (b >>> 9)) + c) | 0;
	a = ((a + (b ^ c ^ d) + 0x289b7ec6 + x13) | 0);
	a = (((a << 4) | (a >>> 28)) + b) | 0;
	d = ((d + (a ^ b ^ c) + -0x155ed806 + x0) | 0);
	d = (((d << 11) | (d >>> 21)) + a) | 0;
	c = ((c + (d ^ a ^ b) + -0x2b10cf7b + x3) | 0);
	c = (((c << 16) | (c >>> 16)) + d) | 0;
	b = ((b + (c ^ d ^ a) + 0x4881d05 + x6) | 0);
	b = (((b << 23) | (b >>> 9)) + c) | 0;
	a = ((a + (b ^ c ^ d) + -0x262b2fc7 + x9) | 0);
	a = (((a << 4) | (a >>> 28)) + b) | 0;
	d = ((d + (a ^ b ^ c) + -0x1924661b + x12) | 0);
	d = (((d << 11) | (d >>> 21)) + a) | 0;
	c = ((c + (d ^ a ^ b) + 0x1fa27cf8 + x15) | 0);
	c = (((c << 16) | (c >>> 16)) + d) | 0;
	b = ((b + (c ^ d ^ a) + -0x3b53a99b + x2) | 0);
	b = (((b << 23) | (b >>> 9)) + c) | 0;
	a = ((a + (c ^ (b | ~d)) + -0xbd6ddbc + x0) | 0);
	a = (((a << 6) | (a >>> 26)) + b) | 0;
	d = ((d + (b ^ (a | ~c)) + 0x432aff97 + x7) | 0);
	d = (((d << 10) | (d >>> 22)) + a) | 0;
	c = ((c + (a ^ (d | ~b)) + -0x546bdc59 + x14) | 0);
	c = (((c << 15) | (c >>> 17)) + d) | 0;
	b = ((b + (d ^ (c | ~a)) + -0x36c5fc7 + x5) | 0);
	b = (((b << 21) | (b >>> 11)) + c) | 0;
	a = ((a + (c ^ (b | ~d)) + 0x655b59c3 + x12) | 0);
	a = (((a << 6) | (a >>> 26)) + b) | 0;
	d = ((d + (b ^ (a | ~c)) + -0x70f3336e + x3) | 0);
	d = (((d << 10) | (d >>> 22)) + a) | 0;
	c = ((c + (a ^ (d | ~b)) + -0x100b83 + x10) | 0);
	c = (((c << 15) | (c >>> 17)) + d) | 0;
	b = ((b + (d ^ (c | ~a)) + -0x7a7ba22f + x1) | 0);
	b = (((b << 21) | (b >>> 11)) + c) | 0;
	a = ((a + (c ^ (b | ~d)) + 0x6fa87e4f + x8) | 0);
	a = (((a << 6) | (a >>> 26)) + b) | 0;
	d = ((d + (b ^ (a | ~c)) + -0x1d31920 + x15) | 0);
	d = (((d << 10) | (d >>> 22)) + a) | 0;
	c = ((c + (a ^ (d | ~b)) + -0x5cfebcec + x6) | 0);
	c = (((c << 15) | (c >>> 17)) + d) | 0;
	b = ((b + (d ^ (c | ~a)) + 0x4e0811a1 + x13) | 0);
	b = (((b << 21) | (b >>> 11)) + c) | 0;
	a = ((a + (c ^ (b | ~d)) + -0x8ac817e + x4) | 0);
	a = (((a << 6) | (a >>> 26)) + b) | 0;
	d = ((d + (b ^ (a | ~c)) + -0x42c50dcb + x11) | 0);
	d = (((d << 10) | (d >>> 22)) + a) | 0;
	c = ((c + (a ^ (d | ~b)) + 0x2ad7d2bb + x2) | 0);
	c = (((c << 15) | (c >>> 17)) + d) | 0;
	b = ((b + (d ^ (c | ~a)) + -0x14792c6f + x9) | 0);
	b = (((b << 21) | (b >>> 11)) + c) | 0;
	state[0] = (state[0] + a) | 0;
	state[1] = (state[1] + b) | 0;
	state[2] = (state[2] + c) | 0;
	state[3] = (state[3] + d) | 0;
}
