/**
 * Reading a request body with a limit of the route's own: a sign-in needs a few hundred bytes, a
 * device's push may carry files. The production server's overall limit (BODY_SIZE_LIMIT, see
 * server/index.js) is the largest of these; each route refuses more than it needs, before
 * reading it all: by the declared length when there is one, else as the bytes arrive.
 */
import { parseShallowJson } from './json-depth';

/** Any API call's JSON: accounts, assignments, sessions. */
export const apiBodyLimit = 512 * 1024;
/** A gateway request that carries ids, revisions or checkpoints, not documents with files. */
export const gatewayBodyLimit = 4 * 1024 * 1024;
/**
 * Documents a device pushes: up to four (the app's push batch), each with at most one 10 MB file
 * sent as base64, and the documents themselves.
 */
export const pushBodyLimit = 60 * 1024 * 1024;

export class BodyTooLarge extends Error {
	constructor(readonly limit: number) {
		super('The request body is too large.');
	}
}

export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge(limit);
	if (!request.body) return new Uint8Array(0);
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let length = 0;
	for (;;) {
		let next: ReadableStreamReadResult<Uint8Array>;
		try {
			next = await reader.read();
		} catch (error) {
			// adapter-node fails the stream at its own limit with a 413 of its own.
			if ((error as { status?: unknown } | null)?.status === 413) throw new BodyTooLarge(limit);
			throw error;
		}
		if (next.done) break;
		length += next.value.byteLength;
		if (length > limit) {
			// Not cancelled: that would drop the connection before the 413 is sent. The server closes
			// it after the answer instead (server/index.js), so the rest is never read.
			reader.releaseLock();
			throw new BodyTooLarge(limit);
		}
		chunks.push(next.value);
	}
	const bytes = new Uint8Array(length);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.byteLength;
	}
	return bytes;
}

/**
 * The body as JSON, within `limit`; throws `BodyTooLarge`, `JsonTooDeep` or a `SyntaxError`.
 */
export async function readJsonWithin(request: Request, limit: number): Promise<unknown> {
	const bytes = await readBodyBytes(request, limit);
	return parseShallowJson(new TextDecoder().decode(bytes));
}
