/**
 * A JSON answer that holds a long list, written a group of rows at a time as the rows are read,
 * so that the answer never exists whole in memory: no one long string, no one long buffer (a
 * string over 128 KB goes straight to the V8 heap's old generation, and stays until a full
 * collection). The bytes are those `JSON.stringify` gives for the whole object.
 */

/**
 * `head`, then every row of every group, comma-separated, then `tail`: for `{"results":[…]}`,
 * the head is `{"results":[` and the tail `]}`. The first group is read before the answer
 * starts, so that a failure at the outset is still an error status; one later on cuts the
 * answer short, which the client reads as a failed request. The next group is read only when
 * the connection has taken the last one.
 */
export async function jsonRowsResponse(
	head: string,
	groups: AsyncIterable<unknown[]>,
	tail: string | (() => string),
	init: ResponseInit = {}
): Promise<Response> {
	const encoder = new TextEncoder();
	const iterator = groups[Symbol.asyncIterator]();
	let first = true;
	const text = (rows: unknown[]) => {
		let out = '';
		for (const row of rows) {
			out += (first ? '' : ',') + JSON.stringify(row);
			first = false;
		}
		return out;
	};
	const opening = await iterator.next();
	let done = opening.done === true;
	let pending = head + (done ? '' : text(opening.value as unknown[]));
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			// Enqueue something every time: a pull that gave nothing would not be asked again.
			while (!pending && !done) {
				const next = await iterator.next();
				if (next.done) done = true;
				else pending = text(next.value);
			}
			if (pending) {
				controller.enqueue(encoder.encode(pending));
				pending = '';
				return;
			}
			controller.enqueue(encoder.encode(typeof tail === 'function' ? tail() : tail));
			controller.close();
		},
		async cancel() {
			await iterator.return?.();
		}
	});
	const headers = new Headers(init.headers);
	headers.set('content-type', 'application/json');
	return new Response(body, { ...init, headers });
}

/** The rows of a list already in memory, a group at a time. */
export async function* inGroups<T>(rows: readonly T[], size: number): AsyncGenerator<T[]> {
	for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
