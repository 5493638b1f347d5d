/**
 * The home screen's documents (every child profile and PEP header, and the authority's settings),
 * kept in memory while the record is open and brought up to date from the record's changes feed
 * instead of being read again. A Virtual School officer's device holds a thousand children:
 * decrypting every profile and header on each return to the home screen took seconds, while the
 * changes since the last visit are usually none, or a few.
 *
 * Held per open database in a WeakMap: locking closes the database and drops it, and with it
 * what was decrypted here.
 */
import { parseId } from '$lib/domain/ids';
import type { Authority } from '$lib/domain/schemas/authority';
import type { ChildProfile } from '$lib/domain/schemas/child';
import type { PepHeader } from '$lib/domain/schemas/pep';
import {
	caseloadDocument,
	caseloadDocuments,
	caseloadIds,
	type CaseloadDocuments
} from './queries';
import { fetchKeptCaseloadEarly, keepCaseload, keptCaseload } from './sealed-caseload';
import { markTime } from './timing';

interface Snapshot {
	/** The record's update sequence this snapshot has caught up to. */
	seq: number | string;
	children: ReadonlyMap<string, ChildProfile>;
	peps: ReadonlyMap<string, PepHeader>;
	authority: Authority | null;
	/** The documents as lists; the same arrays for as long as nothing changed. */
	documents: CaseloadDocuments;
}

const snapshots = new WeakMap<PouchDB.Database, Promise<Snapshot>>();

const homeKinds = new Set(['child', 'pep', 'authority']);

function snapshotOf(
	seq: Snapshot['seq'],
	children: ReadonlyMap<string, ChildProfile>,
	peps: ReadonlyMap<string, PepHeader>,
	authority: Authority | null,
	unreadable: string[] = []
): Snapshot {
	const documents = {
		children: [...children.values()],
		peps: [...peps.values()],
		authority,
		unreadable
	};
	return { seq, children, peps, authority, documents };
}

/**
 * Ids listed before the record was unlocked, by database name, each to be used once: listing
 * them is the slow part of a first read, and needs no key.
 */
const listedEarly = new Map<string, ReturnType<typeof caseloadIds>>();

/**
 * Lists the home screen's ids on `db` (a plain handle on the record, before unlocking), and
 * reads the sealed copy kept at the last unlock (`sealed-caseload.ts`).
 */
export function listCaseloadEarly(db: PouchDB.Database): void {
	fetchKeptCaseloadEarly(db);
	const listing = caseloadIds(db);
	listing.catch(() => listedEarly.delete(db.name));
	listedEarly.set(db.name, listing);
}

async function readAll(db: PouchDB.Database): Promise<Snapshot> {
	const early = listedEarly.get(db.name);
	listedEarly.delete(db.name);
	// The copy kept at the last unlock, and what changed since: one seal opened, not hundreds.
	const lastUnlock = await keptCaseload(db);
	if (lastUnlock) {
		markTime('pep:home:kept');
		const from = snapshotOf(
			lastUnlock.seq,
			new Map(lastUnlock.children.map((c) => [c._id, c])),
			new Map(lastUnlock.peps.map((p) => [p._id, p])),
			lastUnlock.authority,
			lastUnlock.unreadable
		);
		return catchUp(db, from);
	}
	// The sequence is the listing's: a change made since is read again at the next catch-up.
	const { seq, ids } = (await early?.catch(() => null)) ?? (await caseloadIds(db));
	const docs = await caseloadDocuments(db, ids);
	return keptForNextUnlock(
		db,
		snapshotOf(
			seq,
			new Map(docs.children.map((c) => [c._id, c])),
			new Map(docs.peps.map((p) => [p._id, p])),
			docs.authority,
			docs.unreadable
		)
	);
}

/** Hands a snapshot to `sealed-caseload.ts`, to keep for the next unlock. */
function keptForNextUnlock(
	db: PouchDB.Database,
	snapshot: Snapshot,
	options?: Parameters<typeof keepCaseload>[2]
): Snapshot {
	if (typeof snapshot.seq === 'number') {
		keepCaseload(db, { seq: snapshot.seq, ...snapshot.documents }, options);
	}
	return snapshot;
}

async function catchUp(db: PouchDB.Database, before: Snapshot): Promise<Snapshot> {
	// Ids only: the documents are read (and decrypted) just for the home screen's kinds.
	const feed = await db.changes({ since: before.seq });
	const changed = feed.results.filter((r) => homeKinds.has(parseId(r.id)?.kind ?? ''));
	if (changed.length === 0) {
		// The same documents, up to a later sequence: kept again once far enough on, so the next
		// unlock has less to catch up with.
		return keptForNextUnlock(db, { ...before, seq: feed.last_seq }, { sameDocuments: true });
	}

	const children = new Map(before.children);
	const peps = new Map(before.peps);
	const unreadable = new Set(before.documents.unreadable);
	let authority = before.authority;
	const live = changed.filter((r) => !r.deleted).map((r) => r.id);
	const found = live.length > 0 ? await db.allDocs({ keys: live, include_docs: true }) : null;
	const docs = new Map(
		(found?.rows ?? []).flatMap((row) => ('doc' in row && row.doc ? [[row.id, row.doc]] : []))
	);
	for (const { id } of changed) {
		const stored = docs.get(id);
		const doc = stored ? caseloadDocument(id, stored) : null;
		unreadable.delete(id);
		if (stored && !doc) unreadable.add(id);
		const kind = parseId(id)?.kind;
		if (kind === 'child') {
			if (doc?.kind === 'child') children.set(id, doc.doc);
			else children.delete(id);
		} else if (kind === 'pep') {
			if (doc?.kind === 'pep') peps.set(id, doc.doc);
			else peps.delete(id);
		} else if (kind === 'authority') {
			authority = doc?.kind === 'authority' ? doc.doc : null;
		}
	}
	return keptForNextUnlock(
		db,
		snapshotOf(feed.last_seq, children, peps, authority, [...unreadable])
	);
}

/**
 * The home screen's documents as the record holds them now. The arrays are the same objects
 * from one call to the next while nothing of the home screen's changed, so what is built from
 * them can be kept too.
 */
export function caseloadSnapshot(db: PouchDB.Database): Promise<CaseloadDocuments> {
	const previous = snapshots.get(db);
	// One reader at a time per database; a failed read is started afresh rather than patched.
	const next = previous
		? previous.then(
				(snapshot) => catchUp(db, snapshot),
				() => readAll(db)
			)
		: readAll(db);
	snapshots.set(db, next);
	return next.then((snapshot) => snapshot.documents);
}
