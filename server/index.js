/**
 * The production server: adapter-node's request handler (build/handler.js) in a plain Node HTTP
 * server, with the security headers added to every response.
 *
 * adapter-node's own `build/index.js` answers the built and static files (the service worker,
 * the manifest, icons, scripts) before SvelteKit sees the request, so `handle` in
 * hooks.server.ts cannot give them headers; wrapping the handler here can. The handler itself
 * still reads ORIGIN, PROTOCOL_HEADER, ADDRESS_HEADER, BODY_SIZE_LIMIT and the rest, as adapter-node
 * documents. This file keeps PORT, HOST and SHUTDOWN_TIMEOUT, and the graceful shutdown on SIGTERM
 * and SIGINT: finish the requests in flight, then stop. It also lets only PEP_GATEWAY_CONCURRENCY
 * replication requests be worked on at once, the rest waiting their turn (admission.js), and
 * closes the connection after a body refused as too large.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import process from 'node:process';
import { clientOf, createAdmission, waitsItsTurn } from './admission.js';
import { addSecurityHeaders } from './security-headers.js';

const built = new URL('../build/handler.js', import.meta.url);
if (!existsSync(built)) {
	console.error('There is no production build to serve: run `npm run build` first.');
	process.exit(1);
}
// A device pushes up to four documents at once, each with at most one 10 MB file, which JSON
// carries as base64: adapter-node's default body limit (512 KB) would refuse a single photo. This
// is the largest body any route takes; each route refuses more than it needs itself
// (src/lib/server/body.ts: 512 KB for the API). Set BODY_SIZE_LIMIT to change it.
const largestBody = '60M';
process.env.BODY_SIZE_LIMIT ??= largestBody;

// Imported by its URL so that type-checking the project does not type-check the built bundle.
/** @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => Promise<void>} Handler */
/** @type {{ handler: Handler }} */
const { handler: svelteKit } = await import(built.href);

/**
 * SvelteKit's handler, with the connection closed after a body refused as too large.
 *
 * The handler answers 413 (adapter-node's BODY_SIZE_LIMIT, src/lib/server/body.ts, the gateway)
 * without reading the rest of the body. Were the connection kept alive, the client would send its
 * next request on it behind that unread rest, and that request would fail (ECONNRESET). So a 413
 * says `connection: close`, and Node closes the connection once the answer is sent. This wraps
 * the handler, not the server, because only the handler refuses bodies, and every request it
 * serves passes here, whether served at once or after waiting its turn in the admission queue.
 * @param {Handler} handle
 * @returns {Handler}
 */
function closingAfterRefusedBody(handle) {
	return (req, res, next) => {
		const writeHead = res.writeHead.bind(res);
		/** @type {typeof res.writeHead} */
		const closingWriteHead = (/** @type {number} */ status, /** @type {any[]} */ ...rest) => {
			if (status === 413) res.setHeader('connection', 'close');
			return writeHead(status, ...rest);
		};
		// Node's implicit headers (a statusCode set and then end()) go through writeHead too.
		res.writeHead = closingWriteHead;
		return handle(req, res, next);
	};
}
const handler = closingAfterRefusedBody(svelteKit);

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT || 3000);
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT || 30);
// Replication requests served at once; the rest wait their turn (admission.js says why).
const concurrency = process.env.PEP_GATEWAY_CONCURRENCY || '32';
if (!/^[1-9][0-9]*$/.test(concurrency)) {
	console.error(
		`PEP_GATEWAY_CONCURRENCY must be a whole number of at least 1, not "${concurrency}".`
	);
	process.exit(1);
}
const gateway = createAdmission(Number(concurrency));

/**
 * How long an idle connection is said to be kept (Node's own default), and how much longer it is
 * kept in fact. A client closes its side a little before the time it is told (Node's fetch, 2 s
 * before); one that is busy at that moment and then sends its next request on the connection the
 * server has just closed sees the request fail ("other side closed"). The grace absorbs that.
 */
const keepAliveSeconds = 5;
const keepAliveGraceSeconds = 10;

const server = createServer((req, res) => {
	addSecurityHeaders(req, res, process.env);
	if (res.shouldKeepAlive) res.setHeader('Keep-Alive', `timeout=${keepAliveSeconds}`);
	const serve = () =>
		handler(req, res, () => {
			// SvelteKit answers every request itself; this is only reached if that ever changes.
			res.statusCode = 404;
			res.end('Not found');
		});
	if (waitsItsTurn(req.url)) gateway.admit(res, serve, clientOf(req));
	else void serve();
});

server.keepAliveTimeout = (keepAliveSeconds + keepAliveGraceSeconds) * 1000;

server.listen(port, host, () => {
	console.log(`Listening on http://${host}:${port}`);
});

let stopping = false;
function shutDown() {
	if (stopping) return;
	stopping = true;
	// Keep-alive connections with no request in flight would hold close() open until they time out.
	server.closeIdleConnections();
	server.close();
	setTimeout(() => server.closeAllConnections(), shutdownSeconds * 1000).unref();
}

// While stopping, close each connection as soon as its last request is answered.
server.on('request', (req) => {
	req.on('close', () => {
		if (stopping) server.closeIdleConnections();
	});
});

process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);
