/**
 * Reading documents through the gateway: single documents (with `rev`, `revs`, `open_revs`),
 * `_bulk_get`, `_all_docs` and `_revs_diff`. A document the caller may not read is answered as
 * not found, so its existence is not revealed.
 */
import { asReadBy, mayRead, type Access } from './access';
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
		const found: unknown = await db.get(id, options as PouchDB.Core.GetOptions);
		// With `open_revs`, a list of `{ ok: doc }` and `{ missing: rev }`.
		if (!Array.isArray(found)) return asReadBy(access, found);
		return found.map((leaf: { ok?: unknown }) =>
			leaf.ok ? { ...leaf, ok: asReadBy(access, leaf.ok) } : leaf
		);
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

type BulkGetResult = PouchDB.Core.BulkGetResponse<object>['results'][number];

/** How many documents `_bulk_get` reads at a time: its answer is written as each group is read. */
const bulkGetGroup = 50;

/** The answer to `_bulk_get`, whole (the endpoint writes it a group at a time: `bulkGetGroups`). */
export async function bulkGet(db: PouchDB.Database, access: Access, request: BulkGetRequest) {
	const results: BulkGetResult[] = [];
	for await (const group of bulkGetGroups(db, access, request)) results.push(...group);
	return { results };
}

/** Whether a `_bulk_get` answer is for revision `rev`. */
function answersRev(answer: BulkGetResult, rev: string | undefined): boolean {
	const [first] = answer.docs as { ok?: { _rev?: string }; error?: { rev?: string } }[];
	return rev !== undefined && (first?.ok?._rev === rev || first?.error?.rev === rev);
}

/**
 * The answer to `_bulk_get`, a group of documents at a time, so that a device asking for a
 * batch of hundreds never has them all in the server's memory at once. Every asked-for document
 * is answered in order; those not readable read as missing.
 */
export async function* bulkGetGroups(
	db: PouchDB.Database,
	access: Access,
	request: BulkGetRequest
): AsyncGenerator<BulkGetResult[]> {
	for (const docs of groupsOf(request.docs, bulkGetGroup)) {
		const allowed = docs.filter((d) => mayRead(access, d.id));
		const fetched = allowed.length
			? await db.bulkGet({
					docs: allowed,
					revs: request.revs ?? false,
					attachments: request.attachments ?? false,
					latest: request.latest ?? false
				} as PouchDB.Core.BulkGetOptions)
			: { results: [] };
		// One answer per asked-for revision, in order: two revisions of one document (a conflict
		// reaching a device) are two answers, never the last of them twice.
		const answers = new Map<string, BulkGetResult[]>();
		for (const result of fetched.results) {
			answers.set(result.id, [...(answers.get(result.id) ?? []), result]);
		}
		// PouchDB may answer two revisions of one document in either order: each asked-for
		// revision takes the answer that names it, if one does.
		const answerFor = (id: string, rev: string | undefined) => {
			const left = answers.get(id);
			if (!left || left.length <= 1) return left?.[0];
			const named = left.findIndex((answer) => answersRev(answer, rev));
			return left.splice(named >= 0 ? named : 0, 1)[0];
		};
		yield docs.map(
			(d) =>
				(mayRead(access, d.id) && asReadAllBy(access, answerFor(d.id, d.rev))) || {
					id: d.id,
					docs: [
						{
							error: { id: d.id, rev: d.rev ?? 'undefined', error: 'not_found', reason: 'missing' }
						}
					]
				}
		);
	}
}

/** A `_bulk_get` answer with each document in it as this person reads it. */
function asReadAllBy(access: Access, answer: BulkGetResult | undefined) {
	if (!answer) return answer;
	return {
		...answer,
		docs: answer.docs.map((leaf) =>
			'ok' in leaf && leaf.ok ? { ...leaf, ok: asReadBy(access, leaf.ok) } : leaf
		)
	};
}

/** An `_all_docs` row with its document, if it carries one, as this person reads it. */
function rowAsReadBy<R extends object>(access: Access, row: R): R {
	return 'doc' in row && row.doc ? { ...row, doc: asReadBy(access, row.doc) } : row;
}

/**
 * The asked-for documents in groups of about `size`, never parting the entries of one id (a
 * device asks for each missing revision of a document in a row): each id is answered from one
 * read, as when the whole batch is read at once. Should an id come back further down the list,
 * the batch is read whole, to answer exactly as before.
 */
function groupsOf<T extends { id: string }>(docs: T[], size: number): T[][] {
	const groups: T[][] = [];
	const seen = new Set<string>();
	let group: T[] = [];
	for (const [i, doc] of docs.entries()) {
		const sameAsLast = i > 0 && docs[i - 1]!.id === doc.id;
		if (!sameAsLast && seen.has(doc.id)) return [docs];
		seen.add(doc.id);
		if (group.length >= size && !sameAsLast) {
			groups.push(group);
			group = [];
		}
		group.push(doc);
	}
	if (group.length > 0) groups.push(group);
	return groups;
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
			mayRead(access, row.key) ? rowAsReadBy(access, row) : { key: row.key, error: 'not_found' }
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
			rows.push(rowAsReadBy(access, row));
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
