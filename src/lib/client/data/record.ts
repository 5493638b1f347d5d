/**
 * The shared record on this device: a PouchDB database per person (`pep-record-${userId}`), so
 * two people who use one tablet never share a store.
 *
 * Typing goes to drafts (`drafts.ts`); a draft becomes one new revision here only when it is
 * committed, at the moments a person would expect their work to be "saved": leaving a field,
 * a few seconds without typing, leaving the part, before a sync, at sign-off. A commit is checked
 * with the same schemas as the server; one that fails keeps the draft and says which field.
 */
import { parseDocument } from '$lib/domain/documents';
import { deepEqual, isRecord, mergeDocuments, type FieldConflict } from '$lib/domain/merge';
import type { FieldError } from '$lib/domain/schemas/errors';
import { currentDrafts, isFormOnly, type Draft, type DraftStore } from './drafts';
import { browserLocalPouch, type LocalPouchFactory } from './pouch';
import { reportIfQuotaExceeded } from './storage-full';
import { listCaseloadEarly } from '../caseload-snapshot';

/** A document as stored: its own fields, with PouchDB's id and revision. */
export type StoredDocument = Record<string, unknown> & { _id: string; _rev: string };

export type CommitResult =
	/** `moreTyped`: typing that came while this commit ran, kept as a draft for the next one. */
	| { status: 'committed'; rev: string; conflicts: number; moreTyped?: boolean }
	| { status: 'nothing-to-commit' }
	/** Not saved to the record; the draft is kept, and each error names its field. */
	| { status: 'invalid'; errors: FieldError[] };

export interface RecordOptions {
	pouch?: LocalPouchFactory;
	drafts?: DraftStore;
	clock?: () => Date;
}

let current: LocalRecord | null = null;

export const recordDatabaseName = (userId: string) => `pep-record-${userId}`;

/** The person whose database `openRecordEarly` has opened, if any. */
let openedEarly: string | null = null;

/**
 * Opens this person's database on disk, reading no document, while they type their passcode: a
 * cold start's first opening of a database takes the disk a few hundred milliseconds, which
 * unlocking would otherwise wait for. PouchDB shares one connection per database name, so the
 * record opened at unlock uses this one. Needs no key: it reads only the database's own
 * bookkeeping and ids, which are clear. Left open: closing it would close the shared connection.
 */
export async function openRecordEarly(userId: string): Promise<void> {
	if (openedEarly === userId) return;
	openedEarly = userId;
	const pouch = await browserLocalPouch();
	const db = pouch(recordDatabaseName(userId));
	await db.info();
	// The home screen's ids too (they are clear), so its first read after unlocking only decrypts.
	listCaseloadEarly(db);
}

/** Opens this person's record on this device, and makes it the one `currentRecord` returns. */
export async function open(userId: string, options: RecordOptions = {}): Promise<LocalRecord> {
	const pouch = options.pouch ?? (await browserLocalPouch());
	current?.close();
	current = new LocalRecord(
		userId,
		pouch(recordDatabaseName(userId)),
		options.drafts ?? currentDrafts(),
		options.clock
	);
	return current;
}

/** The record opened at sign-in. Fails loudly when used before then. */
export function currentRecord(): LocalRecord {
	if (!current) throw new Error('The record is used before it was opened: call open(userId) first.');
	return current;
}

export class LocalRecord {
	constructor(
		readonly userId: string,
		readonly db: PouchDB.Database,
		readonly drafts: DraftStore,
		private readonly clock: () => Date = () => new Date()
	) {}

	async getDoc(id: string): Promise<StoredDocument | null> {
		return this.#get(id);
	}

	/**
	 * Turns the draft of one part into one new revision. If the document has changed since the
	 * draft began (another device's edit arrived), the draft is merged into it field by field;
	 * a field both changed keeps what was typed here and is recorded as a conflict, so the other
	 * value is shown to a person rather than lost.
	 */
	async commitDraft(docId: string, part: string, userId: string): Promise<CommitResult> {
		// A write from replication between our read and our write: read again and retry.
		for (let attempt = 0; attempt < 5; attempt++) {
			const draft = await this.drafts.getDraft(docId, part);
			if (!draft) return { status: 'nothing-to-commit' };
			const stored = await this.#get(docId);
			const { merged, conflicts } = await this.#applyDraft(stored, draft);
			if (stored && sameContent(merged, stored)) {
				// Typed and put back as it was: no revision for a change that is not one.
				await this.drafts.settleDraft(draft, stored._rev);
				return { status: 'nothing-to-commit' };
			}

			const candidate = {
				...merged,
				_id: docId,
				updated: { by: userId, at: this.clock().toISOString() }
			};
			const parsed = parseDocument(candidate);
			if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };

			let rev: string;
			try {
				const next = { ...(parsed.doc as Record<string, unknown>), _id: docId };
				rev = (await this.db.put(stored ? { ...next, _rev: stored._rev } : next)).rev;
			} catch (error) {
				if (isConflict(error)) continue;
				reportIfQuotaExceeded(error);
				throw error;
			}

			await this.drafts.recordConflicts(
				conflicts.map((c) => ({
					docId,
					path: c.path,
					base: c.base,
					ours: c.ours,
					theirs: c.theirs,
					oursBy: userId,
					theirsBy: authorOf(stored),
					theirsRev: stored?._rev ?? ''
				}))
			);
			const moreTyped = await this.drafts.settleDraft(draft, rev);
			return { status: 'committed', rev, conflicts: conflicts.length, moreTyped };
		}
		throw new Error(`${docId} kept changing while it was being saved. Try again.`);
	}

	/**
	 * Writes a new document (a PEP started, say), stamped as this person's, after the same checks
	 * the server makes. Refused, with each error naming its field, if it does not pass them or
	 * if a document with that id is already here.
	 */
	async create(doc: Record<string, unknown> & { _id: string }): Promise<CommitResult> {
		const candidate = { ...doc, updated: { by: this.userId, at: this.clock().toISOString() } };
		const parsed = parseDocument(candidate);
		if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
		try {
			const { rev } = await this.db.put({ ...(parsed.doc as Record<string, unknown>), _id: doc._id });
			return { status: 'committed', rev, conflicts: 0 };
		} catch (error) {
			if (isConflict(error)) {
				return {
					status: 'invalid',
					errors: [{ field: '(document)', message: 'This already exists on this device.' }]
				};
			}
			reportIfQuotaExceeded(error);
			throw error;
		}
	}

	/** Commits every draft this person has on this device: before a sync, and at sign-off. */
	async commitAllDrafts(): Promise<CommitResult[]> {
		const mine = await this.drafts.listDrafts({ userId: this.userId });
		const results: CommitResult[] = [];
		for (const draft of mine.filter((d) => !isFormOnly(d))) {
			results.push(await this.commitDraft(draft.docId, draft.part, this.userId));
		}
		return results;
	}

	close(): void {
		if (current === this) current = null;
		void this.db.close();
	}

	/** The draft applied to the revision it was typed against, merged with the stored one. */
	async #applyDraft(
		stored: StoredDocument | null,
		draft: Draft
	): Promise<{ merged: Record<string, unknown>; conflicts: FieldConflict[] }> {
		if (!stored) return { merged: withDraft({ _id: draft.docId }, draft), conflicts: [] };
		if (draft.baseRev === stored._rev) {
			return mergeDocuments(stored, withDraft(stored, draft), stored);
		}
		// The base revision may have been compacted away (or the draft began a new document that
		// another device also made): with no common ancestor, every field the draft would change
		// is a conflict, which a person can see, rather than a silent overwrite either way.
		const base = draft.baseRev === null ? null : await this.#get(draft.docId, draft.baseRev);
		const ours = withDraft(base ?? stored, draft);
		const result = mergeDocuments(base ?? {}, ours, stored);
		return { ...result, conflicts: result.conflicts.filter((c) => c.path[0] !== 'updated') };
	}

	async #get(id: string, rev?: string): Promise<StoredDocument | null> {
		try {
			const doc = await this.db.get<Record<string, unknown>>(id, rev ? { rev } : {});
			return doc._deleted ? null : (doc as StoredDocument);
		} catch (error) {
			if (isNotFound(error)) return null;
			throw error;
		}
	}
}

/** Equal apart from revision metadata and who last saved it. */
export function sameContent(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
	const content = (doc: Record<string, unknown>) => {
		const { _rev, _revisions, _conflicts, updated, ...rest } = doc;
		return rest;
	};
	return deepEqual(content(a), content(b));
}

/** A part is a top-level field holding a record (its fields are replaced one by one), or `''`. */
function withDraft(doc: Record<string, unknown>, draft: Draft): Record<string, unknown> {
	if (draft.part === '') return { ...doc, ...draft.fields };
	const part = doc[draft.part];
	return { ...doc, [draft.part]: { ...(isRecord(part) ? part : {}), ...draft.fields } };
}

export function authorOf(doc: Record<string, unknown> | null): string | null {
	const updated = doc?.updated;
	return isRecord(updated) && typeof updated.by === 'string' ? updated.by : null;
}

export function isNotFound(error: unknown): boolean {
	return statusOf(error) === 404;
}

export function isConflict(error: unknown): boolean {
	return statusOf(error) === 409;
}

function statusOf(error: unknown): number | undefined {
	return isRecord(error) && typeof error.status === 'number' ? error.status : undefined;
}

export interface AutoCommit {
	/** Call on every change: commits after `idleMs` without another. */
	input(): void;
	/** Call on blur and on leaving the part: commits now. */
	commit(): Promise<CommitResult>;
	/** Stops the idle timer (leaving the page); call `commit` first to keep what was typed. */
	dispose(): void;
}

/**
 * Commit points for one form part. Commits run one at a time, so an idle commit and a blur
 * never race each other into two revisions of the same change.
 */
export function createAutoCommit(options: {
	docId: string;
	part: string;
	userId: string;
	idleMs?: number;
	record?: LocalRecord;
	/** Told the outcome of commits made by the idle timer (e.g. to show field errors). */
	onCommit?: (result: CommitResult) => void;
}): AutoCommit {
	const { docId, part, userId, idleMs = 3000, onCommit } = options;
	const record = options.record ?? currentRecord();
	let timer: ReturnType<typeof setTimeout> | null = null;
	let running: Promise<unknown> = Promise.resolve();

	const stopTimer = () => {
		if (timer) clearTimeout(timer);
		timer = null;
	};
	const commit = (): Promise<CommitResult> => {
		stopTimer();
		const next = running
			.catch(() => undefined)
			.then(() => record.commitDraft(docId, part, userId));
		running = next;
		return next;
	};

	return {
		input() {
			stopTimer();
			timer = setTimeout(() => {
				commit()
					.then((result) => onCommit?.(result))
					.catch((error: unknown) => {
						if (!reportIfQuotaExceeded(error)) console.error('Could not save changes', error);
					});
			}, idleMs);
		},
		commit,
		dispose: stopTimer
	};
}
