/**
 * What is being typed, and what still needs a person: the device's Dexie database `pep-drafts`.
 *
 *   drafts    — one per form part per device, overwritten on every change. A draft may be
 *               incomplete or invalid and is never refused; it becomes a revision of the shared
 *               record only when it is committed (see `record.ts`).
 *   refusals  — revisions the server would not accept, kept on the device to be shown and fixed.
 *   conflicts — fields two people changed differently, for a person to choose between.
 *
 * Keystrokes are written at most every `flushAfterMs` (100 ms by default), so each one is on
 * disk well within 250 ms, and at once when the page is hidden or unloaded: a reload, a crashed
 * tab or a sign-out (that is not a wipe) loses nothing typed.
 *
 * Each person has their own database (`pep-drafts-${userId}`), sealed with their data key: a row
 * on disk keeps clear only its key and the ids it is looked up by (a document id and a user id,
 * which carry no names); what was typed, refused or set aside is sealed (`../security/cipher.ts`).
 */
import { Dexie, type Table } from 'dexie';
import { deepEqual, type Path } from '$lib/domain/merge';
import type { Cipher } from '../security/cipher';
import { reportIfQuotaExceeded } from './storage-full';

export interface Draft {
	/** `${docId}#${part}` */
	key: string;
	docId: string;
	/** A top-level field of the document, e.g. `progressOverview`; `''` for the whole document. */
	part: string;
	/** The revision the form was showing when typing began; null for a new document. */
	baseRev: string | null;
	fields: Record<string, unknown>;
	/** Who is typing: only their own drafts are committed under their name. */
	userId: string;
	updatedAt: string;
}

export type DraftInput = Omit<Draft, 'key' | 'updatedAt'>;

export interface Refusal {
	docId: string;
	rev: string;
	/** The server's own words. */
	reason: string;
	at: string;
}

export interface StoredConflict {
	/** `${docId}|${theirsRev}|${path}`: recording the same conflict twice keeps one. */
	key: string;
	docId: string;
	path: Path;
	base: unknown;
	/** The value the document now holds. */
	ours: unknown;
	/** The other value, which only this record keeps. */
	theirs: unknown;
	oursBy: string | null;
	theirsBy: string | null;
	/** The revision `theirs` came from. */
	theirsRev: string;
	at: string;
}

export type NewConflict = Omit<StoredConflict, 'key' | 'at'>;

/** A row as stored: its clear keys, and the rest sealed (or, with no cipher, as it is). */
type Stored<T, Clear extends keyof T> = Pick<T, Clear> & { sealed?: string } & Partial<T>;
type DraftRow = Stored<Draft, 'key' | 'docId' | 'userId'>;
type RefusalRow = Stored<Refusal, 'docId' | 'rev'>;
type ConflictRow = Stored<StoredConflict, 'key' | 'docId'>;

class DraftsDatabase extends Dexie {
	drafts!: Table<DraftRow, string>;
	refusals!: Table<RefusalRow, [string, string]>;
	conflicts!: Table<ConflictRow, string>;

	constructor(name: string) {
		super(name);
		this.version(1).stores({
			drafts: 'key, docId, userId',
			refusals: '[docId+rev], docId',
			conflicts: 'key, docId'
		});
	}
}

export const draftKey = (docId: string, part: string) => `${docId}#${part}`;

/**
 * What a page keeps for itself until a button writes it (the next PEP date typed on a sign-off
 * page, say): saved and sealed like any draft, so a reload or a crash keeps it, but never
 * committed on its own, since only the button's action knows the whole change.
 */
export const formOnlyPart = (name: string) => `~${name}`;
export const isFormOnly = (draft: Pick<Draft, 'part'>) => draft.part.startsWith('~');

export class DraftStore {
	#db: DraftsDatabase | null = null;
	/** Changes typed but not yet written, by draft key. */
	#pending = new Map<string, Draft>();
	#timer: ReturnType<typeof setTimeout> | null = null;
	/** Told whether the next write reached the disk: what `saveDraft` promised its callers. */
	#nextWrite: { promise: Promise<boolean>; settle: (onDisk: boolean) => void } | null = null;
	/** The write in progress: writes happen one at a time, in the order they were typed. */
	#writing: Promise<void> = Promise.resolve();
	#listening = false;
	/**
	 * Drafts committed into a new revision, by key: a change typed against the old revision just
	 * before the form heard of the commit follows the new one, instead of being merged against
	 * the person's own earlier words as if another device had written them.
	 */
	#successors = new Map<string, { from: string | null; to: string }>();

	constructor(
		readonly name = 'pep-drafts',
		private readonly options: {
			flushAfterMs?: number;
			clock?: () => Date;
			/** Seals rows at rest. The app always gives one; tests of other behaviour may not. */
			cipher?: Cipher;
		} = {}
	) {}

	/** Seals all but the `clear` fields of a row; the row's key is bound into the seal. */
	async #seal<T extends object, C extends keyof T>(
		row: T,
		clear: C[],
		context: string
	): Promise<Stored<T, C>> {
		const cipher = this.options.cipher;
		if (!cipher) return row as Stored<T, C>;
		const kept = Object.fromEntries(clear.map((k) => [k, row[k]])) as Pick<T, C>;
		const rest = Object.fromEntries(
			Object.entries(row).filter(([k]) => !clear.includes(k as C))
		);
		return { ...kept, sealed: await cipher.sealJson(rest, context) } as Stored<T, C>;
	}

	async #open<T>(row: { sealed?: string } | undefined, context: string): Promise<T | undefined> {
		if (!row) return undefined;
		const { sealed, ...clear } = row;
		if (sealed === undefined) return clear as T;
		if (!this.options.cipher) throw new Error(`${this.name} is sealed and no key was given`);
		return { ...clear, ...(await this.options.cipher.openJson<object>(sealed, context)) } as T;
	}

	#sealDraft = (d: Draft) => this.#seal(d, ['key', 'docId', 'userId'], d.key);
	#openDraft = (row: DraftRow | undefined) => this.#open<Draft>(row, row?.key ?? '');
	#refusalContext = (r: { docId: string; rev: string }) => `${r.docId}@${r.rev}`;
	#openConflict = (row: ConflictRow) => this.#open<StoredConflict>(row, row.key);

	/** Opened on first use, so merely importing this module touches no storage. */
	get #store(): DraftsDatabase {
		this.#db ??= new DraftsDatabase(this.name);
		return this.#db;
	}

	#now(): string {
		return (this.options.clock?.() ?? new Date()).toISOString();
	}

	/**
	 * Records the current state of a form part. Returns at once; the promise says when the
	 * change is on disk (true), or that the write failed and the change is kept to be tried
	 * again (false). It never rejects, so a caller that does not wait need not catch.
	 */
	saveDraft(input: DraftInput): Promise<boolean> {
		const key = draftKey(input.docId, input.part);
		const baseRev = this.#following(key, input.baseRev);
		this.#pending.set(key, { ...input, baseRev, key, updatedAt: this.#now() });
		this.#listenForPageHide();
		// Write behind: each change goes to disk as soon as the write before it has finished, so
		// a draft is durable within one write of the keystroke, and fast typing coalesces into
		// fewer writes rather than a queue of them.
		if (!this.#nextWrite) {
			let settle: (onDisk: boolean) => void = () => undefined;
			const promise = new Promise<boolean>((resolve) => (settle = resolve));
			this.#nextWrite = { promise, settle };
			this.#timer = setTimeout(() => {
				this.#timer = null;
				this.flushDrafts().catch(reportWriteFailure);
			}, this.options.flushAfterMs ?? 0);
		}
		return this.#nextWrite.promise;
	}

	/** The revision a draft of `key` typed against `baseRev` follows: the one it was committed into. */
	#following(key: string, baseRev: string | null): string | null {
		const moved = this.#successors.get(key);
		// The form learns of a commit as soon as it finishes, so it is at most one revision behind.
		return moved && moved.from === baseRev ? moved.to : baseRev;
	}

	/** Writes every pending change now; resolves once they are on disk. */
	async flushDrafts(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		// This write takes every change typed so far, so it answers those changes' promises.
		const promised = this.#nextWrite;
		this.#nextWrite = null;
		let batch: Draft[] = [];
		// What is pending is taken when this write's turn comes, not when it was asked for.
		const write = this.#writing
			.catch(() => undefined)
			.then(async () => {
				batch = [...this.#pending.values()];
				this.#pending.clear();
				if (batch.length === 0) return;
				const started = performance.now();
				const rows = await Promise.all(batch.map(this.#sealDraft));
				await this.#store.drafts.bulkPut(rows);
				// A user-timing entry: how long typing takes to reach the disk (see the benchmarks).
				performance.measure('pep:draft-write', { start: started, end: performance.now() });
			});
		this.#writing = write;
		try {
			await write;
			promised?.settle(true);
		} catch (error) {
			// Keep what failed to write (unless typed over since) for the next attempt.
			for (const draft of batch) if (!this.#pending.has(draft.key)) this.#pending.set(draft.key, draft);
			promised?.settle(false);
			reportIfQuotaExceeded(error);
			throw error;
		}
	}

	async getDraft(docId: string, part: string): Promise<Draft | undefined> {
		const key = draftKey(docId, part);
		const pending = this.#pending.get(key);
		if (pending) return pending;
		await this.#writing.catch(() => undefined);
		return this.#openDraft(await this.#store.drafts.get(key));
	}

	/** Drafts on this device, of one document or all, newest first. */
	async listDrafts(filter: { docId?: string; userId?: string } = {}): Promise<Draft[]> {
		await this.#writing.catch(() => undefined);
		const rows = await this.#store.drafts.toArray();
		const stored = (await Promise.all(rows.map(this.#openDraft))) as Draft[];
		const byKey = new Map(stored.map((d) => [d.key, d]));
		for (const [key, draft] of this.#pending) byKey.set(key, draft);
		return [...byKey.values()]
			.filter((d) => filter.docId === undefined || d.docId === filter.docId)
			.filter((d) => filter.userId === undefined || d.userId === filter.userId)
			.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
	}

	async discardDraft(docId: string, part: string): Promise<void> {
		const key = draftKey(docId, part);
		this.#pending.delete(key);
		await this.#writing.catch(() => undefined);
		await this.#store.drafts.delete(key);
	}

	/**
	 * After `committed` became revision `rev`: forget the draft, unless more was typed while it
	 * was being committed, in which case keep that and mark it as following the new revision.
	 * Returns whether such a newer draft was kept.
	 *
	 * It takes its turn among the writes, and decides from what is pending at the moment it
	 * decides: a keystroke that arrives while the stored draft is being read is kept, never
	 * deleted along with the draft it followed.
	 */
	settleDraft(committed: Draft, rev: string): Promise<boolean> {
		const key = draftKey(committed.docId, committed.part);
		this.#successors.set(key, { from: committed.baseRev, to: rev });
		const settle = this.#writing
			.catch(() => undefined)
			.then(async () => {
				const stored = await this.#openDraft(await this.#store.drafts.get(key));
				const latest = this.#pending.get(key) ?? stored;
				if (!latest) return false;
				if (latest.baseRev === committed.baseRev && deepEqual(latest.fields, committed.fields)) {
					this.#pending.delete(key);
					await this.#store.drafts.delete(key);
					return false;
				}
				if (latest.baseRev === committed.baseRev) {
					// Written with the rest, after this turn; saveDraft moves it onto `rev`.
					void this.saveDraft(latest);
				}
				return true;
			});
		this.#writing = settle.then(
			() => undefined,
			() => undefined
		);
		return settle;
	}

	async recordRefusal(refusal: Refusal): Promise<void> {
		const row = await this.#seal(refusal, ['docId', 'rev'], this.#refusalContext(refusal));
		await this.#write(() => this.#store.refusals.put(row));
	}

	async listRefusals(): Promise<Refusal[]> {
		const rows = await this.#store.refusals.toArray();
		const refusals = await Promise.all(
			rows.map((row) => this.#open<Refusal>(row, this.#refusalContext(row)))
		);
		return (refusals as Refusal[]).sort((a, b) => b.at.localeCompare(a.at));
	}

	/** For when a person has dealt with a refusal (fixed the document, or accepted it). */
	async dismissRefusal(docId: string, rev: string): Promise<void> {
		await this.#store.refusals.delete([docId, rev]);
	}

	async recordConflicts(conflicts: NewConflict[]): Promise<void> {
		if (conflicts.length === 0) return;
		const at = this.#now();
		const rows = conflicts.map((c) => ({
			...c,
			key: `${c.docId}|${c.theirsRev}|${JSON.stringify(c.path)}`,
			at
		}));
		const sealed = await Promise.all(rows.map((row) => this.#seal(row, ['key', 'docId'], row.key)));
		await this.#write(() => this.#store.conflicts.bulkPut(sealed));
	}

	async listConflicts(docId?: string): Promise<StoredConflict[]> {
		const rows =
			docId === undefined
				? await this.#store.conflicts.toArray()
				: await this.#store.conflicts.where('docId').equals(docId).toArray();
		const conflicts = (await Promise.all(rows.map(this.#openConflict))) as StoredConflict[];
		return conflicts.sort((a, b) => a.at.localeCompare(b.at));
	}

	/** Marks a conflict as decided. Writing the chosen value is `settleConflict`'s job. */
	async resolveConflict(key: string): Promise<void> {
		await this.#store.conflicts.delete(key);
	}

	/** Closes the database (the next call opens it again). */
	close(): void {
		this.#db?.close();
		this.#db = null;
	}

	async #write(run: () => Promise<unknown>): Promise<void> {
		try {
			await run();
		} catch (error) {
			reportIfQuotaExceeded(error);
			throw error;
		}
	}

	#listenForPageHide(): void {
		if (this.#listening || typeof window === 'undefined' || typeof document === 'undefined') {
			return;
		}
		this.#listening = true;
		const flushNow = () => {
			this.flushDrafts().catch(reportWriteFailure);
		};
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'hidden') flushNow();
		});
		window.addEventListener('pagehide', flushNow);
	}
}

function reportWriteFailure(error: unknown): void {
	// A full device is shown by the sync status; anything else is kept pending and retried.
	if (!reportIfQuotaExceeded(error)) console.error('Could not save a draft on this device', error);
}

export const draftsDatabaseName = (userId: string) => `pep-drafts-${userId}`;

/** The drafts of the person who unlocked the app: null while it is locked. */
let current: DraftStore | null = null;

/** Opens this person's drafts, sealed with their key, as the ones the app uses. */
export function openDrafts(userId: string, cipher: Cipher): DraftStore {
	current?.close();
	current = new DraftStore(draftsDatabaseName(userId), { cipher });
	return current;
}

/** Closes the drafts at lock or sign-out; what was typed is flushed first. */
export async function closeDrafts(): Promise<void> {
	const store = current;
	current = null;
	if (!store) return;
	await store.flushDrafts().catch(reportWriteFailure);
	store.close();
}

/** The drafts opened at unlock. Fails loudly when used before then. */
export function currentDrafts(): DraftStore {
	if (!current) throw new Error('Drafts are used while the app is locked: unlock it first.');
	return current;
}

export const saveDraft = (input: DraftInput) => currentDrafts().saveDraft(input);
/** Nothing to flush while locked: the lock flushed it. */
export const flushDrafts = () => current?.flushDrafts() ?? Promise.resolve();
export const getDraft = (docId: string, part: string) => currentDrafts().getDraft(docId, part);
export const discardDraft = (docId: string, part: string) =>
	currentDrafts().discardDraft(docId, part);
export const listDrafts = (filter?: { docId?: string; userId?: string }) =>
	currentDrafts().listDrafts(filter);
export const recordRefusal = (refusal: Refusal) => currentDrafts().recordRefusal(refusal);
export const listRefusals = () => currentDrafts().listRefusals();
export const recordConflicts = (conflicts: NewConflict[]) =>
	currentDrafts().recordConflicts(conflicts);
export const listConflicts = (docId?: string) => currentDrafts().listConflicts(docId);
export const resolveConflict = (key: string) => currentDrafts().resolveConflict(key);
