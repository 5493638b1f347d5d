/**
 * When two devices edited one document offline, replication keeps both versions as "leaves" and
 * PouchDB shows one (the winner) with the other's revision in `_conflicts`. Here each such
 * document is merged field by field against the version both started from; a field both changed
 * keeps the winner's value and is recorded, with both authors, for a person to choose. Nothing
 * is dropped silently.
 *
 * The merged document and the closing of the losing leaves are written in one `bulkDocs` with
 * revision ids we make ourselves (`new_edits: false`). Unlike an ordinary write, that cannot fail
 * half-way when another revision arrives between our read and our write: the late revision just
 * becomes a new conflict, handled in the next round, instead of a failed merge beside a
 * successful deletion of the version it was meant to keep.
 */
import { parseDocument } from '$lib/domain/documents';
import {
	changedPaths,
	getAtPath,
	deepEqual,
	isRecord,
	mergeDocuments,
	setAtPath,
	type FieldConflict
} from '$lib/domain/merge';
import type { FieldError } from '$lib/domain/schemas/errors';
import type { DraftStore, NewConflict, StoredConflict } from './drafts';
import { authorOf, isConflict, isNotFound, sameContent, type StoredDocument } from './record';
import { reportIfQuotaExceeded } from './storage-full';

export interface ResolverContext {
	db: PouchDB.Database;
	drafts: DraftStore;
	/** Who this device is working for: the author of a choice saved by `settleConflict`. */
	userId: string;
	/** The time a choice is saved at. */
	clock?: () => Date;
}

type Leaf = StoredDocument & { _revisions: { start: number; ids: string[] } };

/** A handful of rounds covers revisions that keep arriving while we merge. */
const maxRounds = 5;

/** Resolves every conflicted document among `ids`; returns the ids it merged. */
export async function resolveConflicts(
	context: ResolverContext,
	ids: Iterable<string>
): Promise<string[]> {
	const merged: string[] = [];
	for (const id of await conflictedAmong(context.db, ids)) {
		try {
			if (await resolveDocument(context, id)) merged.push(id);
		} catch (error) {
			reportIfQuotaExceeded(error);
			throw error;
		}
	}
	return merged;
}

/**
 * The documents among `ids` that have conflicts, found with one read of the index rather than one
 * per document: a first sync brings thousands of documents and almost none are in conflict.
 */
async function conflictedAmong(db: PouchDB.Database, ids: Iterable<string>): Promise<string[]> {
	const keys = [...new Set(ids)].filter((id) => !id.startsWith('_'));
	if (keys.length === 0) return [];
	const found = await db.allDocs({ keys, include_docs: true, conflicts: true });
	return found.rows.flatMap((row) =>
		'doc' in row && (row.doc as { _conflicts?: string[] } | undefined)?._conflicts?.length
			? [row.id]
			: []
	);
}

/**
 * Resolves conflicts among the documents changed since `since` (a local sequence), e.g. those a
 * run that was interrupted pulled but had not yet merged. Reads the changes feed without the
 * documents: a document with more than one leaf is listed with each, so only those are opened.
 * Returns the ids merged and the sequence checked up to.
 */
export async function resolveConflictsSince(
	context: ResolverContext,
	since: number
): Promise<{ merged: string[]; checkedTo: number }> {
	const changes = await context.db.changes({ since, style: 'all_docs' });
	const candidates = changes.results.filter((row) => row.changes.length > 1).map((row) => row.id);
	const merged = await resolveConflicts(context, candidates);
	return { merged, checkedTo: Number(changes.last_seq) || since };
}

async function resolveDocument(context: ResolverContext, id: string): Promise<boolean> {
	const { db } = context;
	let mergedAny = false;
	for (let round = 0; round < maxRounds; round++) {
		let shown: PouchDB.Core.Document<object> & PouchDB.Core.GetMeta;
		try {
			shown = await db.get(id, { conflicts: true });
		} catch (error) {
			if (isNotFound(error)) return mergedAny;
			throw error;
		}
		const losingRevs = shown._conflicts ?? [];
		if (losingRevs.length === 0) return mergedAny;

		const leaves = (await db.get(id, { open_revs: [shown._rev, ...losingRevs], revs: true }))
			.flatMap((result) => ('ok' in result ? [result.ok as unknown as Leaf] : []))
			.filter((leaf) => !leaf._deleted);
		const winner = leaves.find((leaf) => leaf._rev === shown._rev);
		if (!winner) return mergedAny;
		const losers = leaves.filter((leaf) => leaf !== winner);

		const { doc, conflicts } = await mergeLeaves(context, winner, losers);
		// Name the values being set aside before closing the branches that hold them.
		await context.drafts.recordConflicts(conflicts);
		// A merge that keeps the winner as it is needs no revision of its own: the losing sides
		// are closed and the winner stays, written by whoever wrote it.
		const keepsWinner = sameContent(doc, winner);
		await db.bulkDocs(
			[
				...(keepsWinner ? [] : [await childRevision(winner, doc)]),
				...(await Promise.all(losers.map((loser) => childRevision(loser, { _deleted: true }))))
			],
			{ new_edits: false }
		);
		mergedAny = true;
	}
	return mergedAny;
}

async function mergeLeaves(
	context: ResolverContext,
	winner: Leaf,
	losers: Leaf[]
): Promise<{ doc: Record<string, unknown>; conflicts: NewConflict[] }> {
	const record = (c: FieldConflict, loser: Leaf): NewConflict => ({
		docId: winner._id,
		path: c.path,
		base: c.base,
		ours: c.ours,
		theirs: c.theirs,
		oursBy: authorOf(winner),
		theirsBy: authorOf(loser),
		theirsRev: loser._rev
	});
	const notAuthorship = (c: FieldConflict) => c.path[0] !== 'updated';

	let doc: Record<string, unknown> = winner;
	let conflicts: NewConflict[] = [];
	const bases: Record<string, unknown>[] = [];
	for (const loser of losers) {
		const base = await commonAncestor(context.db, winner, loser);
		bases.push(base);
		const result = mergeDocuments(base, doc, loser);
		doc = result.merged;
		conflicts.push(...result.conflicts.filter(notAuthorship).map((c) => record(c, loser)));
	}

	// Each side may be valid and their field-by-field merge not (a rule across two fields, or
	// a list over its limit). Then keep the winner whole and record every change the other side
	// made that the winner does not have: the server would refuse the merge, and a person can
	// make the choice the rule needs.
	const authored = (d: Record<string, unknown>) =>
		withAuthor(d, [winner, ...losers], context.userId);
	if (!isValid(authored(doc)) && isValid(winner)) {
		doc = winner;
		conflicts = losers.flatMap((loser, i) =>
			changedPaths(bases[i], loser)
				.filter((path) => path[0] !== 'updated')
				.filter((path) => !deepEqual(getAtPath(winner, path), getAtPath(loser, path)))
				.map((path) =>
					record(
						{
							path,
							base: getAtPath(bases[i], path),
							ours: getAtPath(winner, path),
							theirs: getAtPath(loser, path)
						},
						loser
					)
				)
		);
	}
	return { doc: authored(doc), conflicts };
}

/**
 * A merge is a revision this person's device wrote, so it is in their name (the server accepts no
 * other). Its time is the latest leaf's, so that two devices of one person that merge the same
 * conflict at once write the same revision rather than a new conflict; when two people do, the two
 * merges differ only in this stamp, and the next round keeps one and closes the other.
 */
function withAuthor(
	doc: Record<string, unknown>,
	leaves: Leaf[],
	userId: string
): Record<string, unknown> {
	const latest = leaves
		.map((leaf) => leaf.updated)
		.filter((updated): updated is { at: string } => isRecord(updated) && typeof updated.at === 'string')
		.map((updated) => updated.at)
		.sort()
		.at(-1);
	return latest === undefined ? doc : { ...doc, updated: { by: userId, at: latest } };
}

function isValid(doc: Record<string, unknown>): boolean {
	const { _revisions, _conflicts, ...body } = doc;
	return parseDocument(body).ok;
}

/**
 * The newest revision both leaves descend from, read back from the device. If its body has been
 * compacted away (or the histories share nothing), the base is empty: every field the two sides
 * disagree on is then a conflict for a person, rather than one side silently winning.
 */
async function commonAncestor(
	db: PouchDB.Database,
	a: Leaf,
	b: Leaf
): Promise<Record<string, unknown>> {
	const theirs = new Set(revisionsOf(b));
	const ancestor = revisionsOf(a).find((rev) => theirs.has(rev));
	if (!ancestor) return {};
	try {
		const doc = await db.get<Record<string, unknown>>(a._id, { rev: ancestor });
		return doc._deleted ? {} : doc;
	} catch (error) {
		if (isNotFound(error)) return {};
		throw error;
	}
}

function revisionsOf(leaf: Leaf): string[] {
	const { start, ids } = leaf._revisions;
	return ids.map((hash, i) => `${start - i}-${hash}`);
}

/**
 * A revision that follows `parent`, with an id derived from its content and its parent, so that
 * two devices that make the same merge make the same revision and do not conflict again.
 */
async function childRevision(
	parent: Leaf,
	body: Record<string, unknown>
): Promise<Record<string, unknown>> {
	const { _rev, _revisions, _conflicts, ...content } = body;
	const hash = (await sha256(`${parent._rev}\n${stableJson(content)}`)).slice(0, 32);
	const start = parent._revisions.start + 1;
	return {
		...content,
		_id: parent._id,
		_rev: `${start}-${hash}`,
		_revisions: { start, ids: [hash, ...parent._revisions.ids] }
	};
}

async function sha256(text: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (isRecord(value)) {
		const keys = Object.keys(value)
			.filter((k) => value[k] !== undefined)
			.sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

export type SettleResult =
	| { status: 'settled'; rev?: string }
	/** The field has changed since the conflict was recorded: show the person its new value. */
	| { status: 'changed-since'; now: unknown }
	| { status: 'invalid'; errors: FieldError[] };

/**
 * A person's choice for a recorded conflict: `ours` keeps what the document holds, `theirs`
 * writes the other value (one revision). Either way the conflict is then marked as decided.
 */
export async function settleConflict(
	context: ResolverContext,
	conflict: StoredConflict,
	choice: 'ours' | 'theirs'
): Promise<SettleResult> {
	const { db, drafts } = context;
	// Retried when a revision arrives between our read and our write.
	for (let attempt = 0; attempt < 5; attempt++) {
		const doc = await db.get<Record<string, unknown>>(conflict.docId);
		const now = getAtPath(doc, conflict.path);
		if (!deepEqual(now, conflict.ours)) return { status: 'changed-since', now };
		if (choice === 'ours') {
			await drafts.resolveConflict(conflict.key);
			return { status: 'settled' };
		}

		const { _rev, _conflicts, _revisions, ...body } = setAtPath(doc, conflict.path, conflict.theirs);
		const clock = context.clock ?? (() => new Date());
		const parsed = parseDocument({ ...body, updated: { by: context.userId, at: clock().toISOString() } });
		if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
		try {
			const { rev } = await db.put({ ...(parsed.doc as object), _id: doc._id, _rev: doc._rev });
			await drafts.resolveConflict(conflict.key);
			return { status: 'settled', rev };
		} catch (error) {
			if (isConflict(error)) continue;
			reportIfQuotaExceeded(error);
			throw error;
		}
	}
	throw new Error(`${conflict.docId} kept changing while the choice was being saved. Try again.`);
}
