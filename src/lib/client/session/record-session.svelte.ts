/**
 * What is open while the app is unlocked: the person's encrypted record and drafts, and the sync
 * that keeps the record in step with the server. One is opened at unlock, by `openRecordSession`;
 * when a child is withdrawn from the person, the record is rebuilt, by the same function, into a
 * session that takes this one's place. `close()` puts it all away, in the order the stores need.
 */
import { untrack } from 'svelte';
import type { DraftStore } from '../data/drafts';
import type { LocalPouchFactory } from '../data/pouch';
import type { LocalRecord } from '../data/record';
import type { SyncManager, SyncState } from '../data/sync.svelte';
import type { Cipher } from '../security/cipher';
import type { SessionData } from './load-session-data';

/** What a session asks of its sync: a `SyncManager` in the app. */
export interface SessionSync {
	readonly state: SyncState;
	readonly pendingCount: number;
	start(): Promise<void>;
	stop(): void;
	syncNow(): Promise<void>;
	recount(): Promise<number>;
	settled(): Promise<void>;
}

/**
 * What a session is made with: `session-data.ts` in the app (see `browserRecordParts`), so this
 * module loads none of it itself; fakes or memory databases in tests.
 */
export interface RecordParts<Sync extends SessionSync> {
	openDrafts(userId: string, cipher: Cipher): DraftStore;
	/** Closes the drafts `openDrafts` opened; what was typed is flushed first. */
	closeDrafts(): Promise<void>;
	open(
		userId: string,
		options: { pouch: LocalPouchFactory; drafts: DraftStore }
	): Promise<LocalRecord>;
	encryptedPouch(cipher: Cipher): Promise<LocalPouchFactory>;
	/** The server's record; `onRevoked` when it answers that this device has been revoked. */
	remote(onRevoked: () => void): Promise<PouchDB.Database>;
	newSync(record: LocalRecord, remote: PouchDB.Database): Sync;
	/** Cuts off sync's requests still under way, and any its remotes would make. */
	abortRemoteRequests(): void;
	keepCaseloadSealed(db: PouchDB.Database, cipher: Cipher): void;
	caseloadSnapshot(db: PouchDB.Database): Promise<unknown>;
	/** Which children the server lets this person reach; null when it cannot be asked. */
	reachableChildren(): Promise<Set<string> | null>;
	localIds(db: PouchDB.Database): Promise<string[]>;
	withdrawnChildren(localIds: string[], reachable: ReadonlySet<string>): string[];
	childIdOf(docId: string): string | null;
}

/** The app's parts, from `session-data.ts` once loaded, with the server at this page's origin. */
export function browserRecordParts(
	data: SessionData,
	origin = location.origin
): RecordParts<SyncManager> {
	return {
		openDrafts: data.openDrafts,
		closeDrafts: data.closeDrafts,
		open: data.open,
		encryptedPouch: data.browserEncryptedPouch,
		remote: (onRevoked) => data.browserRemotePouch(origin, onRevoked),
		newSync: (record, remote) => new data.SyncManager({ record, remote }),
		abortRemoteRequests: data.abortRemoteRequests,
		keepCaseloadSealed: data.keepCaseloadSealed,
		caseloadSnapshot: data.caseloadSnapshot,
		reachableChildren: () => data.reachableChildren(),
		localIds: data.localIds,
		withdrawnChildren: data.withdrawnChildren,
		childIdOf: data.childIdOf
	};
}

/** Calls `onCaughtUp` each time the sync has caught up with nothing left to send. */
export function watchCaughtUp(sync: SessionSync, onCaughtUp: () => void): () => void {
	return $effect.root(() => {
		$effect(() => {
			if (sync.state === 'up-to-date' && sync.pendingCount === 0) untrack(onCaughtUp);
		});
	});
}

export interface RecordSessionOptions<Sync extends SessionSync> {
	userId: string;
	cipher: Cipher;
	parts: RecordParts<Sync>;
	/** The server said this device is revoked: its data must go. */
	onRevoked: () => void;
	/** A withdrawal rebuilt the record: `fresh` takes the place of the session that was open. */
	onRebuilt: (fresh: RecordSession<Sync>) => void;
	watch?: (sync: Sync, onCaughtUp: () => void) => () => void;
	isOnline?: () => boolean;
}

/** How long sign-out waits for unsent changes to reach the server before asking. */
const pushTimeoutMs = 20_000;

/**
 * Opens the person's record and its sync with their key: at unlock, with their drafts opened
 * here; at a withdrawal's rebuild, around the drafts the record had (`rebuilding`). The sync is
 * not started: `start()` does that once the session is in place.
 */
export async function openRecordSession<Sync extends SessionSync>(
	options: RecordSessionOptions<Sync>,
	rebuilding?: { drafts: DraftStore }
): Promise<RecordSession<Sync>> {
	const { userId, cipher, parts } = options;
	const drafts = rebuilding?.drafts ?? parts.openDrafts(userId, cipher);
	let record: LocalRecord | null = null;
	try {
		record = await parts.open(userId, { pouch: await parts.encryptedPouch(cipher), drafts });
		parts.keepCaseloadSealed(record.db, cipher);
		// Most unlocks land on the home screen: its documents are read and decrypted now, while
		// the screen's code starts, and the screen then finds them ready.
		if (!rebuilding) void parts.caseloadSnapshot(record.db).catch(() => undefined);
		const sync = parts.newSync(record, await parts.remote(options.onRevoked));
		return new RecordSession(options, record, sync);
	} catch (error) {
		// An unlock that fails part-way leaves nothing open; a rebuild's drafts stay with its record.
		record?.close();
		if (!rebuilding) await parts.closeDrafts();
		throw error;
	}
}

export class RecordSession<Sync extends SessionSync = SyncManager> {
	#record = $state<LocalRecord | null>(null);
	#sync = $state<Sync | null>(null);
	#stopWatching: (() => void) | null = null;
	#checkingAccess = false;
	#closed = false;
	readonly #options: RecordSessionOptions<Sync>;
	readonly #parts: RecordParts<Sync>;
	readonly #watch: NonNullable<RecordSessionOptions<Sync>['watch']>;
	readonly #isOnline: () => boolean;

	/** Use `openRecordSession`, which opens what this is given. */
	constructor(options: RecordSessionOptions<Sync>, record: LocalRecord, sync: Sync) {
		this.#options = options;
		this.#parts = options.parts;
		this.#watch = options.watch ?? watchCaughtUp;
		this.#isOnline = options.isOnline ?? (() => navigator.onLine);
		this.#record = record;
		this.#sync = sync;
	}

	/** Null while the record is being put away (closing, rebuilding): screens let go of it then. */
	get record(): LocalRecord | null {
		return this.#record;
	}
	get sync(): Sync | null {
		return this.#sync;
	}

	/** Starts syncing, and watching for children withdrawn from the person. */
	start(): void {
		const sync = this.#sync;
		if (!sync || this.#closed) return;
		this.#watchAccess(sync);
		void sync.start();
	}

	/**
	 * Stops syncing, with no request left under way (before a new version replaces the page:
	 * what is unsent goes after the restart). The record stays open.
	 */
	async stopSync(): Promise<void> {
		const sync = this.#sync;
		this.#stopSync();
		this.#parts.abortRemoteRequests();
		await sync?.settled();
	}

	/** Puts everything away: what was typed is flushed to disk, and the stores are closed. */
	async close(): Promise<void> {
		this.#closed = true;
		const sync = this.#sync;
		const record = this.#record;
		// Screens let go of the record first, so none reads from a store that is closing.
		this.#stopSync();
		// Before the session ends on the server (sign-out), so nothing of this sync's is refused.
		this.#parts.abortRemoteRequests();
		this.#record = null;
		await this.#parts.closeDrafts();
		await sync?.settled();
		record?.close();
	}

	/** Commits every draft and waits (a while) for sync to send them; returns what is still unsent. */
	async pushEverything(timeoutMs = pushTimeoutMs): Promise<number> {
		const sync = this.#sync;
		const record = this.#record;
		if (!sync || !record) return 0;
		await record.drafts.flushDrafts();
		await record.commitAllDrafts().catch(() => undefined);
		const unsentDrafts = async () => (await record.drafts.listDrafts()).length;
		if (this.#isOnline()) {
			await sync.syncNow();
			const until = Date.now() + timeoutMs;
			while (Date.now() < until) {
				await new Promise((done) => setTimeout(done, 500));
				if (sync.state === 'up-to-date' && sync.pendingCount === 0) break;
				if (sync.state === 'error' || sync.state === 'offline') break;
			}
		}
		await sync.recount();
		return sync.pendingCount + (await unsentDrafts());
	}

	/**
	 * A child withdrawn from this person leaves the device: their edits have been sent (nothing is
	 * pending), so the local record is rebuilt from what the server still lets them see. Checked
	 * again just before the rebuild, with no screen holding the record: something saved since the
	 * device was last up to date (a PEP started a moment ago) is sent first, at the next check.
	 */
	async removeWithdrawn(): Promise<void> {
		const record = this.#record;
		if (this.#checkingAccess || this.#closed || !record) return;
		this.#checkingAccess = true;
		try {
			const parts = this.#parts;
			const reachable = await parts.reachableChildren();
			if (!reachable) return;
			const gone = parts.withdrawnChildren(await parts.localIds(record.db), reachable);
			if (gone.length === 0) return;
			const sync = this.#sync;
			if (!sync) return;
			this.#stopSync();
			await sync.settled();
			// Screens let go of the record, so nothing new is saved into it from here on.
			this.#record = null;
			const unsent = await sync.recount();
			// Locked or signed out meanwhile: close() found no record to close, so it closes here.
			// Nothing is removed now; the check runs again once the device is next up to date.
			if (this.#closed) return record.close();
			if (unsent > 0) {
				this.#record = record;
				this.#sync = sync;
				this.start();
				return;
			}
			for (const draft of await record.drafts.listDrafts()) {
				const childId = parts.childIdOf(draft.docId);
				if (childId && gone.includes(childId))
					await record.drafts.discardDraft(draft.docId, draft.part);
			}
			await record.db.destroy();
			const fresh = await openRecordSession(this.#options, { drafts: record.drafts });
			// Locked or signed out while it was rebuilt: the new record is for nobody to see, and
			// its sync never starts. (Its drafts are the old record's, which close() closed.)
			if (this.#closed) return fresh.record?.close();
			this.#options.onRebuilt(fresh);
			fresh.start();
		} finally {
			this.#checkingAccess = false;
		}
	}

	/** Each time the device has caught up with nothing left to send, check nothing was withdrawn. */
	#watchAccess(sync: Sync) {
		this.#stopWatching?.();
		this.#stopWatching = this.#watch(sync, () => void this.removeWithdrawn());
	}

	#stopSync() {
		this.#stopWatching?.();
		this.#stopWatching = null;
		this.#sync?.stop();
		this.#sync = null;
	}
}
