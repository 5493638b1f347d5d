/** Small HTTP helpers for the integration tests: a JSON call, and what came back. */

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
