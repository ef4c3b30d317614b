// Stands in for the `debug` package in dist/ (one @stdlib module logs its iterations with it): the
// real one reads process.env and requires tty, fs and net, which n8n's verification refuses, and
// n8n users could never switch it on anyway. Same shape, never logs.
'use strict';

function createDebug() {
	const log = () => {};
	log.enabled = false;
	log.extend = createDebug;
	return log;
}
createDebug.enable = () => {};
createDebug.disable = () => '';
createDebug.enabled = () => false;

module.exports = createDebug;
