/**
 * Which changes on this device the server does not have yet.
 *
 * PouchDB's push replication reports a checkpoint (a local sequence number) each time everything
 * up to it has been sent, or found to be on the server already. Every local change after the
 * latest checkpoint is pending, except those the pull replication itself wrote: they came from
 * the server. The checkpoint is kept in a `_local` document, which never replicates, so the
 * count survives a reload.
 *
 * If anything the count is briefly too high (a pull written just before a reload, say), never
 * too low: it must not tell someone their work is on the server before it is. A revision the
 * server refused is passed by the checkpoint, so it is counted as a refusal, not as pending.
 */
import { isNotFound } from './record';

const stateDocId = '_local/pep-sync-state';

interface SavedState {
	pushedSeq: number;
	lastSyncedAt: string | null;
	/** Every document changed up to this local sequence has been checked for conflicts. */
	conflictsCheckedSeq?: number;
}

export const systemClock = (): Date => new Date();

export class PendingChanges {
	#pushedSeq = 0;
	#lastSyncedAt: Date | null = null;
	#conflictsCheckedSeq = 0;
	/** Revisions written by the pull, by document, with the note number they were seen at. */
	#pulled = new Map<string, { revs: Set<string>; noted: number }>();
	#notes = 0;

	constructor(private readonly db: PouchDB.Database) {}

	get lastSyncedAt(): Date | null {
		return this.#lastSyncedAt;
	}

	get conflictsCheckedSeq(): number {
		return this.#conflictsCheckedSeq;
	}

	noteConflictsChecked(seq: number): void {
		this.#conflictsCheckedSeq = Math.max(this.#conflictsCheckedSeq, seq);
	}

	async load(): Promise<void> {
		try {
			const saved = await this.db.get<SavedState>(stateDocId);
			this.#pushedSeq = Math.max(this.#pushedSeq, saved.pushedSeq);
			if (saved.lastSyncedAt) this.#lastSyncedAt = new Date(saved.lastSyncedAt);
			this.#conflictsCheckedSeq = Math.max(this.#conflictsCheckedSeq, saved.conflictsCheckedSeq ?? 0);
		} catch (error) {
			if (!isNotFound(error)) throw error;
		}
	}

	/** Revisions the pull wrote: they are on the server already. */
	notePulled(docs: { _id: string; _rev: string }[]): void {
		const noted = ++this.#notes;
		for (const doc of docs) {
			const entry = this.#pulled.get(doc._id) ?? { revs: new Set<string>(), noted };
			entry.revs.add(doc._rev);
			entry.noted = noted;
			this.#pulled.set(doc._id, entry);
		}
	}

	/** The push has dealt with every local change up to `seq`. Returns whether that is news. */
	notePushed(seq: unknown): boolean {
		if (typeof seq !== 'number' || seq <= this.#pushedSeq) return false;
		this.#pushedSeq = seq;
		return true;
	}

	noteSynced(at: Date): void {
		this.#lastSyncedAt = at;
	}

	async count(): Promise<number> {
		const startedAt = this.#notes;
		const changes = await this.db.changes({ since: this.#pushedSeq, style: 'all_docs' });
		const inWindow = new Set<string>();
		let count = 0;
		for (const row of changes.results) {
			inWindow.add(row.id);
			const pulled = this.#pulled.get(row.id)?.revs;
			if (pulled && row.changes.every((change) => pulled.has(change.rev))) continue;
			count++;
		}
		// Forget pulls the push has passed (but not ones noted while we were counting).
		for (const [id, entry] of this.#pulled) {
			if (!inWindow.has(id) && entry.noted <= startedAt) this.#pulled.delete(id);
		}
		return count;
	}

	async save(): Promise<void> {
		const state: SavedState = {
			pushedSeq: this.#pushedSeq,
			lastSyncedAt: this.#lastSyncedAt?.toISOString() ?? null,
			conflictsCheckedSeq: this.#conflictsCheckedSeq
		};
		let rev: string | undefined;
		try {
			rev = (await this.db.get(stateDocId))._rev;
		} catch (error) {
			if (!isNotFound(error)) throw error;
		}
		await this.db.put({ _id: stateDocId, ...(rev ? { _rev: rev } : {}), ...state });
	}
}
