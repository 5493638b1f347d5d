/**
 * Reading documents through the gateway: single documents (with `rev`, `revs`, `open_revs`),
 * `_bulk_get`, `_all_docs` and `_revs_diff`. A document the caller may not read is answered as
 * not found, so its existence is not revealed.
 */
import { mayRead, type Access } from './access';
import { isNotFound } from '../store/databases';

export class NotFound extends Error {
	readonly status = 404;
	constructor() {
		super('missing');
	}
}

export interface GetOptions {
	rev?: string;
	revs?: boolean;
	open_revs?: 'all' | string[];
	latest?: boolean;
	conflicts?: boolean;
	attachments?: boolean;
	binary?: false;
}

export async function getDocument(
	db: PouchDB.Database,
	access: Access,
	id: string,
	options: GetOptions
): Promise<unknown> {
	if (!mayRead(access, id)) throw new NotFound();
	try {
		return await db.get(id, options as PouchDB.Core.GetOptions);
	} catch (error) {
		if (isNotFound(error)) throw new NotFound();
		throw error;
	}
}

export interface BulkGetRequest {
	docs: { id: string; rev?: string; atts_since?: string[] }[];
	revs?: boolean;
	attachments?: boolean;
	latest?: boolean;
}

export async function bulkGet(db: PouchDB.Database, access: Access, request: BulkGetRequest) {
	const allowed = request.docs.filter((d) => mayRead(access, d.id));
	const fetched = allowed.length
		? await db.bulkGet({
				docs: allowed,
				revs: request.revs ?? false,
				attachments: request.attachments ?? false,
				latest: request.latest ?? false
			} as PouchDB.Core.BulkGetOptions)
		: { results: [] };
	const byId = new Map(fetched.results.map((r) => [r.id, r]));
	// Answer every asked-for document in order; those not readable read as missing.
	return {
		results: request.docs.map(
			(d) =>
				(mayRead(access, d.id) && byId.get(d.id)) || {
					id: d.id,
					docs: [
						{
							error: { id: d.id, rev: d.rev ?? 'undefined', error: 'not_found', reason: 'missing' }
						}
					]
				}
		)
	};
}

export interface AllDocsOptions {
	include_docs?: boolean;
	conflicts?: boolean;
	startkey?: string;
	endkey?: string;
	keys?: string[];
	limit?: number;
	skip?: number;
	descending?: boolean;
}

export async function allDocs(db: PouchDB.Database, access: Access, options: AllDocsOptions) {
	if (options.keys) {
		const result = await db.allDocs({
			keys: options.keys,
			include_docs: options.include_docs,
			conflicts: options.conflicts
		});
		const rows = result.rows.map((row) =>
			mayRead(access, row.key) ? row : { key: row.key, error: 'not_found' }
		);
		return { total_rows: rows.length, offset: 0, rows };
	}
	const wanted = options.limit ?? Infinity;
	let skip = options.skip ?? 0;
	const rows: unknown[] = [];
	let startkey = options.startkey;
	let skipFirst = false;
	// Page through the backend, keeping only readable rows, until `limit` rows are found.
	for (;;) {
		const page = await db.allDocs({
			include_docs: options.include_docs,
			conflicts: options.conflicts,
			descending: options.descending,
			...(startkey !== undefined ? { startkey } : {}),
			...(options.endkey !== undefined ? { endkey: options.endkey } : {}),
			limit: 500,
			skip: skipFirst ? 1 : 0
		});
		for (const row of page.rows) {
			if (!mayRead(access, row.id)) continue;
			if (skip > 0) {
				skip -= 1;
				continue;
			}
			rows.push(row);
			if (rows.length >= wanted)
				return { total_rows: rows.length, offset: options.skip ?? 0, rows };
		}
		if (page.rows.length < 500) return { total_rows: rows.length, offset: options.skip ?? 0, rows };
		startkey = page.rows.at(-1)!.id;
		skipFirst = true;
	}
}

/** Revisions unknown to the server; for a document the caller may not read, all of them. */
export async function revsDiff(
	db: PouchDB.Database,
	access: Access,
	request: Record<string, string[]>
) {
	const readable = Object.fromEntries(
		Object.entries(request).filter(([id]) => mayRead(access, id))
	);
	const known = Object.keys(readable).length ? await db.revsDiff(readable) : {};
	const answer: Record<string, { missing: string[] }> = {};
	for (const [id, revs] of Object.entries(request)) {
		const missing = mayRead(access, id) ? known[id]?.missing : revs;
		if (missing && missing.length > 0) answer[id] = { missing };
	}
	return answer;
}
