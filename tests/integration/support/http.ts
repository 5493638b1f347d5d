/**
 * Small HTTP helpers for the integration tests: a JSON call, what came back, and the bad bodies
 * every JSON endpoint must refuse.
 */
import { expect } from 'vitest';

export interface Answer {
	status: number;
	headers: Headers;
	/** The parsed JSON body, or the text when it was not JSON. */
	body: unknown;
	text: string;
}

export interface CallOptions {
	cookie?: string;
	/** Sent as JSON unless `raw` is given. */
	json?: unknown;
	/** A body sent as is, with `contentType`. */
	raw?: string;
	contentType?: string;
	headers?: Record<string, string>;
}

export async function call(
	url: string,
	method: string,
	path: string,
	options: CallOptions = {}
): Promise<Answer> {
	const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
	if (options.cookie) headers.cookie = options.cookie;
	let body: string | undefined;
	if (options.raw !== undefined) {
		body = options.raw;
		if (options.contentType) headers['content-type'] = options.contentType;
	} else if (options.json !== undefined) {
		body = JSON.stringify(options.json);
		headers['content-type'] = options.contentType ?? 'application/json';
	}
	const response = await fetch(`${url}${path}`, { method, headers, body });
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// Not JSON: keep the text.
	}
	return { status: response.status, headers: response.headers, body: parsed, text };
}

/** The `message` of a JSON refusal, or the text when there is none. */
export function messageOf(answer: Answer): string {
	const body = answer.body as { message?: unknown } | null;
	return typeof body?.message === 'string' ? body.message : answer.text;
}

/** What an endpoint taking a JSON record says to bodies of the wrong shape. */
export interface BadInput {
	/** A body with fields of the wrong types, and what the refusal says of it. */
	wrongTypes: Record<string, unknown>;
	expected: RegExp;
	/** What the refusal of an empty record says. */
	missing: RegExp;
	/** A body that is right but for one field too long, and what the refusal says of it. */
	tooLong?: { body: Record<string, unknown>; reason: RegExp };
}

/**
 * Sends an endpoint the bodies no endpoint should take (malformed JSON, not a record, wrong types,
 * missing fields, a field it does not know, too large, not JSON, a form from elsewhere), through
 * `send`, and expects each refused with a 4xx that says why. `origin` is the server's own.
 */
export async function expectBadInputRefused(
	send: (options: CallOptions) => Promise<Answer>,
	origin: string,
	input: BadInput
): Promise<void> {
	const refusals: [answer: Answer, status: number, reason: RegExp][] = [
		[await send({ raw: '{"email": ', contentType: 'application/json' }), 400, /not valid JSON/],
		[await send({ raw: 'null', contentType: 'application/json' }), 400, /must be a record/],
		[await send({ json: [] }), 400, /must be a record/],
		[await send({ json: input.wrongTypes }), 400, input.expected],
		[await send({ json: {} }), 400, input.missing],
		[await send({ json: { ...input.tooLong?.body, unexpected: 1 } }), 400, /unexpected/]
	];
	if (input.tooLong) {
		refusals.push([await send({ json: input.tooLong.body }), 400, input.tooLong.reason]);
	}
	refusals.push(
		[
			await send({ json: { padding: 'x'.repeat(600 * 1024) } }),
			413,
			/^The request body is too large\.$/
		],
		[
			await send({ raw: '{}', contentType: 'text/plain', headers: { origin } }),
			415,
			/Content-Type: application\/json/
		],
		[await send({ raw: '<a/>', contentType: 'application/xml' }), 415, /as JSON/],
		[await send({}), 415, /as JSON/],
		// A form posted from elsewhere is stopped before the endpoint sees it.
		[await send({ raw: 'a=b', contentType: 'application/x-www-form-urlencoded' }), 403, /forbidden/]
	);
	for (const [answer, status, reason] of refusals) {
		expect(answer.status, answer.text).toBe(status);
		expect(messageOf(answer)).toMatch(reason);
	}
}
