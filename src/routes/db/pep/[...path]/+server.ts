/**
 * The replication gateway: the CouchDB replication protocol at /db/pep, so stock PouchDB
 * replication works against it, with every read filtered and every write checked for the person
 * signed in. The backend is never exposed; `_design` documents and other people's checkpoints are
 * out of reach.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import { server } from '$lib/server/context';
import { accessFor, GatewayError, handleGateway, jsonBody } from '$lib/server/gateway/request';
import {
	allDocsParams,
	changesParams,
	getParams,
	parseBody,
	parseParams
} from '$lib/server/gateway/params';
import { readChanges, waitForChanges } from '$lib/server/gateway/changes';
import { allDocs, bulkGet, getDocument, revsDiff } from '$lib/server/gateway/reads';
import { writeDocuments } from '$lib/server/gateway/writes';
import { encodeSeq } from '$lib/server/gateway/seq';
import { localDocument, putLocalDocument } from '$lib/server/gateway/local';
import { attachmentResponse, putAttachment } from '$lib/server/gateway/attachments';

// PouchDB asks for `/db/pep/` with a slash; CouchDB answers both forms.
export const trailingSlash = 'ignore';

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

function segments(path: string | undefined): string[] {
	return (path ?? '').split('/').filter(Boolean);
}

export const GET: RequestHandler = (event) =>
	handleGateway(async () => {
		const access = await accessFor(event);
		const { record } = server().db;
		const [first, ...rest] = segments(event.params.path);
		if (first === undefined) {
			const info = await record.info();
			return json({
				db_name: 'pep',
				update_seq: encodeSeq(access.fingerprint, info.update_seq),
				instance_start_time: '0'
			});
		}
		if (first === '_changes') {
			const params = parseParams(event.url, changesParams);
			return changesResponse(record, access, params, params.doc_ids, event.request.signal);
		}
		if (first === '_all_docs') {
			const p = parseParams(event.url, allDocsParams);
			return json(
				await allDocs(record, access, {
					...p,
					startkey: p.startkey ?? p.start_key,
					endkey: p.endkey ?? p.end_key
				})
			);
		}
		if (first === '_local' && rest[0])
			return json(await localDocument(record, access, rest.join('/')));
		if (first.startsWith('_')) throw new GatewayError(404, 'not_found', 'missing');
		if (rest.length > 0)
			return attachmentResponse(record, access, first, rest.join('/'), event.url);
		const params = parseParams(event.url, getParams);
		return json(await getDocument(record, access, first, params));
	});

export const POST: RequestHandler = (event) =>
	handleGateway(async () => {
		const access = await accessFor(event);
		const { record } = server().db;
		const [first] = segments(event.params.path);
		const body = await jsonBody(event.request);
		switch (first) {
			case '_bulk_docs': {
				const { docs, new_edits } = parseBody(body, bulkDocsBody);
				return json(await writeDocuments(record, access, docs, new_edits), { status: 201 });
			}
			case '_bulk_get': {
				const { docs } = parseBody(body, bulkGetBody);
				const params = parseParams(event.url, getParams);
				return json(
					await bulkGet(record, access, {
						docs,
						revs: params.revs,
						attachments: params.attachments,
						latest: params.latest
					})
				);
			}
			case '_revs_diff':
				return json(await revsDiff(record, access, parseBody(body, revsDiffBody)));
			case '_changes': {
				const params = parseParams(event.url, changesParams);
				const { doc_ids } = parseBody(body, changesBody);
				return changesResponse(
					record,
					access,
					params,
					doc_ids ?? params.doc_ids,
					event.request.signal
				);
			}
			case '_all_docs': {
				const { keys } = parseBody(body, keysBody);
				const p = parseParams(event.url, allDocsParams);
				return json(await allDocs(record, access, { ...p, keys }));
			}
			case '_ensure_full_commit':
				return json({ ok: true, instance_start_time: '0' }, { status: 201 });
			default:
				throw new GatewayError(
					405,
					'method_not_allowed',
					'Only the replication endpoints accept POST.'
				);
		}
	});

export const PUT: RequestHandler = (event) =>
	handleGateway(async () => {
		const access = await accessFor(event);
		const { record } = server().db;
		const [first, ...rest] = segments(event.params.path);
		if (first === undefined)
			throw new GatewayError(403, 'forbidden', 'The database cannot be created or changed.');
		if (first === '_local' && rest[0]) {
			return json(
				await putLocalDocument(record, access, rest.join('/'), await jsonBody(event.request)),
				{ status: 201 }
			);
		}
		if (first.startsWith('_'))
			throw new GatewayError(403, 'forbidden', 'Only record documents can be written.');
		if (rest.length > 0)
			return putAttachment(record, access, first, rest.join('/'), event.request, event.url);
		const doc = await jsonBody(event.request);
		if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
			throw new GatewayError(400, 'bad_request', 'The document must be a JSON object.');
		const rev = event.url.searchParams.get('rev');
		const [result] = await writeDocuments(
			record,
			access,
			[{ ...doc, _id: first, ...(rev ? { _rev: rev } : {}) }],
			event.url.searchParams.get('new_edits') !== 'false'
		);
		return writeAnswer(result!);
	});

export const DELETE: RequestHandler = (event) =>
	handleGateway(async () => {
		const access = await accessFor(event);
		const { record } = server().db;
		const [first, ...rest] = segments(event.params.path);
		const rev = event.url.searchParams.get('rev');
		if (first === '_local' && rest[0]) {
			throw new GatewayError(403, 'forbidden', 'Checkpoints are kept.');
		}
		if (!first || first.startsWith('_') || rest.length > 0 || !rev) {
			throw new GatewayError(
				400,
				'bad_request',
				'Give the document id and its current rev to delete it.'
			);
		}
		const [result] = await writeDocuments(
			record,
			access,
			[{ _id: first, _rev: rev, _deleted: true }],
			true
		);
		return writeAnswer(result!);
	});

function writeAnswer(result: Awaited<ReturnType<typeof writeDocuments>>[number]): Response {
	if ('ok' in result) return json(result, { status: 201 });
	const status = result.error === 'forbidden' ? 403 : result.error === 'conflict' ? 409 : 400;
	return json({ error: result.error, reason: result.reason }, { status });
}

async function changesResponse(
	record: PouchDB.Database,
	access: Awaited<ReturnType<typeof accessFor>>,
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
	const heartbeat = params.heartbeat;
	const aborted = new AbortController();
	signal.addEventListener('abort', () => aborted.abort(), { once: true });
	const page = waitForChanges(record, access, options, timeout, aborted.signal);
	if (!heartbeat) return json(await page);
	// With a heartbeat, stream a newline now and then until the answer is ready, as CouchDB does.
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			const beat = setInterval(
				() => controller.enqueue(encoder.encode('\n')),
				Math.max(heartbeat, 1_000)
			);
			page.then(
				(result) => {
					clearInterval(beat);
					controller.enqueue(encoder.encode(JSON.stringify(result)));
					controller.close();
				},
				(error: unknown) => {
					clearInterval(beat);
					controller.error(error);
				}
			);
		},
		cancel() {
			aborted.abort();
		}
	});
	return new Response(body, { headers: { 'content-type': 'application/json' } });
}
