/**
 * Fuzzing every route of the server, the API and the replication gateway, with requests fast-check
 * makes up: JSON bodies of every shape (nested deep but within reason, long strings, wrong types,
 * nulls, unicode, `__proto__` and `constructor` keys), bodies that are not JSON, wrong content
 * types, ids and paths with odd characters and broken percent-encoding, query strings of garbage,
 * and odd headers (forged and garbled cookies, a garbage `pep-device` cookie, a bad `if-match`,
 * long values). Each is sent by nobody, a social worker, a young person or an administrator.
 *
 * The property is only this: the server never answers 5xx, never leaves a request unanswered
 * (each has 10 s), and never falls over. A client's mistake must get a 4xx that says what is
 * wrong, and no request, however malformed, may take the service down for everyone else. Which
 * 4xx is the business of the other integration tests. A counterexample names the request in full
 * (method, path, headers, body) and what came back, and fast-check prints the seed to replay it.
 *
 * Requests are written with node:http rather than fetch, so that paths go out byte for byte as
 * generated: fetch would resolve `..`, turn `\` into `/` and re-encode what it does not like.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { dirname, join, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayWriteKind } from '$lib/domain/access';
import { parseId } from '$lib/domain/ids';
import type { Role } from '$lib/domain/roles';
import { allowedContentTypes } from '$lib/domain/schemas/attachment';
import { gatewayEndpoints } from '$lib/server/gateway/endpoint-list';
import { root, signedInAccount, startServer, type RunningServer } from './support/server';

/** How long one request may take before it counts as a hang. */
const requestTimeoutMs = 10_000;

/**
 * Runs per group, and the time each group may take at most: on a slow machine a group stops at
 * its time limit (and passes, having found nothing), so the file takes at most about the sum.
 */
const runs = {
	gatewayReads: 800,
	gatewayWrites: 1_000,
	gatewayDocuments: 800,
	gatewayAnyMethod: 400,
	api: 1_600,
	headers: 800,
	session: 600
};
const groupTimeLimitMs = 13_000;

type CallerName =
	| 'anonymous'
	| 'social worker'
	| 'young person'
	| 'administrator'
	/** A designated teacher, only for registering devices (which ties their session to one). */
	| 'device owner'
	/** A second social-worker session, only for the session route (whose DELETE ends it). */
	| 'throwaway';

interface Caller {
	cookie: string | null;
	userId: string | null;
	fingerprint: string | null;
}

let app: RunningServer;
const callers = {} as Record<CallerName, Caller>;

/** What the server holds, to aim requests at things that exist as well as things that do not. */
const known = {
	/** Ids of documents the social worker and the young person may read. */
	socialWorkerIds: [] as string[],
	youngPersonIds: [] as string[],
	/** Some whole documents of each kind, to send back changed. */
	socialWorkerDocs: [] as Doc[],
	youngPersonDocs: [] as Doc[],
	revs: [] as string[],
	childIds: [] as string[],
	/** Accounts none of the fuzzing callers use: the admin routes may disable or reassign them. */
	otherUserIds: [] as string[],
	invitationId: '',
	/** The newest rev of each document sent back changed, so the next change is not a conflict. */
	currentRev: new Map<string, string>()
};

type Doc = Record<string, unknown> & { _id: string; _rev: string };

beforeAll(async () => {
	app = await startServer();
	// Every sign-in here, before any fuzzing: fuzzed sign-ins and codes count against this
	// address and may leave it rate-limited (a 429 is fine for the property, not for setup).
	const accounts: [CallerName, string][] = [
		['social worker', 'social-worker@example.org'],
		['young person', 'young-person@example.org'],
		['administrator', 'admin@example.org'],
		['device owner', 'designated-teacher@example.org'],
		['throwaway', 'social-worker@example.org']
	];
	callers.anonymous = { cookie: null, userId: null, fingerprint: null };
	for (const [name, email] of accounts) {
		const { cookie, userId } = await signedInAccount(app.url, email);
		const access = (await getJson('/api/access', cookie)) as { fingerprint?: string };
		callers[name] = { cookie, userId, fingerprint: access.fingerprint ?? null };
	}

	const social = callers['social worker'].cookie!;
	const young = callers['young person'].cookie!;
	known.childIds = ((await getJson('/api/access', social)) as { childIds: string[] }).childIds;
	for (const [cookie, ids, docs] of [
		[social, known.socialWorkerIds, known.socialWorkerDocs],
		[young, known.youngPersonIds, known.youngPersonDocs]
	] as const) {
		const all = (await getJson('/db/pep/_all_docs?include_docs=true', cookie)) as {
			rows: { id: string; value: { rev: string }; doc: Doc }[];
		};
		const perKind = new Map<string, number>();
		for (const row of all.rows) {
			ids.push(row.id);
			known.revs.push(row.value.rev);
			// Two documents of each kind.
			const kind = parseId(row.id)?.kind ?? 'other';
			const seen = perKind.get(kind) ?? 0;
			if (seen < 2) docs.push(row.doc);
			perKind.set(kind, seen + 1);
		}
	}
	known.revs = [...new Set(known.revs)].slice(0, 200);
	const callerIds = new Set(Object.values(callers).map((c) => c.userId));
	const users = (await getJson('/api/admin/users', callers.administrator.cookie!)) as {
		users: { userId: string }[];
	};
	known.otherUserIds = users.users
		.map((u) => u.userId)
		.filter((id) => !callerIds.has(id))
		.slice(0, 20);
	// One open invitation, for the withdraw route to find.
	const invited = await fetch(`${app.url}/api/children/${known.childIds[0]}/invitations`, {
		method: 'POST',
		headers: { cookie: social, origin: app.url, 'content-type': 'application/json' },
		body: JSON.stringify({ role: 'carer', displayName: 'Fuzz Carer' })
	});
	expect(invited.status).toBe(201);
	known.invitationId = (
		(await invited.json()) as { invitation: { invitationId: string } }
	).invitation.invitationId;
}, 120_000);

afterAll(async () => {
	await app?.stop();
});

async function getJson(path: string, cookie: string): Promise<unknown> {
	const response = await fetch(`${app.url}${path}`, { headers: { cookie } });
	expect(response.status, path).toBe(200);
	return await response.json();
}

// ---------------------------------------------------------------------------------------------
// What a request is, how it is sent, and what counts as a failure.

/** A request body: JSON, or bytes of some other kind, or large or deep ones described briefly. */
type Payload =
	| { json: unknown }
	| { text: string }
	| { bytes: number[] }
	/** JSON nested `deep` levels: `[[[…]]]` or `{"a":{"a":…}}`. */
	| { deep: number; shape: 'array' | 'object' }
	/** A JSON record padded with a string of `padded` characters. */
	| { padded: number }
	| { none: true };

interface Probe {
	caller: CallerName;
	method: string;
	/** The path as sent, query string and all. */
	path: string;
	contentType: string | null;
	/** `same` is the server's own origin, which a mutating request needs to be let through. */
	origin: 'same' | 'none' | 'other' | 'null';
	/** Cookies sent beside the caller's own (garbled sessions, device ids). */
	cookies: string[];
	headers: [string, string][];
	payload: Payload;
}

interface Answer {
	status: number;
	text: string;
}

function bodyOf(payload: Payload): Buffer | null {
	if ('json' in payload) return Buffer.from(JSON.stringify(payload.json) ?? 'null');
	if ('text' in payload) return Buffer.from(payload.text);
	if ('bytes' in payload) return Buffer.from(payload.bytes);
	if ('deep' in payload) {
		const [open, close] = payload.shape === 'array' ? ['[', ']'] : ['{"a":', '}'];
		return Buffer.from(open.repeat(payload.deep) + '1' + close.repeat(payload.deep));
	}
	if ('padded' in payload) {
		return Buffer.from(JSON.stringify({ docs: [], keys: [], padding: 'x'.repeat(payload.padded) }));
	}
	return null;
}

function headersOf(probe: Probe): Record<string, string | string[]> {
	const headers: Record<string, string | string[]> = { accept: 'application/json' };
	const caller = callers[probe.caller];
	const cookies = [...(caller.cookie ? [caller.cookie] : []), ...probe.cookies];
	if (cookies.length > 0) headers.cookie = cookies.join('; ');
	const origin = { same: app.url, none: null, other: 'https://elsewhere.example', null: 'null' }[
		probe.origin
	];
	if (origin) headers.origin = origin;
	if (probe.contentType !== null) headers['content-type'] = probe.contentType;
	// Node frames a body itself only for some methods: a GET's would go out unframed.
	const body = bodyOf(probe.payload);
	if (body !== null) headers['content-length'] = String(body.length);
	for (const [name, value] of probe.headers) {
		const before = headers[name];
		// A header given twice goes out twice.
		headers[name] = before === undefined ? value : [before, value].flat();
	}
	return headers;
}

/**
 * Sends a probe as it is, and resolves with the answer, or rejects saying why there was none.
 * A route that does not read a body it was sent answers, and then SvelteKit drops the unread
 * rest by destroying the request, which resets the connection: the answer has been given by
 * then (and counts), though the reset may cut short the reading of it.
 */
function send(probe: Probe): Promise<Answer> {
	const { hostname, port } = new URL(app.url);
	const body = bodyOf(probe.payload);
	return new Promise((resolve, reject) => {
		let status: number | null = null;
		const chunks: Uint8Array[] = [];
		const answer = (note = '') =>
			resolve({ status: status!, text: Buffer.concat(chunks).toString('utf8') + note });
		const fail = (error: Error) =>
			status !== null && !['TimeoutError', 'AbortError'].includes(error.name)
				? answer(` (then ${String(error)})`)
				: reject(error);
		const request = httpRequest(
			{
				host: hostname,
				port,
				method: probe.method,
				path: probe.path,
				headers: headersOf(probe),
				// A connection of its own, which a request with an odd method or a garbled head
				// cannot leave broken for the next.
				agent: false,
				signal: AbortSignal.timeout(requestTimeoutMs)
			},
			(response) => {
				status = response.statusCode ?? 0;
				response.on('data', (chunk: Uint8Array) => chunks.push(chunk));
				response.on('error', fail);
				response.on('end', () => answer());
			}
		);
		request.on('error', fail);
		request.end(body ?? undefined);
	});
}

/** The request and what came of it, for a failure's message. */
function account(probe: Probe, outcome: string): string {
	const body = bodyOf(probe.payload);
	const shown =
		body === null
			? '(none)'
			: body.length > 2_000
				? `${body.subarray(0, 2_000).toString('utf8')}… (${body.length} bytes)`
				: body.toString('utf8');
	return [
		`${probe.method} ${probe.path}`,
		`as ${probe.caller}`,
		`headers: ${JSON.stringify(headersOf(probe))}`,
		`body: ${shown}`,
		outcome
	].join('\n');
}

/**
 * The property: an answer below 500, within the time allowed. A connection that fails without an
 * answer is a failure too (the server may have fallen over), except for a body over the API's
 * limit (512 KB): the server answers 413 without reading it and closes the connection on purpose
 * (server/index.js), which can reach the client as a reset while it is still writing. Whether
 * the server is still up is checked at the end either way. Resolves with the answer, or null for
 * such a reset.
 */
async function answersBelow500(probe: Probe): Promise<Answer | null> {
	let answer: Answer;
	try {
		answer = await send(probe);
	} catch (error) {
		const { name, code } = error as { name?: string; code?: string };
		// Down already: the request it fell over on is the counterexample, and shrinking must not
		// trade it for one that merely found the server gone.
		if (fellOver !== null && code === 'ECONNREFUSED') return null;
		const hang = name === 'TimeoutError' || name === 'AbortError';
		const size = bodyOf(probe.payload)?.length ?? 0;
		if (!hang && size > 512 * 1024 && (code === 'ECONNRESET' || code === 'EPIPE')) return null;
		const what = hang
			? `→ no answer within ${requestTimeoutMs / 1000} s (a hang)`
			: `→ no answer: ${String(error)}`;
		if (await serverAnswers()) throw new Error(account(probe, what));
		fellOver = account(probe, `${what}, and the server has fallen over`);
		throw new Error(fellOver);
	}
	if (answer.status >= 500) {
		throw new Error(account(probe, `→ ${answer.status} ${answer.text.slice(0, 2_000)}`));
	}
	return answer;
}

/** The request the server fell over on, once it has. */
let fellOver: string | null = null;

async function serverAnswers(): Promise<boolean> {
	try {
		const response = await fetch(`${app.url}/api/session`, { signal: AbortSignal.timeout(3_000) });
		await response.body?.cancel();
		return response.status === 200;
	} catch {
		return false;
	}
}

/**
 * A probe that fast-check shows as the request it is (a counterexample's bodies may be hundreds
 * of kilobytes, which the failure message cuts short).
 */
function summarised(probe: Probe): Probe {
	return Object.defineProperty(probe, fc.toStringMethod, {
		value: () => account(probe, '').trim(),
		enumerable: false
	});
}

/**
 * Whether a probe's request line and headers fit in Node's limit (16 KB). Node itself answers a
 * longer one (431) and drops the connection, often before the client has read the answer: that
 * is Node's limit, not the app's, and not what this file tests.
 */
function withinNodeLimits(probe: Probe): boolean {
	const head = Object.entries(headersOf(probe))
		.flatMap(([name, value]) => [value].flat().map((v) => `${name}: ${v}\r\n`))
		.join('');
	return Buffer.byteLength(`${probe.method} ${probe.path} HTTP/1.1\r\n${head}`, 'latin1') < 15_000;
}

async function fuzz(
	probes: fc.Arbitrary<Probe>,
	numRuns: number,
	check: (probe: Probe) => Promise<void> = async (probe) => {
		await answersBelow500(probe);
	}
): Promise<void> {
	if (fellOver !== null) throw new Error(`The server fell over earlier, on:\n${fellOver}`);
	await fc.assert(fc.asyncProperty(probes.filter(withinNodeLimits).map(summarised), check), {
		numRuns,
		includeErrorInReport: true,
		plugins: [fc.interruptAfterTimeLimit(groupTimeLimitMs)]
	});
}

// ---------------------------------------------------------------------------------------------
// The pieces requests are made of.

/** Percent-encodes each UTF-8 byte of `text` but the characters `keep` matches. */
function percentEncode(text: string, keep = /[A-Za-z0-9\-._~]/): string {
	let out = '';
	for (const char of text) {
		if (keep.test(char)) out += char;
		else {
			for (const byte of Buffer.from(char)) {
				out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
			}
		}
	}
	return out;
}

/**
 * Ways to put text into a path or a query: properly, leaving what a path allows as it is, with
 * every printable ASCII character raw (slashes, `?`, `#`, `%` and all), or encoded twice.
 */
const encodings = {
	component: (text: string) => percentEncode(text),
	path: (text: string) => percentEncode(text, /[A-Za-z0-9\-._~!$&'()*+,;=:@]/),
	raw: (text: string) => percentEncode(text, /[\x21-\x7e]/),
	twice: (text: string) => percentEncode(percentEncode(text))
};
/** Mostly the proper encoding, so that most ids arrive as sent; the others now and then. */
const encoding = fc.oneof(
	{ weight: 5, arbitrary: fc.constant('component' as const) },
	{ weight: 1, arbitrary: fc.constantFrom('path' as const, 'raw' as const, 'twice' as const) }
);

/** Pieces of path that are wrong in themselves: broken escapes, dot segments, a NUL. */
const brokenPathBits = [
	'',
	'%',
	'%zz',
	'%E0%A4%A',
	'%C0%AF',
	'%FF',
	'%00',
	'%2e%2e',
	'%2F',
	'%252F',
	'..',
	'.',
	'//',
	'\\',
	'%5C',
	'%u0041',
	';',
	'%3B'
];

const oddStrings = [
	'',
	' ',
	'\u0000',
	'\uFEFF',
	'\uD800',
	'\uFFFF',
	'🙂',
	'é',
	'\u202E',
	'null',
	'undefined',
	'NaN',
	'true',
	'[object Object]',
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'hasOwnProperty',
	'../../etc/passwd',
	'<script>alert(1)</script>',
	"'; DROP TABLE users; --",
	'%',
	'%00',
	'child:',
	'child:x',
	'child:aaaa:pep:bbbb:a',
	'assign:x',
	'authority:demo-authority',
	'_design/x',
	'_local/x',
	'_all_docs',
	'1-abc',
	'0-',
	'-1-x',
	'99999999999999999999-x',
	'now',
	'x'.repeat(301),
	'a@b',
	'social-worker@example.org',
	'admin',
	'carer',
	'young-person',
	'demo-authority',
	'2026-02-30',
	'9999-12-31T23:59:59.999Z'
];

const realIds = () => [...known.socialWorkerIds, ...known.youngPersonIds];
const someRealIds = () => realIds().filter((_, i) => i % 37 === 0);

/**
 * Text of every kind: short unicode, the odd strings above, real ids, and runs up to `longest`
 * characters (kept short in paths and queries, whose whole head Node limits to 16 KB).
 */
const text = (longest = 200_000) =>
	fc.oneof(
		{ weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
		{ weight: 3, arbitrary: fc.constantFrom(...oddStrings) },
		{ weight: 2, arbitrary: fc.constantFrom(...someRealIds(), ...known.childIds) },
		{ weight: 1, arbitrary: fc.constantFrom(...known.revs) },
		{
			weight: 1,
			arbitrary: fc
				.tuple(fc.constantFrom('x', 'é', '🙂', '\u0000'), fc.integer({ min: 100, max: longest }))
				.map(([char, times]) => char.repeat(times))
		}
	);

const weirdKeys = [
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'valueOf',
	'hasOwnProperty',
	'',
	'_id',
	'_rev',
	'_deleted',
	'_attachments',
	'_revisions',
	'_conflicts',
	'_local_seq',
	'type',
	'then'
];

/** JSON values, with the keys a route knows among the odd ones. */
function jsonValue(keys: readonly string[] = []): fc.Arbitrary<unknown> {
	const key = fc.oneof(
		fc.constantFrom(...keys, ...weirdKeys),
		fc.string({ unit: 'binary', maxLength: 12 })
	);
	const scalar = fc.oneof(
		text(),
		fc.integer(),
		fc.double(),
		fc.boolean(),
		fc.constant(null),
		fc.constantFrom(-1, 0, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, 1_000_000, 0.5)
	);
	const { value } = fc.letrec<{ value: unknown }>((tie) => ({
		value: fc.oneof(
			{ depthSize: 'small', maxDepth: 6 },
			scalar,
			fc.array(tie('value'), { maxLength: 5 }),
			fc.dictionary(key, tie('value'), { maxKeys: 5 })
		)
	}));
	return value;
}

/** A record with some of a route's own keys, each holding a value of any type. */
function recordOf(keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
	if (keys.length === 0) return fc.dictionary(fc.constantFrom(...weirdKeys), jsonValue());
	return fc
		.tuple(
			fc.subarray([...keys]),
			fc.array(jsonValue(keys), { minLength: keys.length, maxLength: keys.length }),
			fc.dictionary(fc.constantFrom(...weirdKeys), jsonValue(), { maxKeys: 2 })
		)
		.map(([chosen, values, extra]) => {
			const record: Record<string, unknown> = {};
			chosen.forEach((k, i) => Object.defineProperty(record, k, plain(values[i])));
			for (const [k, v] of Object.entries(extra)) Object.defineProperty(record, k, plain(v));
			return record;
		});
}

/** An own, enumerable property, even for the key `__proto__`. */
const plain = (value: unknown): PropertyDescriptor => ({
	value,
	enumerable: true,
	writable: true,
	configurable: true
});

/** What the gateway's bodies are made of, plausible enough to get past the first check. */
const gatewayPieces = () => {
	const id = fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom(...someRealIds()) },
		{ weight: 1, arbitrary: text() }
	);
	const rev = fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom(...known.revs, '1-x', '2-a1b2') },
		{ weight: 1, arbitrary: text() }
	);
	const entry = fc.oneof(
		{
			weight: 4,
			arbitrary: fc.record(
				{ id, rev, atts_since: fc.array(rev, { maxLength: 2 }) },
				{ requiredKeys: ['id'] }
			)
		},
		{ weight: 1, arbitrary: recordOf(['id', 'rev', 'atts_since']) }
	);
	const docs = fc.record({ docs: fc.array(entry, { maxLength: 4 }) });
	const keys = fc.record({ keys: fc.array(id, { maxLength: 5 }) });
	const docIds = fc.record({ doc_ids: fc.array(id, { maxLength: 5 }) });
	const revsDiff = fc.dictionary(
		fc.oneof(id, fc.constantFrom(...weirdKeys)),
		fc.array(rev, { maxLength: 3 }),
		{ maxKeys: 4 }
	);
	const any = fc.oneof(
		docs,
		keys,
		docIds,
		revsDiff,
		recordOf(['docs', 'new_edits', 'keys', 'doc_ids', 'id', 'rev', '_rev'])
	);
	/** A body of the endpoint's own shape, mostly. */
	const forEndpoint: Record<string, fc.Arbitrary<unknown>> = {
		_bulk_get: docs,
		_bulk_docs: fc.record({
			docs: fc.array(jsonValue(), { maxLength: 3 }),
			new_edits: jsonValue()
		}),
		_all_docs: keys,
		_changes: docIds,
		_revs_diff: revsDiff
	};
	return (pattern: string) =>
		fc.oneof({ weight: 3, arbitrary: forEndpoint[pattern] ?? any }, { weight: 1, arbitrary: any });
};

const contentTypes = [
	'application/json',
	'application/json; charset=utf-8',
	'APPLICATION/JSON',
	'application/json; charset=latin1',
	'application/jsonx',
	'text/json',
	'text/plain',
	'text/html',
	'application/x-www-form-urlencoded',
	'multipart/form-data; boundary=x',
	'multipart/form-data',
	'application/xml',
	'application/octet-stream',
	'image/png',
	'application/pdf',
	'',
	';',
	'application/json; boundary=',
	'*/*'
];

/** A body of any kind, with mostly the JSON content type, sometimes another or none. */
function payloadAndType(json: fc.Arbitrary<unknown>): fc.Arbitrary<[Payload, string | null]> {
	const payload: fc.Arbitrary<Payload> = fc.oneof(
		{ weight: 8, arbitrary: json.map((value) => ({ json: value })) },
		{ weight: 2, arbitrary: jsonValue().map((value) => ({ json: value })) },
		{
			weight: 2,
			arbitrary: fc
				.oneof(
					fc.string({ unit: 'binary', maxLength: 200 }),
					fc.constantFrom(
						'{"docs": [',
						'{"a":1}{"b":2}',
						'{"a":1,}',
						"{'a':1}",
						'NaN',
						'Infinity',
						'-',
						'1e99999',
						'"\\ud800"',
						'\uFEFF{}',
						'{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"polluted": 1}}}',
						'{"a":1,"a":2}',
						'a=b&c=d',
						'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
						'<?xml version="1.0"?><a/>',
						'null',
						'[]',
						'""',
						'0'
					)
				)
				.map((t) => ({ text: t }))
		},
		{
			weight: 1,
			arbitrary: fc
				.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 })
				.map((bytes) => ({ bytes }))
		},
		{
			weight: 1,
			arbitrary: fc.record({
				deep: fc.integer({ min: 1, max: 200 }),
				shape: fc.constantFrom('array' as const, 'object' as const)
			})
		},
		{
			weight: 1,
			// Around the API's 512 KB and the gateway's 4 MB limits, and a little over.
			arbitrary: fc.constantFrom(100_000, 520_000, 530_000, 4_200_000).map((padded) => ({ padded }))
		},
		{ weight: 1, arbitrary: fc.constant({ none: true as const }) }
	);
	const type = fc.oneof(
		{ weight: 6, arbitrary: fc.constant('application/json') },
		{ weight: 2, arbitrary: fc.constantFrom(...contentTypes) },
		{ weight: 1, arbitrary: fc.constant(null) }
	);
	return fc.tuple(payload, type);
}

/** The longest run of one character in a path or a query. */
const urlText = 1_000;

/** A path segment for an id: a real one, a real one altered, or any text, encoded any way. */
function segment(pool: readonly string[]): fc.Arbitrary<string> {
	const value = fc.oneof(
		{ weight: 6, arbitrary: pool.length ? fc.constantFrom(...pool) : text(urlText) },
		{
			weight: 1,
			arbitrary: pool.length
				? fc
						.tuple(fc.constantFrom(...pool), text(urlText), fc.boolean())
						.map(([id, extra, before]) => (before ? extra + id : id + extra))
				: text(urlText)
		},
		{ weight: 3, arbitrary: text(urlText) },
		{ weight: 1, arbitrary: fc.integer({ min: 300, max: 4_000 }).map((n) => 'a'.repeat(n)) }
	);
	return fc.oneof(
		{
			weight: 8,
			arbitrary: fc.tuple(value, encoding).map(([v, how]) => encodings[how](v))
		},
		{
			weight: 1,
			arbitrary: fc
				.tuple(value, encoding, fc.constantFrom(...brokenPathBits), fc.boolean())
				.map(([v, how, bit, before]) =>
					before ? bit + encodings[how](v) : encodings[how](v) + bit
				)
		},
		{ weight: 1, arbitrary: fc.constantFrom(...brokenPathBits) }
	);
}

const queryKeys = [
	'since',
	'limit',
	'include_docs',
	'conflicts',
	'style',
	'heartbeat',
	'filter',
	'doc_ids',
	'seq_interval',
	'keys',
	'key',
	'startkey',
	'endkey',
	'start_key',
	'end_key',
	'skip',
	'descending',
	'rev',
	'revs',
	'open_revs',
	'latest',
	'attachments',
	'atts_since',
	'new_edits',
	'userId',
	'batch',
	'_method'
];

/**
 * A value for a query parameter: one of the kind the parameter takes (a number for `limit`, a
 * boolean for `latest`, revs for `open_revs`), so that requests combine parameters the server
 * acts on, or a value of some other kind.
 */
function queryValue(key: string, clean = false): fc.Arbitrary<string> {
	const count = fc.integer({ min: -2, max: 100_002 }).map(String);
	const bool = fc.constantFrom('true', 'false');
	const revs = fc
		.array(fc.constantFrom(...known.revs, '1-x', '2-abc', 'x'), { minLength: 1, maxLength: 3 })
		.map((list) => JSON.stringify(list));
	const id = fc.constantFrom(...someRealIds()).map((i) => JSON.stringify(i));
	const ids = fc
		.array(fc.constantFrom(...someRealIds(), 'x'), { maxLength: 4 })
		.map((list) => JSON.stringify(list));
	const kinds: Record<string, fc.Arbitrary<string>> = {
		since: fc.oneof(sequenceToken(), fc.constantFrom('now', '0')),
		limit: count,
		skip: count,
		seq_interval: count,
		heartbeat: fc.oneof(count, fc.constant('true')),
		include_docs: bool,
		conflicts: bool,
		descending: bool,
		revs: bool,
		latest: bool,
		attachments: bool,
		new_edits: bool,
		style: fc.constantFrom('main_only', 'all_docs'),
		filter: fc.constant('_doc_ids'),
		doc_ids: ids,
		keys: ids,
		key: id,
		startkey: id,
		endkey: id,
		start_key: id,
		end_key: id,
		rev: fc.constantFrom(...known.revs, '1-x', '2-abc', 'x'),
		open_revs: fc.oneof(fc.constant('all'), revs),
		atts_since: revs,
		userId: fc.constantFrom(...known.otherUserIds, 'x')
	};
	const own = Object.hasOwn(kinds, key) ? kinds[key] : undefined;
	const other = fc.oneof(garbageQueryValue, sequenceToken(), idsAndRevs());
	if (own && clean) return own;
	return own ? fc.oneof({ weight: 3, arbitrary: own }, { weight: 2, arbitrary: other }) : other;
}

/** A sequence token of a caller's (`fingerprint~n12`, `~s…`, `~p…`), often with a garbled end. */
const sequenceToken = () => {
	const fingerprints = Object.values(callers).flatMap((c) =>
		c.fingerprint ? [c.fingerprint] : []
	);
	return fc
		.tuple(
			fc.constantFrom(...fingerprints, 'x'),
			fc.oneof(
				fc.bigInt({ min: -1n, max: 10n ** 30n }).map((n) => `n${n}`),
				text(urlText).map((t) => `s${t}`),
				jsonValue().map((v) => `p${Buffer.from(JSON.stringify(v) ?? '').toString('base64url')}`),
				fc
					.tuple(jsonValue(), fc.integer({ min: -2, max: 1_000 }), text(urlText))
					.map(
						([base, range, after]) =>
							`p${Buffer.from(JSON.stringify([base, range, after])).toString('base64url')}`
					),
				text(urlText)
			)
		)
		.map(([fingerprint, rest]) => `${fingerprint}~${rest}`);
};

/** Ids and revs, real and not, alone or as JSON. */
const idsAndRevs = () =>
	fc.oneof(
		fc
			.array(fc.constantFrom(...someRealIds(), ...known.revs, 'x', '1-x'), { maxLength: 4 })
			.map((ids) => JSON.stringify(ids)),
		fc.constantFrom(...someRealIds(), ...known.revs).map((id) => JSON.stringify(id)),
		fc.constantFrom(...someRealIds(), ...known.revs)
	);

const garbageQueryValue = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.constantFrom(
			'abc',
			'-1',
			'0',
			'1',
			'2',
			'100000',
			'100001',
			'1e400',
			'1.5',
			'0x10',
			'NaN',
			'Infinity',
			'maybe',
			'true',
			'false',
			'TRUE',
			'',
			'null',
			'[]',
			'[[[',
			'{}',
			'"x"',
			'["a"]',
			'[1,2]',
			'"child:x"',
			'["1-abc"]',
			'["1-x","2-y"]',
			'all',
			'now',
			'longpoll',
			'continuous',
			'_doc_ids',
			'main_only',
			'all_docs',
			'%',
			'%zz',
			'\u0000',
			'🙂',
			'9'.repeat(400),
			'['.repeat(100) + ']'.repeat(100)
		)
	},
	{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
	{ weight: 1, arbitrary: fc.constantFrom(...oddStrings) }
);

/** A query string (without `?`): known keys and others, repeated ones, values of any kind. */
function queryString(keys: readonly string[] = queryKeys): fc.Arbitrary<string> {
	// Some of the parameters the server knows, each with a value of its kind, properly encoded...
	const clean = fc
		.subarray([...keys])
		.chain((chosen) =>
			fc.tuple(
				...chosen.map((key) =>
					queryValue(key, true).map((value) => `${key}=${percentEncode(value)}`)
				)
			)
		)
		.map((pairs) => pairs.join('&'));
	// ...or anything.
	const pair = fc
		.oneof(
			{ weight: 5, arbitrary: fc.constantFrom(...keys) },
			{ weight: 1, arbitrary: text(urlText) }
		)
		.chain((key) =>
			fc.tuple(fc.constant(key), fc.option(queryValue(key), { nil: null, freq: 8 }), encoding)
		)
		.map(([key, value, how]) => {
			// A query's own separators are left raw by `raw`: a value may split into more pairs.
			const encode = how === 'path' ? encodings.component : encodings[how];
			return value === null ? encode(key) : `${encode(key)}=${encode(value)}`;
		});
	const some = (each: fc.Arbitrary<string>, most: number) =>
		fc.array(each, { maxLength: most }).map((pairs) => pairs.join('&'));
	return fc.oneof(
		{ weight: 4, arbitrary: clean },
		{ weight: 2, arbitrary: fc.tuple(clean, pair).map((p) => p.filter(Boolean).join('&')) },
		{ weight: 2, arbitrary: some(pair, 6) },
		{
			weight: 1,
			arbitrary: fc.constantFrom(
				'&&&',
				'=',
				'==x',
				'?',
				'a=%',
				'keys=[[[',
				'since=abc&limit=-1&include_docs=maybe&keys=[[[',
				'limit=1&limit=2&limit=-1',
				'include_docs=true&include_docs=maybe',
				'#',
				'%zz=%zz'
			)
		}
	);
}

/** Header values Node lets a client send: tabs, printable ASCII and Latin-1, short or long. */
const headerText = fc.oneof(
	{
		weight: 5,
		arbitrary: fc.string({
			unit: fc
				.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }))
				.map((c) => String.fromCharCode(c)),
			maxLength: 60
		})
	},
	{
		weight: 1,
		arbitrary: fc
			.tuple(fc.constantFrom('a', 'é', ';', '='), fc.integer({ min: 1_000, max: 12_000 }))
			.map(([char, times]) => char.repeat(times))
	}
);

const headerNames = [
	'if-match',
	'if-none-match',
	'if-modified-since',
	'accept',
	'accept-encoding',
	'accept-language',
	'range',
	'x-forwarded-for',
	'x-forwarded-proto',
	'x-forwarded-host',
	'forwarded',
	'sec-fetch-site',
	'sec-fetch-mode',
	'sec-fetch-dest',
	'x-requested-with',
	'authorization',
	'destination',
	'x-couch-full-commit',
	'user-agent',
	'referer',
	'cache-control',
	'expect',
	'x-http-method-override',
	'x-sveltekit-action',
	'x-fuzz'
];

const headers: fc.Arbitrary<[string, string][]> = fc.array(
	fc.tuple(
		fc.constantFrom(...headerNames),
		fc.oneof(
			headerText,
			fc.constantFrom(
				'*',
				'"1-abc"',
				'W/"x"',
				'text/html',
				'*/*',
				'application/json;q=0',
				'same-origin',
				'cross-site',
				'none',
				'bytes=0-0',
				'bytes=garbage',
				'bytes=999999999-',
				'gzip, br, zstd',
				'100-continue',
				'Basic Zm9vOmJhcg==',
				'Bearer x',
				'127.0.0.1, ::1, garbage',
				'https',
				'GET'
			)
		)
	),
	{ maxLength: 4 }
);

/** Cookies beside the caller's: garbled and forged sessions, device ids good and bad. */
const cookies = () => {
	const forged = fc
		.tuple(jsonValue(['userId', 'sessionId', 'role', 'expires']), headerText)
		.map(
			([claim, signature]) =>
				`pep_session=${Buffer.from(JSON.stringify(claim) ?? '').toString('base64url')}.${percentEncode(signature)}`
		);
	// A real session cookie with its signature altered.
	const tampered = fc
		.constantFrom(...Object.values(callers).flatMap((c) => (c.cookie ? [c.cookie] : [])))
		.map((cookie) => cookie.slice(0, -3) + 'xyz');
	const device = fc
		.oneof(
			fc.stringMatching(/^[A-Za-z0-9-]{8,64}$/),
			headerText.map((t) => t.replace(/[;\s]/g, '')),
			fc.constantFrom('', 'x', '-'.repeat(64), 'a'.repeat(65))
		)
		.map((id) => `pep-device=${id}`);
	return fc.array(
		fc.oneof(
			forged,
			tampered,
			device,
			headerText.map((t) => `pep_session=${t.replace(/;/g, '')}`),
			fc.constantFrom('pep_session=', 'pep_session', '=', ';', 'a=b=c', '%zz=%zz', '$Version=1')
		),
		{ maxLength: 3 }
	);
};

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A whole probe: the caller, method and path given, and the rest made up. Odd headers and cookies
 * and another origin come less often than plain ones, so that most probes get past the first
 * checks to the route itself.
 */
function probe(
	who: fc.Arbitrary<CallerName>,
	method: fc.Arbitrary<string>,
	path: fc.Arbitrary<string>,
	json: fc.Arbitrary<unknown>
): fc.Arbitrary<Probe> {
	return fc
		.record({
			caller: who,
			method,
			path,
			body: payloadAndType(json),
			origin: fc.oneof(
				{ weight: 12, arbitrary: fc.constant('same' as const) },
				{
					weight: 1,
					arbitrary: fc.constantFrom('none' as const, 'other' as const, 'null' as const)
				}
			),
			cookies: fc.oneof(
				{ weight: 4, arbitrary: fc.constant([] as string[]) },
				{ weight: 1, arbitrary: cookies() }
			),
			headers: fc.oneof(
				{ weight: 4, arbitrary: fc.constant([] as [string, string][]) },
				{ weight: 1, arbitrary: headers }
			)
		})
		.map(({ body: [payload, contentType], ...rest }) => ({
			...rest,
			payload:
				mutating.has(rest.method) || rest.method === 'GET' ? payload : { none: true as const },
			contentType: mutating.has(rest.method) ? contentType : null
		}));
}

const mainCallers = fc.constantFrom<CallerName>(
	'anonymous',
	'social worker',
	'young person',
	'administrator'
);
/** The gateway's callers: mostly people with records to reach. */
const gatewayCallers = fc.oneof(
	{ weight: 3, arbitrary: fc.constant<CallerName>('social worker') },
	{ weight: 3, arbitrary: fc.constant<CallerName>('young person') },
	{ weight: 1, arbitrary: fc.constantFrom<CallerName>('administrator', 'anonymous') }
);
/** Methods no route takes, beside the ones routes do. */
const otherMethods = ['HEAD', 'OPTIONS', 'PATCH', 'TRACE', 'COPY', 'PROPFIND', 'FOO'];

// ---------------------------------------------------------------------------------------------
// The routes.

/** Every `+server.ts` under src/routes and the methods it exports. */
function serverRoutes(): Map<string, string[]> {
	const routes = new Map<string, string[]>();
	const dir = join(root, 'src', 'routes');
	for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
		if (!file.endsWith('+server.ts')) continue;
		const source = readFileSync(join(dir, file), 'utf8');
		const methods = [
			...source.matchAll(
				/export (?:const|(?:async )?function) (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g
			)
		].map((m) => m[1]!);
		routes.set('/' + dirname(file).split(sep).join('/'), methods);
	}
	return routes;
}

interface ApiRoute {
	/** The keys the route's body takes. */
	keys: string[];
	/** Who may call it here (the main four unless said). */
	callers?: CallerName[];
	/** Fuzzed in the last group, after everything else: rate-limited, or ends the session. */
	last?: boolean;
}

const apiRoutes: Record<string, ApiRoute> = {
	'/api/access': { keys: [] },
	'/api/admin/children': {
		keys: [
			'person',
			'identifiers',
			'yearGroup',
			'legalStatus',
			'dateIntoCare',
			'placement',
			'setting',
			'eetStatus',
			'sen',
			'keyContacts',
			'leftCareOn'
		]
	},
	'/api/admin/devices': { keys: [] },
	'/api/admin/devices/[deviceId]': { keys: ['revoked'] },
	'/api/admin/users': { keys: ['email', 'displayName', 'role', 'authorityId', 'password'] },
	'/api/admin/users/[userId]': { keys: ['disabled'] },
	'/api/admin/users/[userId]/assignment': { keys: ['childIds', 'schoolIds', 'authorityIds'] },
	'/api/children/[childId]/invitations': { keys: ['role', 'displayName'] },
	'/api/children/[childId]/invitations/[invitationId]': { keys: [] },
	// Registering a device ties the session to it: only a caller used for nothing else does.
	'/api/devices': { keys: ['deviceId'], callers: ['anonymous', 'device owner'] },
	'/api/invitations/accept': { keys: ['code'], last: true },
	'/api/invitations/check': { keys: ['code'], last: true },
	'/api/invitations/redeem': { keys: ['code', 'email', 'password'], last: true },
	'/api/session': { keys: ['email', 'password'], callers: ['anonymous', 'throwaway'], last: true }
};

/** The gateway's own routes, fuzzed in their own groups. */
const gatewayRoutes = ['/db', '/db/pep/[...path]'];

/** Paths the gateway does not serve, that CouchDB or a curious client might ask for. */
const unknownGatewayPaths = [
	'_session',
	'_design/pep',
	'_design/pep/_view/all',
	'_design/pep/_update/x/y',
	'_find',
	'_index',
	'_explain',
	'_purge',
	'_security',
	'_compact',
	'_revs_limit',
	'_all_dbs',
	'_utils',
	'_',
	'_local',
	'_local/',
	'_local/a/b',
	'_bulk_docs/x',
	'_changes/x'
];

/** A value for a route's path parameter: a real one, or anything. */
function parameter(name: string): fc.Arbitrary<string> {
	const pools: Record<string, string[]> = {
		userId: known.otherUserIds,
		childId: known.childIds,
		invitationId: [known.invitationId],
		deviceId: ['fuzzdevice-0001', 'a'.repeat(64)]
	};
	return segment(pools[name] ?? []);
}

/** A concrete path for a route such as `/api/admin/users/[userId]`, with a query string. */
function apiPath(route: string): fc.Arbitrary<string> {
	const names = [...route.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!);
	return fc
		.tuple(
			fc.tuple(...names.map(parameter)),
			fc.option(queryString(['userId', 'since', 'limit', 'x']), { nil: null, freq: 3 })
		)
		.map(([values, query]) => {
			let i = 0;
			const path = route.replace(/\[[^\]]+\]/g, () => values[i++]!);
			return query === null ? path : `${path}?${query}`;
		});
}

function apiProbes(routes: Map<string, string[]>, last: boolean): fc.Arbitrary<Probe> {
	const chosen = Object.entries(apiRoutes).filter(([, r]) => Boolean(r.last) === last);
	return fc.oneof(
		...chosen.map(([route, { keys, callers: who }]) =>
			probe(
				who ? fc.constantFrom(...who) : mainCallers,
				fc.oneof(
					{ weight: 5, arbitrary: fc.constantFrom(...routes.get(route)!) },
					{ weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', ...otherMethods) }
				),
				apiPath(route),
				recordOf(keys)
			)
		)
	);
}

/** The query parameters each gateway endpoint reads (src/lib/server/gateway/params.ts). */
const endpointParameters: Record<string, string[]> = {
	_changes: [
		'since',
		'limit',
		'style',
		'heartbeat',
		'include_docs',
		'conflicts',
		'filter',
		'doc_ids',
		'seq_interval'
	],
	_all_docs: [
		'include_docs',
		'conflicts',
		'startkey',
		'endkey',
		'start_key',
		'end_key',
		'keys',
		'limit',
		'skip',
		'descending'
	],
	_bulk_get: ['revs', 'latest', 'attachments', 'rev', 'open_revs'],
	'{doc}': ['rev', 'revs', 'open_revs', 'latest', 'conflicts', 'attachments', 'new_edits']
};

/**
 * A `/db/pep` path for a gateway endpoint pattern such as `{doc}/{attachment}`, with ids the
 * caller may read more often than not, and a query string.
 */
function gatewayPath(pattern: string, caller: CallerName): fc.Arbitrary<string> {
	// Mostly documents the caller may read, sometimes another's.
	const readable =
		caller === 'social worker'
			? known.socialWorkerIds.filter((_, i) => i % 5 === 0)
			: caller === 'young person'
				? known.youngPersonIds
				: [];
	const ids = readable.length
		? fc.oneof(
				{ weight: 3, arbitrary: segment(readable) },
				{ weight: 1, arbitrary: segment(someRealIds()) }
			)
		: segment(someRealIds());
	const parts: fc.Arbitrary<string>[] = pattern.split('/').map((part) => {
		if (part === '{doc}') return ids;
		if (part === '{attachment}') return fc.oneof(fc.constant('file'), segment(['file']));
		if (part === '{id}') return segment(['checkpoint', 'x']);
		return fc.constant(part);
	});
	const base = fc
		.tuple(
			fc.oneof(
				{ weight: 8, arbitrary: fc.constant('/db/pep/') },
				{ weight: 1, arbitrary: fc.constantFrom('/db/pep//', '/db//pep/', '/db/PEP/') }
			),
			...parts
		)
		.map(([prefix, ...rest]) => prefix + rest.join('/'));
	// Mostly the endpoint's own parameters, so that they come together often.
	const first = pattern.split('/')[0]!;
	const own = endpointParameters[first.startsWith('{') ? '{doc}' : first];
	const query = fc.option(
		own
			? fc.oneof(
					{ weight: 4, arbitrary: queryString(own) },
					{ weight: 1, arbitrary: queryString() }
				)
			: queryString(),
		{ nil: null, freq: 4 }
	);
	return fc.tuple(base, query, feed()).map(([path, q, f]) => {
		// The gateway serves `_changes/x` as `_changes` (it goes by the first segment).
		const asks = [q, first === '_changes' ? f : null].filter((p) => p !== null).join('&');
		return asks ? `${path}?${asks}` : path;
	});
}

/**
 * What a `_changes` request waits for. A longpoll waits for a change up to its `timeout`, up to a
 * minute, which is not a hang: it is always given a short one here (and `continuous` and other
 * feeds are refused). It comes last in the query, so it wins over any `feed` or `timeout` the
 * query string before it repeats.
 */
const feed = () =>
	fc.oneof(
		fc.constant('feed=normal'),
		fc
			.tuple(fc.integer({ min: 0, max: 300 }), fc.boolean())
			.map(([ms, beat]) => `feed=longpoll&timeout=${ms}${beat ? '&heartbeat=1000' : ''}`),
		text()
			.filter((value) => value !== 'longpoll')
			.map((value) => `feed=${percentEncode(value)}&timeout=100`)
	);

const gatewayPatterns = () => [
	...new Set(gatewayEndpoints.map((endpoint) => endpoint.split(' ')[1]!)),
	...unknownGatewayPaths
];

/**
 * Probes of the gateway, each with a method of `methods`: mostly of an endpoint that takes that
 * method, sometimes of one that does not, or of a path the gateway does not serve.
 */
function gatewayProbes(...methods: string[]) {
	const taking = gatewayEndpoints
		.filter((endpoint) => methods.includes(endpoint.split(' ')[0]!))
		.map((endpoint) => endpoint.split(' ')[1]!);
	const bodies = gatewayPieces();
	const pattern = fc.oneof(
		{ weight: 6, arbitrary: fc.constantFrom(...taking) },
		{ weight: 1, arbitrary: fc.constantFrom(...gatewayPatterns()) }
	);
	// Built once for each endpoint and caller, not for every probe.
	const built = new Map<string, fc.Arbitrary<Probe>>();
	const probesOf = (path: string, caller: CallerName) => {
		const key = `${path} ${caller}`;
		if (!built.has(key)) {
			const methodArb = fc.constantFrom(...methods);
			built.set(
				key,
				probe(fc.constant(caller), methodArb, gatewayPath(path, caller), bodies(path))
			);
		}
		return built.get(key)!;
	};
	return fc.tuple(pattern, gatewayCallers).chain(([path, caller]) => probesOf(path, caller));
}

/**
 * A document the caller may read, sent back changed: its content left alone (so the write gets
 * past the schema to the checks after it) or altered, and its revision fields garbled. This is
 * where writes get deepest into the gateway.
 */
function changedDocuments(): fc.Arbitrary<Probe> {
	// Mostly a document of a kind the caller may write, sometimes one they may only read, or
	// someone else's.
	const writable = (docs: Doc[], role: Role) =>
		docs.filter((d) => {
			const parsed = parseId(d._id);
			return parsed !== null && mayWriteKind(role, parsed.kind);
		});
	const own = fc.oneof(
		{
			weight: 3,
			arbitrary: fc.tuple(
				fc.constant<CallerName>('social worker'),
				fc.constantFrom(...writable(known.socialWorkerDocs, 'social-worker'))
			)
		},
		{
			weight: 3,
			arbitrary: fc.tuple(
				fc.constant<CallerName>('young person'),
				fc.constantFrom(...writable(known.youngPersonDocs, 'young-person'))
			)
		},
		{
			weight: 1,
			arbitrary: fc.tuple(
				fc.constant<CallerName>('social worker'),
				fc.constantFrom(...known.socialWorkerDocs)
			)
		},
		{
			weight: 1,
			arbitrary: fc.tuple(
				fc.constant<CallerName>('young person'),
				fc.constantFrom(...known.socialWorkerDocs)
			)
		}
	);
	const fields = {
		_rev: fc.oneof(fc.constant('current'), fc.constantFrom(...known.revs), jsonValue()),
		_revisions: fc.oneof(
			fc.record({
				start: fc.oneof(fc.integer({ min: -2, max: 5 }), jsonValue()),
				ids: fc.oneof(fc.array(fc.oneof(text(), jsonValue()), { maxLength: 4 }), jsonValue())
			}),
			jsonValue()
		),
		_deleted: fc.oneof(fc.constant(true), jsonValue()),
		_attachments: fc.oneof(
			fc.record(
				{
					file: fc.record(
						{
							content_type: fc.oneof(fc.constantFrom(...allowedContentTypes), jsonValue()),
							data: fc.oneof(fc.base64String({ maxLength: 40 }), jsonValue()),
							stub: fc.boolean(),
							length: fc.oneof(fc.nat(), jsonValue()),
							digest: text()
						},
						{ requiredKeys: [] }
					)
				},
				{ requiredKeys: [] }
			),
			jsonValue()
		),
		_conflicts: jsonValue(),
		_deleted_conflicts: jsonValue(),
		_local_seq: jsonValue(),
		_id: fc.oneof(text(), jsonValue())
	};
	const names = Object.keys(fields) as (keyof typeof fields)[];
	// Mostly none or one of them garbled, so that most writes get past the first check.
	const garble = fc.oneof(
		{ weight: 3, arbitrary: fc.constant({}) },
		{
			weight: 2,
			arbitrary: fc
				.constantFrom(...names)
				.chain((name) => fields[name].map((value) => ({ [name]: value })))
		},
		{ weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) }
	);
	// A well-formed revision made on a device, as replication sends it with new_edits=false: a
	// child of the current revision, or (for a first revision) a sibling, maybe a deletion.
	const history = fc.option(
		fc.record({
			hash: fc.stringMatching(/^[0-9a-f]{32}$/),
			sibling: fc.boolean(),
			deleted: fc.boolean()
		}),
		{ nil: null, freq: 3 }
	);
	const change = fc.oneof(
		{ weight: 2, arbitrary: fc.constant([] as [string[], unknown][]) },
		{
			weight: 3,
			arbitrary: fc.array(
				fc.tuple(
					fc.array(
						fc.constantFrom('person', 'status', 'kind', 'updated', 'a', 'b', '0', 'by', 'at'),
						{
							minLength: 1,
							maxLength: 3
						}
					),
					fc.oneof(jsonValue(), fc.constant(undefined))
				),
				{ maxLength: 3 }
			)
		}
	);
	const write = fc.record({
		own,
		garble,
		history,
		change,
		stamp: fc.boolean(),
		how: fc.constantFrom('bulk', 'bulk', 'put', 'attachment', 'delete'),
		newEdits: fc.oneof(
			{ weight: 4, arbitrary: fc.constantFrom('true', 'false', null) },
			{ weight: 1, arbitrary: fc.constant('maybe') }
		)
	});
	return write.map(({ own: [caller, original], garble, history, change, stamp, how, newEdits }) => {
		const doc: Record<string, unknown> = structuredClone(original);
		// The newest rev, so that an unaltered document is a change the server takes.
		doc._rev = known.currentRev.get(original._id) ?? original._rev;
		if (history) {
			const [generation, parent] = String(doc._rev).split('-') as [string, string];
			const start = history.sibling && generation === '1' ? 1 : Number(generation) + 1;
			doc._rev = `${start}-${history.hash}`;
			doc._revisions = { start, ids: start === 1 ? [history.hash] : [history.hash, parent] };
			if (history.deleted) doc._deleted = true;
		}
		if (stamp) doc.updated = { by: callers[caller].userId, at: new Date().toISOString() };
		for (const [path, value] of change) setPath(doc, path, value);
		for (const [key, value] of Object.entries(garble)) {
			if (key === '_rev' && value === 'current') continue;
			Object.defineProperty(doc, key, plain(value));
		}
		const id = percentEncode(original._id);
		const rev = typeof doc._rev === 'string' ? doc._rev : (JSON.stringify(doc._rev) ?? '');
		const edits = newEdits === null ? '' : `&new_edits=${newEdits}`;
		const base = {
			caller,
			origin: 'same' as const,
			cookies: [],
			headers: [],
			contentType: 'application/json'
		};
		switch (how) {
			case 'put':
				return {
					...base,
					method: 'PUT',
					path: `/db/pep/${id}?rev=${percentEncode(rev)}${edits}`,
					payload: { json: doc }
				};
			case 'attachment':
				return {
					...base,
					method: 'PUT',
					path: `/db/pep/${id}/file?rev=${percentEncode(rev)}`,
					contentType: String(
						(doc.contentType as string | undefined) ?? allowedContentTypes[0] ?? 'text/plain'
					),
					payload: { text: JSON.stringify(doc).slice(0, 200) }
				};
			case 'delete':
				return {
					...base,
					method: 'DELETE',
					path: `/db/pep/${id}?rev=${percentEncode(rev)}`,
					payload: { none: true as const }
				};
			default:
				return {
					...base,
					method: 'POST',
					path: '/db/pep/_bulk_docs',
					payload: {
						json: {
							docs: [doc],
							...(newEdits === null
								? {}
								: { new_edits: newEdits === 'maybe' ? newEdits : newEdits === 'true' })
						}
					}
				};
		}
	});
}

/** Sets (or, for undefined, removes) the value at `path` in `doc`, making records on the way. */
function setPath(doc: Record<string, unknown>, path: string[], value: unknown): void {
	let at: Record<string, unknown> = doc;
	for (const key of path.slice(0, -1)) {
		const next = at[key];
		if (typeof next !== 'object' || next === null) at[key] = {};
		at = at[key] as Record<string, unknown>;
	}
	const last = path.at(-1)!;
	if (value === undefined) delete at[last];
	else Object.defineProperty(at, last, plain(value));
}

/** Remembers the rev a changed document was stored at, so the next change builds on it. */
async function answersBelow500Remembering(probe: Probe): Promise<void> {
	const answer = await answersBelow500(probe);
	if (answer?.status !== 201) return;
	let results: unknown;
	try {
		results = JSON.parse(answer.text);
	} catch {
		return;
	}
	for (const result of [results].flat() as { ok?: boolean; id?: string; rev?: string }[]) {
		if (result?.ok && result.id && result.rev) known.currentRev.set(result.id, result.rev);
	}
}

// ---------------------------------------------------------------------------------------------
// The groups. Each runs its own property on the one server; the session and sign-in routes come
// last, since they may end sessions and leave this address rate-limited.

/**
 * What the fuzzing found, kept as examples that must stay fixed. Before these run, nothing has
 * changed the documents they send back.
 */
describe('defects the fuzzing found', () => {
	const gateway = async (method: string, path: string, body?: unknown) => {
		const answer = await send(
			summarised({
				caller: 'social worker',
				method,
				path: `/db/pep/${path}`,
				contentType: body === undefined ? null : 'application/json',
				origin: 'same',
				cookies: [],
				headers: [],
				payload: body === undefined ? { none: true } : { json: body }
			})
		);
		return { status: answer.status, json: JSON.parse(answer.text) as unknown };
	};
	const sectionA = () => {
		const doc = known.socialWorkerDocs.find((d) => /:pep:[^:]+:a$/.test(d._id))!;
		return {
			...structuredClone(doc),
			updated: { by: callers['social worker'].userId, at: new Date().toISOString() }
		};
	};
	const stillThere = async (doc: Doc) => {
		const now = await gateway('GET', percentEncode(doc._id));
		expect(now.status).toBe(200);
		expect((now.json as Doc)._rev).toBe(doc._rev);
	};

	// PouchDB's `latest` threw, outside any promise, for a revision the document does not have:
	// the process exited, and every device lost the server.
	it('asking for the latest of a revision the document does not have answers it as missing', async () => {
		const doc = sectionA();
		const id = percentEncode(doc._id);
		const openRevs = await gateway(
			'GET',
			`${id}?open_revs=${percentEncode('["1-x"]')}&latest=true&revs=true`
		);
		expect(openRevs).toEqual({ status: 200, json: [{ missing: '1-x' }] });
		expect((await gateway('GET', `${id}?rev=1-x&latest=true`)).status).toBe(404);
		const bulk = await gateway('POST', '_bulk_get?latest=true&revs=true', {
			docs: [{ id: doc._id, rev: '1-x' }]
		});
		expect(bulk.status).toBe(200);
		expect(bulk.json).toEqual({ results: [{ id: doc._id, docs: [{ missing: '1-x' }] }] });
		// With a revision it has, `latest` still answers the newest on its branch.
		const latest = await gateway(
			'GET',
			`${id}?open_revs=${percentEncode(JSON.stringify([doc._rev]))}&latest=true`
		);
		expect(latest.json).toEqual([{ ok: expect.objectContaining({ _rev: doc._rev }) }]);
	});

	// `_revisions` not shaped `{ start, ids }` threw inside PouchDB (a 500); ids that are not
	// hashes were stored as a revision with no body, and the record read as missing.
	it.each([
		['not a record', []],
		['without ids', { start: 2 }],
		['with ids that are not hashes', { start: 2, ids: [{}, 'a1'] }],
		['with a start that is not a number', { start: 'abc', ids: ['a1'] }],
		['with more ids than generations', { start: 1, ids: ['a1', 'b2'] }]
	])('refuses _revisions %s, naming it, and stores nothing', async (_, revisions) => {
		const doc = sectionA();
		const answer = await gateway('POST', '_bulk_docs', {
			docs: [{ ...doc, _rev: '2-a1', _revisions: revisions }],
			new_edits: false
		});
		expect(answer.status).toBe(201);
		expect(answer.json).toEqual([
			expect.objectContaining({ error: 'bad_request', reason: expect.stringMatching(/_revisions/) })
		]);
		await stillThere(doc);
	});

	it('refuses a _rev that is not a revision, naming it', async () => {
		const doc = sectionA();
		const answer = await gateway('POST', '_bulk_docs', { docs: [{ ...doc, _rev: ['1-x'] }] });
		expect(answer.json).toEqual([
			expect.objectContaining({ error: 'bad_request', reason: expect.stringMatching(/_rev/) })
		]);
		await stillThere(doc);
	});

	// Any truthy `_deleted` deleted the document in PouchDB, while the write checks took only
	// `true` for a deletion: `"_deleted": 1` deleted a PEP section, which no device may.
	it('refuses a _deleted that is not true or false, and the record stays', async () => {
		const doc = sectionA();
		for (const deleted of [1, 'yes', {}]) {
			const answer = await gateway('POST', '_bulk_docs', { docs: [{ ...doc, _deleted: deleted }] });
			expect(answer.json).toEqual([
				expect.objectContaining({ error: 'bad_request', reason: expect.stringMatching(/_deleted/) })
			]);
		}
		const put = await gateway('PUT', percentEncode(doc._id), { ...doc, _deleted: 1 });
		expect(put.status).toBe(400);
		await stillThere(doc);
	});
});

describe('fuzzing every route: never a 5xx, never a hang', () => {
	it('covers every route and every gateway endpoint', () => {
		const routes = serverRoutes();
		expect([...routes.keys()].sort()).toEqual([...Object.keys(apiRoutes), ...gatewayRoutes].sort());
		for (const [route, methods] of routes) expect(methods.length, route).toBeGreaterThan(0);
		const patterns = gatewayPatterns();
		for (const endpoint of gatewayEndpoints) {
			expect(patterns).toContain(endpoint.split(' ')[1]!);
		}
	});

	it('gateway reads: GET and HEAD of every endpoint and unknown path, with odd queries', async () => {
		await fuzz(gatewayProbes('GET', 'GET', 'GET', 'HEAD'), runs.gatewayReads);
	}, 60_000);

	it('gateway writes: POST, PUT and DELETE of every endpoint, with bodies of every kind', async () => {
		await fuzz(gatewayProbes('POST', 'POST', 'PUT', 'DELETE'), runs.gatewayWrites);
	}, 60_000);

	it('gateway writes of readable documents changed and garbled', async () => {
		await fuzz(changedDocuments(), runs.gatewayDocuments, answersBelow500Remembering);
	}, 60_000);

	it('the gateway root and database with any method', async () => {
		const paths = fc
			.tuple(
				fc.constantFrom(
					'/db',
					'/db/',
					'/db/pep',
					'/db/pep/',
					'/db/other',
					'/db/_all_dbs',
					'/db/%70ep'
				),
				fc.option(queryString(), { nil: null, freq: 3 })
			)
			.map(([path, q]) => (q === null ? path : `${path}?${q}`));
		await fuzz(
			probe(
				mainCallers,
				fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', ...otherMethods),
				paths,
				gatewayPieces()('')
			),
			runs.gatewayAnyMethod
		);
	}, 60_000);

	it('API routes: every method each exports, and others, with bodies of every kind', async () => {
		await fuzz(apiProbes(serverRoutes(), false), runs.api);
	}, 60_000);

	it('odd headers and cookies on any route', async () => {
		const routes = serverRoutes();
		const any = fc.oneof(apiProbes(routes, false), gatewayProbes('GET', 'POST', 'PUT', 'DELETE'));
		const odd = fc
			.tuple(
				any,
				cookies(),
				headers,
				fc.constantFrom('same' as const, 'none' as const, 'other' as const, 'null' as const)
			)
			.map(([p, c, h, origin]) => ({ ...p, cookies: c, headers: h, origin }));
		await fuzz(odd, runs.headers);
	}, 60_000);

	it('last: the session route, sign-in and invitation codes', async () => {
		await fuzz(apiProbes(serverRoutes(), true), runs.session);
	}, 60_000);

	it('the server is still up, and printed no unexpected error', async () => {
		const response = await fetch(`${app.url}/api/session`, {
			signal: AbortSignal.timeout(requestTimeoutMs)
		});
		expect(response.status).toBe(200);
		// SvelteKit prints `[500] GET /path` and the stack for an error it did not expect; the
		// hooks print `Unhandled rejection` for a promise nobody awaited.
		expect(app.output()).not.toMatch(/\[5\d\d\]|Unhandled rejection|uncaught/i);
	});
});
