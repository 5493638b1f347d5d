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
 * replication requests be worked on at once, the rest waiting their turn (admission.js).
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
/** @type {{ handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => Promise<void> }} */
const { handler } = await import(built.href);

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
	closeAfterRefusedBody(res);
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

/**
 * A body refused as too large (413) is left unread: the connection is closed after the answer,
 * which says so, so that the client does not send its next request behind the unread rest.
 * @param {import('node:http').ServerResponse} res
 */
function closeAfterRefusedBody(res) {
	const writeHead = res.writeHead.bind(res);
	/** @type {typeof res.writeHead} */
	const closingWriteHead = (/** @type {number} */ status, /** @type {any[]} */ ...rest) => {
		if (status === 413) res.setHeader('connection', 'close');
		return writeHead(status, ...rest);
	};
	res.writeHead = closingWriteHead;
}

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
