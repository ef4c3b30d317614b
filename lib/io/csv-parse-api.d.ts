// csv-parse's push parser (the core its stream and sync front ends share). Its stream front ends
// import node:stream, which n8n Cloud's scanner refuses; this one imports nothing.
declare module 'csv-parse/lib/api/index.js' {
	export interface CsvParseInfo {
		lines: number;
		records: number;
		bytes: number;
	}
	export interface CsvParseError extends Error {
		code: string;
		lines?: number;
		column?: number | string;
		index?: number;
	}
	export interface CsvTransform {
		info: CsvParseInfo;
		parse(chunk: Uint8Array | undefined, end: boolean, push: (record: string[]) => void, close: () => void): CsvParseError | undefined;
	}
	export function transform(options: Record<string, unknown>): CsvTransform;
}
