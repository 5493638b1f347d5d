/**
 * What a write does to a document's revision tree, worked out before it is stored. A device may
 * send several revisions of one document in one request (a merge and the closing of the sides it
 * merged), and each is judged against the tree as the earlier ones in the request leave it, so
 * that no combination of writes can do what none of them may do alone.
 */
import { isNotFound } from '../store/databases';

export interface Leaf {
	rev: string;
	deleted: boolean;
	/** The leaf's revision and its ancestors, newest first. */
	history: string[];
	/** Sent in the request being judged (a merge sent with the closing of what it merged). */
	inRequest?: boolean;
}

export class RevTree {
	/** Every revision the server holds for the document, live or not. */
	readonly known: Set<string>;

	private constructor(
		/** The revision the server shows before the request: the one to keep, or to build on. */
		readonly winner: string | null,
		private leaves: Leaf[],
		/** The document as stored before the request (its winning revision), or null. */
		readonly current: (Record<string, unknown> & { _id: string; _rev: string }) | null
	) {
		this.known = new Set(leaves.flatMap((leaf) => leaf.history));
	}

	static async load(db: PouchDB.Database, id: string): Promise<RevTree> {
		let results: { ok?: Record<string, unknown> }[];
		try {
			results = (await db.get(id, { open_revs: 'all', revs: true })) as typeof results;
		} catch (error) {
			if (isNotFound(error)) return new RevTree(null, [], null);
			throw error;
		}
		const leaves = results.flatMap(({ ok }) =>
			ok ? [{ rev: String(ok._rev), deleted: ok._deleted === true, history: historyOf(ok) }] : []
		);
		// The winner as the database chooses it (CouchDB's rule, not one copied here), read once
		// for the tree and for the checks that compare a write with the stored document.
		const current = await db
			.get<Record<string, unknown>>(id, { conflicts: true })
			.catch((error: unknown) => {
				if (isNotFound(error)) return null;
				throw error;
			});
		return new RevTree(current?._rev ?? null, leaves, current);
	}

	get exists(): boolean {
		return this.leaves.some((leaf) => !leaf.deleted);
	}

	liveLeaves(): Leaf[] {
		return this.leaves.filter((leaf) => !leaf.deleted);
	}

	/** Whether `history` (a write's own revision and ancestors) builds on the current winner. */
	followsWinner(history: readonly string[]): boolean {
		return this.winner !== null && history.includes(this.winner);
	}

	/** The tree once a revision with `history` is stored: the leaves it follows are leaves no more. */
	apply(history: readonly string[], deleted: boolean): void {
		const [rev] = history;
		if (!rev || this.known.has(rev)) return;
		this.leaves = this.leaves.filter((leaf) => !history.includes(leaf.rev));
		this.leaves.push({ rev, deleted, history: [...history], inRequest: true });
		for (const ancestor of history) this.known.add(ancestor);
	}

	/** The history of a leaf the server holds now, or [] for one it does not. */
	historyOfLeaf(rev: string): readonly string[] {
		return this.leaves.find((leaf) => leaf.rev === rev)?.history ?? [];
	}

	/** The live leaves left if a deletion with `history` were stored. */
	liveAfterClosing(history: readonly string[]): Leaf[] {
		return this.liveLeaves().filter((leaf) => !history.includes(leaf.rev));
	}
}

/** The revisions a document or write names as its own and its ancestors', newest first. */
export function historyOf(doc: Record<string, unknown>): string[] {
	const revisions = doc._revisions as { start?: unknown; ids?: unknown } | undefined;
	if (typeof revisions?.start === 'number' && Array.isArray(revisions.ids)) {
		const start = revisions.start;
		return revisions.ids.map((hash, i) => `${start - i}-${String(hash)}`);
	}
	return typeof doc._rev === 'string' ? [doc._rev] : [];
}
