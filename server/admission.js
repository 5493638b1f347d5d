/**
 * A bound on the replication requests the server works on at once; the rest wait their turn and
 * are answered in the order they came.
 *
 * A device replicating fetches every attachment with a request of its own, all at once (PouchDB
 * does), so 50 devices starting together send thousands of requests in a burst. Worked on all at
 * once, each holds its request, its reads and its answer for as long as the slowest of them takes,
 * and what a request allocates outlives the young generation's collections: the V8 heap then grows
 * to several times what is really in use before a full collection, and the server's memory with it.
 * Worked on a few dozen at a time, the same requests finish in about the same total time (the
 * server has one thread for JavaScript and a few for the disk), each is over quickly, and what it
 * allocated dies young. A request waiting here holds only what Node has already parsed: its
 * headers, and its connection, from which little of its body is read until its turn comes.
 *
 * Nothing is refused: a burst is slowed down, never answered with an error. A client that goes
 * away while it waits leaves the line, and one that goes away while it is served frees its place.
 */

/**
 * @typedef {object} Admission
 * @property {(res: import('node:http').ServerResponse, serve: () => unknown) => void} admit
 *   Serves the request now if there is room, or when its turn comes. Its place is freed when its
 *   response closes: answered in full, or the connection gone.
 * @property {() => { working: number; waiting: number }} load What is being served, what waits.
 */

/**
 * @param {number} limit how many requests are served at once, at most
 * @returns {Admission}
 */
export function createAdmission(limit) {
	if (!Number.isInteger(limit) || limit < 1) {
		throw new Error(`The limit of requests at once must be a whole number of at least 1: ${limit}`);
	}
	let working = 0;
	let waiting = 0;
	/**
	 * The line, oldest first, from `head` on (shifting a long array one at a time is slow).
	 * @type {(Entry | undefined)[]}
	 */
	let line = [];
	let head = 0;

	/** @param {Entry} entry */
	function start(entry) {
		entry.state = 'served';
		working += 1;
		try {
			const served = entry.serve();
			// The handler answers its own failures; one that escapes must not leave the place taken.
			if (served instanceof Promise) served.catch((error) => fail(entry.res, error));
		} catch (error) {
			fail(entry.res, error);
		}
	}

	/** @param {Entry} entry */
	function closed(entry) {
		if (entry.state === 'waiting') {
			// A client that hangs up while it waits leaves the line.
			entry.state = 'gone';
			waiting -= 1;
		} else if (entry.state === 'served') {
			entry.state = 'done';
			working -= 1;
			next();
		}
	}

	function next() {
		while (working < limit && head < line.length) {
			const entry = /** @type {Entry} */ (line[head]);
			line[head] = undefined;
			head += 1;
			if (entry.state !== 'waiting') continue;
			waiting -= 1;
			start(entry);
		}
		if (head === line.length) {
			line = [];
			head = 0;
		} else if (head > 1024 && head * 2 > line.length) {
			line = line.slice(head);
			head = 0;
		}
	}

	return {
		admit(res, serve) {
			/** @type {Entry} */
			const entry = { res, serve, state: 'waiting' };
			res.once('close', () => closed(entry));
			if (working < limit && waiting === 0) {
				start(entry);
				return;
			}
			line.push(entry);
			waiting += 1;
		},
		load: () => ({ working, waiting })
	};
}

/**
 * @typedef {object} Entry
 * @property {import('node:http').ServerResponse} res
 * @property {() => unknown} serve
 * @property {'waiting' | 'served' | 'done' | 'gone'} state
 */

/**
 * @param {import('node:http').ServerResponse} res
 * @param {unknown} error
 */
function fail(res, error) {
	console.error('A request failed:', error);
	if (!res.headersSent) {
		res.statusCode = 500;
		res.end('Internal Error');
	} else {
		res.destroy();
	}
}

/**
 * Which requests wait their turn: the replication gateway's (`/db/...`), except a changes feed
 * that waits for news (`feed=longpoll`, `continuous` or `eventsource`). Such a request is open for
 * up to a minute by design: holding a place for it would let a few live devices stall everyone.
 *
 * @param {string | undefined} url the request's path and query
 */
export function waitsItsTurn(url) {
	if (!url || !url.startsWith('/db/')) return false;
	const query = url.indexOf('?');
	if (query === -1) return true;
	const path = url.slice(0, query);
	if (!/\/_changes\/?$/.test(path)) return true;
	const feed = new URLSearchParams(url.slice(query + 1)).get('feed');
	return feed !== 'longpoll' && feed !== 'continuous' && feed !== 'eventsource';
}
