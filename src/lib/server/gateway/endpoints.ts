/**
 * Every endpoint of the replication gateway, in one table: the router dispatches from it, and the
 * authorization matrix test fails when an endpoint is added here without rows of its own.
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { pushBodyLimit } from '../body';
import { server } from '../context';
import type { Access } from './access';
import { attachmentResponse, putAttachment } from './attachments';
import { readChanges, waitForChanges } from './changes';
import { localDocument, putLocalDocument } from './local';
import { allDocsParams, changesParams, getParams, parseBody, parseParams } from './params';
import { jsonRowsResponse } from './json-stream';
import { latestIsSafe } from './latest';
import { allDocs, bulkGetGroups, getDocument, revsDiff } from './reads';
import { accessFor, GatewayError, handleGateway, jsonBody } from './request';
import { encodeSeq } from './seq';
import { writeDocuments, type WriteResult } from './writes';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface Context {
	event: RequestEvent;
	access: Access;
	record: PouchDB.Database;
	/** The document id, for `{doc}` paths; the checkpoint name for `_local/{id}`. */
	id: string;
	/** The attachment name, for `{doc}/{attachment}`. */
	attachment: string;
}

interface Endpoint {
	method: Method;
	path: string;
	handle(ctx: Context): Promise<Response>;
}

const maxLongpollMs = 60_000;

const bulkDocsBody = z.object({
	docs: z.array(z.unknown()).max(1_000, 'must hold at most 1,000 documents'),
	new_edits: z.boolean().default(true)
});
const bulkGetBody = z.object({
	docs: z
		.array(
			z.object({
				id: z.string().max(300),
				rev: z.string().max(200).optional(),
				atts_since: z.array(z.string()).optional()
			})
		)
		.max(1_000)
});
const revsDiffBody = z.record(z.string().max(300), z.array(z.string().max(200)).max(1_000));
const changesBody = z.object({ doc_ids: z.array(z.string().max(300)).max(10_000).optional() });
const keysBody = z.object({ keys: z.array(z.string().max(300)).max(10_000) });

export const endpoints: Endpoint[] = [
	{
		method: 'GET',
		path: '',
		async handle({ access, record }) {
			const info = await record.info();
			// Say nothing of the backend's size: only what a replicating device needs.
			return json({
				db_name: 'pep',
				update_seq: encodeSeq(access.fingerprint, info.update_seq),
				instance_start_time: '0'
			});
		}
	},
	{
		method: 'GET',
		path: '_changes',
		handle: ({ event, access, record }) => {
			const params = parseParams(event.url, changesParams);
			return changesResponse(record, access, params, params.doc_ids, event.request.signal);
		}
	},
	{
		method: 'POST',
		path: '_changes',
		async handle({ event, access, record }) {
			const params = parseParams(event.url, changesParams);
			const { doc_ids } = parseBody(await jsonBody(event.request), changesBody);
			return changesResponse(
				record,
				access,
				params,
				doc_ids ?? params.doc_ids,
				event.request.signal
			);
		}
	},
	{
		method: 'GET',
		path: '_all_docs',
		async handle({ event, access, record }) {
			const p = parseParams(event.url, allDocsParams);
			const range = { startkey: p.startkey ?? p.start_key, endkey: p.endkey ?? p.end_key };
			return json(await allDocs(record, access, { ...p, ...range }));
		}
	},
	{
		method: 'POST',
		path: '_all_docs',
		async handle({ event, access, record }) {
			const { keys } = parseBody(await jsonBody(event.request), keysBody);
			const p = parseParams(event.url, allDocsParams);
			return json(await allDocs(record, access, { ...p, keys }));
		}
	},
	{
		method: 'POST',
		path: '_bulk_get',
		async handle({ event, access, record }) {
			const { docs } = parseBody(await jsonBody(event.request), bulkGetBody);
			const p = parseParams(event.url, getParams);
			const groups = bulkGetGroups(record, access, {
				docs,
				revs: p.revs,
				attachments: p.attachments,
				latest: p.latest && (await latestIsSafe(record, access, docs))
			});
			return jsonRowsResponse('{"results":[', groups, ']}');
		}
	},
	{
		method: 'POST',
		path: '_revs_diff',
		async handle({ event, access, record }) {
			return json(
				await revsDiff(record, access, parseBody(await jsonBody(event.request), revsDiffBody))
			);
		}
	},
	{
		method: 'POST',
		path: '_bulk_docs',
		async handle({ event, access, record }) {
			const { docs, new_edits } = parseBody(
				await jsonBody(event.request, pushBodyLimit),
				bulkDocsBody
			);
			return json(await writeDocuments(record, access, docs, new_edits), { status: 201 });
		}
	},
	{
		method: 'POST',
		path: '_ensure_full_commit',
		handle: async () => json({ ok: true, instance_start_time: '0' }, { status: 201 })
	},
	{
		method: 'GET',
		path: '_local/{id}',
		handle: async ({ access, record, id }) => json(await localDocument(record, access, id))
	},
	{
		method: 'PUT',
		path: '_local/{id}',
		async handle({ event, access, record, id }) {
			const body = await jsonBody(event.request);
			return json(await putLocalDocument(record, access, id, body), { status: 201 });
		}
	},
	{
		method: 'GET',
		path: '{doc}',
		async handle({ event, access, record, id }) {
			const params = parseParams(event.url, getParams);
			if (params.latest) {
				const { open_revs: openRevs, rev } = params;
				const revs = Array.isArray(openRevs) ? openRevs : rev ? [rev] : [];
				const asked = revs.map((r) => ({ id, rev: r }));
				params.latest = await latestIsSafe(record, access, asked);
			}
			return json(await getDocument(record, access, id, params));
		}
	},
	{
		method: 'PUT',
		path: '{doc}',
		async handle({ event, access, record, id }) {
			const doc = await jsonBody(event.request, pushBodyLimit);
			if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
				throw new GatewayError(400, 'bad_request', 'The document must be a JSON object.');
			}
			const rev = event.url.searchParams.get('rev');
			const newEdits = event.url.searchParams.get('new_edits') !== 'false';
			const withId = { ...doc, _id: id, ...(rev ? { _rev: rev } : {}) };
			return writeAnswer((await writeDocuments(record, access, [withId], newEdits))[0]!);
		}
	},
	{
		method: 'DELETE',
		path: '{doc}',
		async handle({ event, access, record, id }) {
			const rev = event.url.searchParams.get('rev');
			if (!rev)
				throw new GatewayError(400, 'bad_request', 'Give the current rev to delete a document.');
			const deletion = { _id: id, _rev: rev, _deleted: true };
			return writeAnswer((await writeDocuments(record, access, [deletion], true))[0]!);
		}
	},
	{
		method: 'GET',
		path: '{doc}/{attachment}',
		handle: ({ event, access, record, id, attachment }) =>
			attachmentResponse(record, access, id, attachment, event.url)
	},
	{
		method: 'PUT',
		path: '{doc}/{attachment}',
		handle: ({ event, access, record, id, attachment }) =>
			putAttachment(record, access, id, attachment, event.request, event.url)
	}
];

/** Which endpoint a path names: `''`, `_changes`, `_local/{id}`, `{doc}` or `{doc}/{attachment}`. */
export function pathPattern(path: string | undefined): {
	pattern: string;
	id: string;
	attachment: string;
} {
	const [first = '', ...rest] = (path ?? '').split('/').filter(Boolean);
	if (first === '') return { pattern: '', id: '', attachment: '' };
	if (first === '_local') return { pattern: '_local/{id}', id: rest.join('/'), attachment: '' };
	if (first.startsWith('_')) return { pattern: first, id: '', attachment: '' };
	if (rest.length > 0)
		return { pattern: '{doc}/{attachment}', id: first, attachment: rest.join('/') };
	return { pattern: '{doc}', id: first, attachment: '' };
}

export function dispatch(method: Method, event: RequestEvent): Promise<Response> {
	return handleGateway(async () => {
		const { pattern, id, attachment } = pathPattern(event.params.path);
		const endpoint = endpoints.find((e) => e.method === method && e.path === pattern);
		if (!endpoint) {
			const known = endpoints.some((e) => e.path === pattern);
			throw known
				? new GatewayError(405, 'method_not_allowed', `${method} is not allowed here.`)
				: new GatewayError(404, 'not_found', 'missing');
		}
		const access = await accessFor(event);
		return endpoint.handle({ event, access, record: server().db.record, id, attachment });
	});
}

function writeAnswer(result: WriteResult): Response {
	if ('ok' in result) return json(result, { status: 201 });
	const status = result.error === 'forbidden' ? 403 : result.error === 'conflict' ? 409 : 400;
	return json({ error: result.error, reason: result.reason }, { status });
}

async function changesResponse(
	record: PouchDB.Database,
	access: Access,
	params: z.infer<typeof changesParams>,
	docIds: string[] | undefined,
	signal: AbortSignal
): Promise<Response> {
	const options = {
		since: params.since,
		limit: params.limit,
		style: params.style,
		includeDocs: params.include_docs,
		conflicts: params.conflicts,
		docIds
	};
	if (params.feed !== 'longpoll') return json(await readChanges(record, access, options));

	const timeout = Math.min(params.timeout ?? maxLongpollMs, maxLongpollMs);
	const aborted = new AbortController();
	signal.addEventListener('abort', () => aborted.abort(), { once: true });
	const page = waitForChanges(record, access, options, timeout, aborted.signal);
	if (!params.heartbeat) return json(await page);
	return heartbeatStream(page, Math.max(params.heartbeat, 1_000), aborted);
}

/**
 * Newlines now and then until the answer is ready, as CouchDB sends, so proxies keep it open.
 * The device may go away at any moment (a tablet losing signal): writing after that must not
 * throw, or one dropped connection would bring the whole server down.
 */
function heartbeatStream(
	page: Promise<unknown>,
	every: number,
	aborted: AbortController
): Response {
	const encoder = new TextEncoder();
	let beat: ReturnType<typeof setInterval> | undefined;
	let open = true;
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (text: string) => {
				if (!open) return;
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					open = false;
				}
			};
			const finish = (action: () => void) => {
				clearInterval(beat);
				if (!open) return;
				open = false;
				try {
					action();
				} catch {
					// Already closed by the other end.
				}
			};
			beat = setInterval(() => send('\n'), every);
			page.then(
				(result) => {
					send(JSON.stringify(result));
					finish(() => controller.close());
				},
				(error: unknown) => finish(() => controller.error(error))
			);
		},
		cancel() {
			open = false;
			clearInterval(beat);
			aborted.abort();
		}
	});
	return new Response(body, { headers: { 'content-type': 'application/json' } });
}
