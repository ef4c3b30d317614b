// ml-kmeans 7 publishes its types only through package.json "exports", which TypeScript's
// "node" module resolution (CommonJS output) does not read: point it at the declaration file.
// At run time esbuild has bundled it into dist/lib/bundle.js as CommonJS (scripts/build.mjs); tsx
// and ts-jest (transformIgnorePatterns in jest.config.js) load it from source.
declare module 'ml-kmeans' {
	export * from 'ml-kmeans/lib/index';
}
