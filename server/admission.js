/**
 * A bound on the replication requests the server works on at once; the rest wait their turn.
 * Each client's requests are answered in the order they came, and clients are taken in turn.
 *
 * A device replicating fetches every attachment with a request of its own, all at once (PouchDB
 * does), so 50 devices starting together send thousands of requests in a burst. Worked on all at
 * once, each holds its request, its reads and its answer for as long as the slowest of them takes,
 * and what a request allocates outlives the young generation's collections: the V8 heap then grows
 * to several times what is really in use before a full collection, and the server's memory with it.
 * Worked on a few dozen at a time, each is over quickly, and what it allocated dies young; the
 * server has one thread for JavaScript and a few for the disk, so more at once would not finish
 * sooner. A request waiting here holds only what Node has already parsed: its headers, and its
 * connection, from which little of its body is read until its turn comes.
 *
 * Clients are taken in turn, one request each, so that a device's next step (its changes, its
 * checkpoint) does not wait behind another device's hundreds of attachments.
 *
 * Nothing is refused: a burst is slowed down, never answered with an error. A client that goes
 * away while it waits leaves the line, and one that goes away while it is served frees its place.
 */

/**
 * @typedef {object} Admission
 * @property {(res: import('node:http').ServerResponse, serve: () => unknown, client?: string) => void} admit
 *   Serves the request now if there is room, or when its turn comes: after the client's earlier
 *   requests, and after one request of each other client waiting before it. Its place is freed
 *   when its response closes: answered in full, or the connection gone.
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
	/** Each client's waiting requests, oldest first. @type {Map<string, Queue<Entry>>} */
	const lines = new Map();
	/** The clients with requests waiting, in the order they will be taken. @type {Queue<string>} */
	const turns = new Queue();

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
			// A client that hangs up while it waits leaves the line (skipped when its turn comes).
			entry.state = 'gone';
			waiting -= 1;
		} else if (entry.state === 'served') {
			entry.state = 'done';
			working -= 1;
			next();
		}
	}

	/** The next request to serve: the oldest of the client whose turn it is. */
	function take() {
		for (let client = turns.shift(); client !== undefined; client = turns.shift()) {
			const line = /** @type {Queue<Entry>} */ (lines.get(client));
			let entry = line.shift();
			while (entry && entry.state !== 'waiting') entry = line.shift();
			if (line.size > 0) turns.push(client);
			else lines.delete(client);
			if (entry) return entry;
		}
		return undefined;
	}

	function next() {
		while (working < limit && waiting > 0) {
			const entry = take();
			if (!entry) return;
			waiting -= 1;
			start(entry);
		}
	}

	return {
		admit(res, serve, client = '') {
			/** @type {Entry} */
			const entry = { res, serve, state: 'waiting' };
			res.once('close', () => closed(entry));
			if (working < limit && waiting === 0) {
				start(entry);
				return;
			}
			let line = lines.get(client);
			if (!line) {
				line = new Queue();
				lines.set(client, line);
				turns.push(client);
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
 * First in, first out, without the cost of shifting a long array one item at a time.
 * @template T
 */
class Queue {
	/** @type {(T | undefined)[]} */
	#items = [];
	#head = 0;

	get size() {
		return this.#items.length - this.#head;
	}

	/** @param {T} item */
	push(item) {
		this.#items.push(item);
	}

	/** @returns {T | undefined} */
	shift() {
		if (this.#head === this.#items.length) return undefined;
		const item = this.#items[this.#head];
		this.#items[this.#head] = undefined;
		this.#head += 1;
		if (this.#head === this.#items.length) {
			this.#items = [];
			this.#head = 0;
		} else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
			this.#items = this.#items.slice(this.#head);
			this.#head = 0;
		}
		return item;
	}
}

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
 * Which client a request comes from, for taking clients in turn: its cookies (a device's session),
 * else its address.
 *
 * @param {import('node:http').IncomingMessage} req
 */
export function clientOf(req) {
	return req.headers.cookie ?? req.socket.remoteAddress ?? '';
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
