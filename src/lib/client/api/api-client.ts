/**
 * The one way the app asks its own JSON API: a same-origin request, and an answer the caller can
 * switch on. A refusal is read the way every endpoint gives one (`{ message }`, `Retry-After`;
 * see `refusal.ts` on the server), and a successful answer is parsed, never trusted.
 *
 * Callers pass a zod schema, but this module does not import zod: the start of the app asks who
 * is signed in through here before zod is loaded, with a check written by hand that answers the
 * way a zod schema does.
 */
import { describeErrors } from '$lib/domain/schemas/errors';

export interface ApiRequest {
	method: 'GET' | 'POST' | 'DELETE';
	path: `/api/${string}`;
	/** Sent as JSON. */
	body?: unknown;
	/** Without one, the request waits as long as the browser lets it. */
	timeoutSeconds?: number;
	/** What the request is, in messages for developers; its method and path if not given. */
	name?: string;
}

/** What the client needs of a schema: a zod schema is one. */
export interface AnswerSchema<T> {
	safeParse(value: unknown): { success: true; data: T } | { success: false; error: Problems };
}

/** The part of a `ZodError` that says what was wrong, and where. */
export interface Problems {
	issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>;
}

export type ApiResult<T> =
	| { kind: 'ok'; value: T }
	/**
	 * The server said no (4xx). `message` is its reason, in words for the person, when it gave
	 * one; `code` names the refusal for the app when the body has one (`{ error }`).
	 */
	| {
			kind: 'refused';
			status: number;
			message?: string;
			code?: string;
			retryAfterSeconds?: number;
	  }
	/** No connection, so the server could not be asked. */
	| { kind: 'offline' }
	/** The server failed (5xx), or did not answer in time; `message` is for developers. */
	| { kind: 'failed'; message: string }
	/** The answer was not JSON, or not what the app expects; `message` says what was wrong. */
	| { kind: 'unreadable'; message: string };

/** Asks without reading the answer: `ok` says only that the server accepted the request. */
export function callApi(request: ApiRequest): Promise<ApiResult<undefined>>;
/** Asks, and parses a successful answer with `answer`. */
export function callApi<T>(request: ApiRequest, answer: AnswerSchema<T>): Promise<ApiResult<T>>;
export async function callApi<T>(
	request: ApiRequest,
	answer?: AnswerSchema<T>
): Promise<ApiResult<T | undefined>> {
	// Node has no `navigator` before version 21, and this module also runs in unit tests.
	if (typeof navigator !== 'undefined' && navigator.onLine === false) return { kind: 'offline' };
	const { method, path, body, timeoutSeconds } = request;
	const name = request.name ?? `${method} ${path}`;

	let response: Response;
	let text: string;
	try {
		response = await fetch(path, {
			method,
			headers: {
				accept: 'application/json',
				...(body === undefined ? {} : { 'content-type': 'application/json' })
			},
			credentials: 'same-origin',
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: timeoutSeconds === undefined ? undefined : AbortSignal.timeout(timeoutSeconds * 1000)
		});
		// Read inside the same guard: a connection can drop, or time out, halfway through a body.
		text = response.ok && !answer ? '' : await response.text();
	} catch (error) {
		return unsent(error, name, timeoutSeconds);
	}

	if (response.status >= 400 && response.status < 500) return refusal(response, text);
	if (!response.ok) {
		return { kind: 'failed', message: `The server answered ${name} with HTTP ${response.status}` };
	}
	if (!answer) return { kind: 'ok', value: undefined };

	const json = parseJson(text);
	if (json === notJson) {
		return {
			kind: 'unreadable',
			message: `The server answered ${name} with a body that is not JSON`
		};
	}
	const parsed = answer.safeParse(json);
	if (!parsed.success) {
		return {
			kind: 'unreadable',
			message: `The server's answer to ${name} is not what the app expects: ${describeIssues(parsed.error)}`
		};
	}
	return { kind: 'ok', value: parsed.data };
}

function unsent(error: unknown, name: string, timeoutSeconds?: number): ApiResult<never> {
	// fetch rejects with a TypeError when no connection could be made at all.
	if (error instanceof TypeError) return { kind: 'offline' };
	if (error instanceof DOMException && error.name === 'TimeoutError') {
		return {
			kind: 'failed',
			message: `The server did not answer ${name} within ${timeoutSeconds} seconds`
		};
	}
	return { kind: 'failed', message: `Could not ask the server for ${name}: ${String(error)}` };
}

/** The server's words are `{ message }`; `{ error }` is read too, as proxies and gates send it. */
function refusal(response: Response, text: string): ApiResult<never> {
	const body = parseJson(text);
	const field = (key: string) => {
		if (typeof body !== 'object' || body === null || !(key in body)) return undefined;
		const value: unknown = Reflect.get(body, key);
		return typeof value === 'string' ? value : undefined;
	};
	const message = field('message') ?? field('error');
	const code = field('error');
	const retryAfterSeconds = retryAfter(response.headers.get('retry-after'));
	return {
		kind: 'refused',
		status: response.status,
		...(message === undefined ? {} : { message }),
		...(code === undefined ? {} : { code }),
		...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds })
	};
}

const notJson = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return notJson;
	}
}

/** `Retry-After` is either a number of seconds or an HTTP date. */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
	if (header === null) return undefined;
	if (/^\d+$/.test(header.trim())) return Number(header.trim());
	const at = Date.parse(header);
	return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function describeIssues({ issues }: Problems): string {
	return describeErrors(
		issues.map((issue) => ({
			field: issue.path.map(String).join('.') || '(document)',
			message: issue.message
		}))
	);
}
