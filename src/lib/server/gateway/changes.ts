/**
 * The filtered changes feed. Reads the backend's feed in pages and passes on only what the caller
 * may read, with sequences tokenised by their access fingerprint (seq.ts). `longpoll` waits for the
 * first visible change or the timeout, writing a newline every heartbeat so the connection stays
 * open through proxies, as CouchDB does.
 */
import { asReadBy, mayRead, type Access } from './access';
import { childIdOf } from '$lib/domain/ids';
import {
	continueFrom,
	encodeSeq,
	encodeSnapshotSeq,
	parseSince,
	type Since,
	type SnapshotPosition
} from './seq';

export interface ChangesOptions {
	since?: unknown;
	limit?: number;
	style?: 'main_only' | 'all_docs';
	docIds?: string[];
	includeDocs?: boolean;
	conflicts?: boolean;
}

interface ChangeRow {
	id: string;
	seq: string;
	changes: { rev: string }[];
	deleted?: boolean;
	doc?: unknown;
}

export interface ChangesPage {
	results: ChangeRow[];
	last_seq: string;
	pending: number;
}

/** How many backend changes to read at a time while filtering. */
const pageSize = 500;

export async function readChanges(
	db: PouchDB.Database,
	access: Access,
	options: ChangesOptions
): Promise<ChangesPage> {
	const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
	const docIds = options.docIds?.filter((id) => mayRead(access, id));
	if (docIds && docIds.length === 0) {
		// Asked only about documents this person may not see: an empty feed, not an error.
		const info = await db.info();
		return { results: [], last_seq: encodeSeq(access.fingerprint, info.update_seq), pending: 0 };
	}
	// `since=now` asks only for what happens from here on, as in CouchDB.
	const since: Since =
		options.since === 'now'
			? { kind: 'seq', seq: (await db.info()).update_seq }
			: parseSince(options.since, access.fingerprint);
	if (!docIds) {
		// A device starting from nothing (new, or its access has changed) is sent what it may read
		// straight from its children's id ranges, rather than by reading the whole authority's feed.
		if (since.kind === 'snapshot') return snapshot(db, access, options, limit, since);
		if (since.seq === 0) {
			const base = (await db.info()).update_seq;
			return snapshot(db, access, options, limit, { base, range: 0, after: '' });
		}
	}
	return feed(db, access, options, limit, since.kind === 'seq' ? since.seq : since.base, docIds);
}

/** The backend's changes feed after `since`, filtered to what the caller may read. */
async function feed(
	db: PouchDB.Database,
	access: Access,
	options: ChangesOptions,
	limit: number,
	from: string | number,
	docIds: string[] | undefined
): Promise<ChangesPage> {
	let since = from;
	const results: ChangeRow[] = [];
	for (;;) {
		const page = await db.changes({
			since,
			limit: pageSize,
			style: options.style ?? 'main_only',
			include_docs: options.includeDocs ?? false,
			conflicts: options.conflicts ?? false,
			...(docIds ? { doc_ids: docIds } : {})
		});
		for (const change of page.results) {
			if (!mayRead(access, change.id)) continue;
			results.push({
				id: change.id,
				seq: encodeSeq(access.fingerprint, change.seq),
				changes: change.changes,
				...(change.deleted ? { deleted: true } : {}),
				...(options.includeDocs ? { doc: asReadBy(access, change.doc) } : {})
			});
			if (results.length >= limit) {
				return { results, last_seq: results.at(-1)!.seq, pending: 1 };
			}
		}
		since = page.last_seq;
		if (page.results.length < pageSize) {
			return { results, last_seq: encodeSeq(access.fingerprint, page.last_seq), pending: 0 };
		}
	}
}

/**
 * The id ranges holding what this person may read. A child's documents share the id prefix
 * `child:{childId}`; the range of child `ab` also spans child `ab0`'s ids, so rows are kept only
 * when they belong to the range's own child.
 */
function readableRanges(access: Access): { start: string; end: string; childId: string | null }[] {
	return [
		{ start: `assign:${access.userId}`, end: `assign:${access.userId}`, childId: null },
		{
			start: `authority:${access.authorityId}`,
			end: `authority:${access.authorityId}`,
			childId: null
		},
		...[...access.childIds]
			.sort()
			.map((id) => ({ start: `child:${id}`, end: `child:${id}:\ufff0`, childId: id }))
	];
}

/**
 * Everything this person may read now, a page at a time, from their id ranges. The backend's
 * sequence is noted before the snapshot begins and the feed carries on from there afterwards, so
 * nothing written meanwhile is missed (it may come twice, which revs_diff makes harmless).
 * Deleted documents are not in a snapshot: a device starting afresh has no use for them.
 */
async function snapshot(
	db: PouchDB.Database,
	access: Access,
	options: ChangesOptions,
	limit: number,
	position: SnapshotPosition
): Promise<ChangesPage> {
	const ranges = readableRanges(access);
	const results: ChangeRow[] = [];
	for (const [range, { start, end, childId }] of ranges.entries()) {
		if (range < position.range) continue;
		const after = range === position.range ? position.after : '';
		const rows = await db.allDocs({
			startkey: after ? `${after}\u0000` : start,
			endkey: end,
			include_docs: true,
			conflicts: true
		});
		for (const row of rows.rows) {
			if (childId !== null && childIdOf(row.id) !== childId) continue;
			if (!mayRead(access, row.id)) continue;
			const { _conflicts = [], ...doc } = (row.doc ?? {}) as { _conflicts?: string[] };
			const conflicts = options.style === 'all_docs' ? _conflicts : [];
			const seq = encodeSnapshotSeq(access.fingerprint, {
				base: position.base,
				range,
				after: row.id
			});
			results.push({
				id: row.id,
				seq,
				changes: [{ rev: row.value.rev }, ...conflicts.map((rev) => ({ rev }))],
				...(options.includeDocs ? { doc: asReadBy(access, options.conflicts ? row.doc : doc) } : {})
			});
			if (results.length >= limit) return { results, last_seq: seq, pending: 1 };
		}
	}
	return { results, last_seq: encodeSeq(access.fingerprint, position.base), pending: 0 };
}

/** Waits for the first change the caller may see, or until `timeoutMs`, whichever is first. */
export async function waitForChanges(
	db: PouchDB.Database,
	access: Access,
	options: ChangesOptions,
	timeoutMs: number,
	signal: AbortSignal
): Promise<ChangesPage> {
	const now = await readChanges(db, access, options);
	if (now.results.length > 0 || signal.aborted) return now;
	return new Promise((resolve, reject) => {
		const feed = db.changes({ since: continueFrom(now.last_seq, access.fingerprint), live: true });
		let settled = false;
		const finish = (page: Promise<ChangesPage> | ChangesPage) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			feed.cancel();
			Promise.resolve(page).then(resolve, reject);
		};
		const timer = setTimeout(() => finish(now), timeoutMs);
		signal.addEventListener('abort', () => finish(now), { once: true });
		void feed.on('change', (change) => {
			if (mayRead(access, change.id))
				finish(readChanges(db, access, { ...options, since: now.last_seq }));
		});
		void feed.on('error', (error) => {
			if (!settled) {
				settled = true;
				clearTimeout(timer);
				reject(error);
			}
		});
	});
}
