// ml-kmeans 7 publishes its types only through package.json "exports", which TypeScript's
// "node" module resolution (CommonJS output) does not read: point it at the declaration file.
// At run time the compiled require('ml-kmeans') loads the ES module (require(esm), Node >= 20.19).
declare module 'ml-kmeans' {
	export * from 'ml-kmeans/lib/index';
}
