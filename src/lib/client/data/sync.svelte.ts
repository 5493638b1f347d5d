/**
 * Keeps this device's record and the server's in step, and says how that is going in terms a
 * person can act on. Replication runs live while online, retries with back-off (doubling from one
 * second to a minute) while the server cannot be reached, and starts again at once when the
 * device comes back online.
 *
 * Around it: drafts are committed before a sync starts (a commit point), documents that arrive
 * in conflict are merged (`conflicts.ts`), revisions the server refuses are kept with its reason
 * (`drafts.ts`), and a full device is reported rather than swallowed (`storage-full.ts`).
 *
 * `pendingCount` is worked out in `pending.ts`.
 */
import type { Refusal } from './drafts';
import { resolveConflicts, resolveConflictsSince, type ResolverContext } from './conflicts';
import { PendingChanges, systemClock } from './pending';
import { browserRemotePouch } from './pouch';
import type { LocalRecord } from './record';
import { isQuotaExceeded, onQuotaExceeded, outOfStorageMessage } from './storage-full';

export type SyncState = 'offline' | 'syncing' | 'up-to-date' | 'error';

export interface SyncOptions {
	record: LocalRecord;
	/** The server's record: `browserRemotePouch()` in the app, another database in tests. */
	remote: PouchDB.Database;
	/** Where `online` and `offline` events come from: the window, in the app. */
	events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
	isOnline?: () => boolean;
	storage?: Pick<StorageManager, 'persist'> | null;
	clock?: () => Date;
}

export const maxBackOffMs = 60_000;

/** Documents in one push: see the sync options below. */
export const pushBatchSize = 4;

/** Counting pending changes reads the local changes feed, so it waits for a lull in the sync. */
const pendingCountDelayMs = 500;

/** The wait before the next retry: 1 s, 2 s, 4 s … up to a minute. */
export function backOff(previousMs: number): number {
	return previousMs <= 0 ? 1_000 : Math.min(previousMs * 2, maxBackOffMs);
}

const messages = {
	signedOut:
		'You have been signed out, so changes cannot be sent. Sign in again to send them: they are ' +
		'kept on this device until then.',
	forbidden:
		'The server will not sync with this account. Ask your Virtual School administrator to check ' +
		'your access. Your changes are kept on this device.',
	serverProblem:
		'The server has a problem at the moment. Your changes are kept on this device and will be ' +
		'sent automatically when it is working again.',
	deviceProblem:
		'Something went wrong on this device while syncing. Nothing has been lost. Try syncing ' +
		'again, and if this keeps happening, tell your administrator.'
};

/** A replication (one direction of a sync), with the events PouchDB's types leave out. */
interface Direction {
	on(event: string, listener: (arg?: unknown) => void): unknown;
}
type LiveSync = PouchDB.Replication.Sync<object> & { push: Direction; pull: Direction };

/** Storage managers already asked to keep this site's data, so each page asks only once. */
const persistenceAsked = new WeakSet<object>();

export class SyncManager {
	#state = $state<SyncState>('offline');
	#progress = $state(0);
	#lastSyncedAt = $state<Date | null>(null);
	#pendingCount = $state(0);
	#error = $state<string | null>(null);
	#refusals = $state<Refusal[]>([]);

	get state(): SyncState {
		return this.#state;
	}
	/** Documents sent or received since this run of syncing began. */
	get progress(): number {
		return this.#progress;
	}
	get lastSyncedAt(): Date | null {
		return this.#lastSyncedAt;
	}
	get pendingCount(): number {
		return this.#pendingCount;
	}
	/** What went wrong and what to do, in plain English; null unless `state` is 'error'. */
	get error(): string | null {
		return this.#error;
	}
	/** Revisions the server refused, newest first: kept on the device, never discarded. */
	get refusals(): Refusal[] {
		return this.#refusals;
	}

	readonly #record: LocalRecord;
	readonly #remote: PouchDB.Database;
	readonly #events: SyncOptions['events'];
	readonly #isOnline: () => boolean;
	readonly #storage: SyncOptions['storage'];
	readonly #clock: () => Date;
	readonly #resolver: ResolverContext;

	#started = false;
	#sync: LiveSync | null = null;
	#runs = 0;
	#localChanges: PouchDB.Core.Changes<object> | null = null;
	#unsubscribe: (() => void)[] = [];
	/** A full device stays reported until someone asks to sync again. */
	#outOfSpace = false;
	#active = { push: false, pull: false };
	/**
	 * Whether each direction has caught up at least once in this run. Push pauses at once when
	 * there is nothing to send, often before the pull has even asked what is new: up to date
	 * then would be untrue.
	 */
	#caughtUp = { push: false, pull: false };
	/** The last error of each direction, until it next makes progress. */
	#failing: { push: unknown; pull: unknown } = { push: null, pull: null };
	readonly #pending: PendingChanges;
	#pendingTimer: ReturnType<typeof setTimeout> | null = null;
	/** Merges and bookkeeping run one at a time, in the order their changes arrived. */
	#queue: Promise<unknown> = Promise.resolve();

	constructor(options: SyncOptions) {
		this.#record = options.record;
		this.#remote = options.remote;
		this.#events = options.events === undefined ? browserWindow() : options.events;
		this.#isOnline =
			options.isOnline ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false);
		this.#storage =
			options.storage === undefined
				? typeof navigator === 'undefined'
					? null
					: navigator.storage
				: options.storage;
		this.#clock = options.clock ?? systemClock;
		this.#pending = new PendingChanges(options.record.db);
		this.#resolver = {
			db: options.record.db,
			drafts: options.record.drafts,
			userId: options.record.userId,
			clock: this.#clock
		};
	}

	/** The app's sync manager: the record signed in, and the server at this page's origin. */
	static async forBrowser(record: LocalRecord): Promise<SyncManager> {
		return new SyncManager({ record, remote: await browserRemotePouch() });
	}

	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		this.#askToPersist();
		this.#unsubscribe.push(onQuotaExceeded(() => this.#runOutOfSpace()));
		this.#listen('online', () => void this.syncNow());
		this.#listen('offline', () => this.#goOffline());

		try {
			await this.#pending.load();
			this.#lastSyncedAt = this.#pending.lastSyncedAt;
			this.#refusals = await this.#record.drafts.listRefusals();
			this.#localChanges = this.#record.db
				.changes({ since: 'now', live: true })
				.on('change', () => this.#schedulePendingCount())
				.on('error', (error) => this.#handleDeviceError(error));
			await this.#countPending();
			// Conflicts left by a run that was interrupted before it could merge them: only what
			// changed since the last check is looked at, not the whole record.
			await this.#enqueue(() => this.#checkConflictsSinceLastRun());
		} catch (error) {
			this.#handleDeviceError(error);
		}
		if (this.#isOnline()) await this.#begin();
		else this.#goOffline();
	}

	stop(): void {
		this.#started = false;
		this.#cancelSync();
		this.#localChanges?.cancel();
		this.#localChanges = null;
		for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
		if (this.#pendingTimer) clearTimeout(this.#pendingTimer);
		this.#pendingTimer = null;
		if (this.#state !== 'error') this.#state = 'offline';
	}

	/** Starts a fresh run now (after a change of network, or when a person asks). */
	async syncNow(): Promise<void> {
		if (!this.#started) return this.start();
		this.#outOfSpace = false;
		if (!this.#isOnline()) return this.#goOffline();
		await this.#begin();
	}

	/** Counts pending changes again now, rather than after the next lull. */
	async recount(): Promise<number> {
		await this.#countPending();
		return this.#pendingCount;
	}

	/** Waits for merges and bookkeeping already under way (for tests and sign-out). */
	async settled(): Promise<void> {
		let seen: Promise<unknown> | null = null;
		while (seen !== this.#queue) {
			seen = this.#queue;
			await seen.catch(() => undefined);
		}
	}

	async #begin(): Promise<void> {
		// A newer start (the network came back while this one was committing) replaces this one.
		const run = ++this.#runs;
		this.#cancelSync();
		this.#setState('syncing');
		this.#progress = 0;
		try {
			// A commit point: what has been typed goes into the record before it is sent.
			await this.#record.drafts.flushDrafts();
			await this.#record.commitAllDrafts();
		} catch (error) {
			// A draft that will not commit stays a draft; only a full device stops the sync.
			this.#handleDeviceError(error);
			if (this.#outOfSpace) return;
		}
		if (!this.#started || run !== this.#runs) return;

		this.#cancelSync();
		const sync = this.#record.db.sync(this.#remote, {
			live: true,
			retry: true,
			back_off_function: backOff,
			// Bigger batches mean fewer round trips on a slow connection: a caseload is thousands.
			batch_size: 250,
			// What a device sends is its own few changed documents, but each may carry a file of up
			// to 10 MB (14 MB as the JSON sends it): four at most keep a push within the server's
			// body limit for a push (`pushBodyLimit` in src/lib/server/body.ts), however many wait.
			push: { batch_size: pushBatchSize }
		}) as LiveSync;
		this.#sync = sync;
		this.#active = { push: false, pull: false };
		this.#caughtUp = { push: false, pull: false };
		this.#failing = { push: null, pull: null };
		// Events from a run that has since been cancelled are ignored.
		const on = (replication: Direction, event: string, listener: (arg?: unknown) => void) =>
			replication.on(event, (arg?: unknown) => {
				if (this.#sync === sync) listener(arg);
			});
		for (const direction of ['push', 'pull'] as const) {
			const replication = sync[direction];
			on(replication, 'active', () => this.#onActive(direction));
			on(replication, 'paused', (error) => this.#onPaused(direction, error));
			// Emitted before each retry, including those that never got as far as 'active'.
			on(replication, 'requestError', (error) => this.#onFailure(direction, error));
			on(replication, 'change', (info) => this.#onChange(direction, info));
			on(replication, 'denied', (error) => void this.#enqueue(() => this.#recordRefusal(error)));
		}
		on(sync.push, 'checkpoint', (info) => this.#onPushCheckpoint(info));
		// Fatal (PouchDB gives up after a 401 or 403 rather than retry); without a listener the
		// event would be thrown. (`on` returns the sync, which is also a promise: nothing to await.)
		void sync.on('error', (error) => {
			if (this.#sync === sync) this.#handleError(error);
		});
	}

	#onActive(direction: 'push' | 'pull'): void {
		this.#active[direction] = true;
		this.#failing[direction] = null;
		if (this.#state !== 'syncing') this.#progress = 0;
		this.#setState('syncing');
	}

	#onPaused(direction: 'push' | 'pull', error: unknown): void {
		this.#active[direction] = false;
		if (error) return this.#onFailure(direction, error);
		this.#failing[direction] = null;
		this.#caughtUp[direction] = true;
		// Up to date only when both directions have caught up, and neither is failing.
		if (!this.#caughtUp.push || !this.#caughtUp.pull) return;
		if (this.#active.push || this.#active.pull) return;
		if (this.#failing.push || this.#failing.pull) return;
		this.#pending.noteSynced(this.#clock());
		this.#lastSyncedAt = this.#pending.lastSyncedAt;
		this.#setState('up-to-date');
		// Caught up, with every batch pulled already queued for merging: once those merges are
		// done, everything up to here has been checked for conflicts.
		void this.#enqueue(async () => {
			this.#pending.noteConflictsChecked(Number((await this.#record.db.info()).update_seq) || 0);
			await this.#pending.save();
		});
	}

	#onFailure(direction: 'push' | 'pull', error: unknown): void {
		this.#failing[direction] = error ?? true;
		this.#handleError(error);
	}

	#onChange(direction: 'push' | 'pull', change: unknown): void {
		const info = change as PouchDB.Replication.ReplicationResult<object>;
		this.#progress += info.docs.length;
		if (direction === 'push') return;
		this.#pending.notePulled(info.docs);
		const ids = info.docs.map((doc) => doc._id);
		void this.#enqueueWhileStarted(() => resolveConflicts(this.#resolver, ids));
	}

	#onPushCheckpoint(info: unknown): void {
		const seq = (info as { checkpoint?: unknown } | undefined)?.checkpoint;
		if (!this.#pending.notePushed(seq)) return;
		this.#schedulePendingCount();
		void this.#enqueueWhileStarted(() => this.#pending.save());
	}

	async #recordRefusal(denied: unknown): Promise<void> {
		const error = (denied ?? {}) as { id?: unknown; rev?: unknown; reason?: unknown; message?: unknown };
		if (typeof error.id !== 'string') return;
		const rev =
			typeof error.rev === 'string'
				? error.rev
				: ((await this.#record.getDoc(error.id))?._rev ?? 'unknown');
		const reason =
			typeof error.reason === 'string'
				? error.reason
				: typeof error.message === 'string'
					? error.message
					: 'The server did not say why.';
		await this.#record.drafts.recordRefusal({
			docId: error.id,
			rev,
			reason,
			at: this.#clock().toISOString()
		});
		this.#refusals = await this.#record.drafts.listRefusals();
	}

	async #checkConflictsSinceLastRun(): Promise<void> {
		const { checkedTo } = await resolveConflictsSince(this.#resolver, this.#pending.conflictsCheckedSeq);
		this.#pending.noteConflictsChecked(checkedTo);
	}

	#schedulePendingCount(): void {
		if (this.#pendingTimer || !this.#started) return;
		this.#pendingTimer = setTimeout(() => {
			this.#pendingTimer = null;
			this.#countPending().catch((error: unknown) => this.#handleDeviceError(error));
		}, pendingCountDelayMs);
	}

	async #countPending(): Promise<void> {
		this.#pendingCount = await this.#pending.count();
	}

	#handleError(error: unknown): void {
		if (isQuotaExceeded(error)) return this.#runOutOfSpace();
		const status = statusOf(error);
		if (status === 401) return this.#fail(messages.signedOut);
		if (status === 403) return this.#fail(messages.forbidden);
		if (!this.#isOnline()) return this.#goOffline();
		if (status !== undefined && status >= 500) return this.#fail(messages.serverProblem);
		// No answer at all: the network is up but the server cannot be reached from here.
		this.#setState('offline');
	}

	/** A failure of this device's own storage or code, not of the network or the server. */
	#handleDeviceError(error: unknown): void {
		if (isQuotaExceeded(error)) return this.#runOutOfSpace();
		console.error('Sync failed on this device', error);
		this.#fail(messages.deviceProblem);
	}

	#runOutOfSpace(): void {
		this.#outOfSpace = true;
		this.#state = 'error';
		this.#error = outOfStorageMessage;
	}

	#fail(message: string): void {
		if (this.#outOfSpace) return;
		this.#state = 'error';
		this.#error = message;
	}

	#setState(state: Exclude<SyncState, 'error'>): void {
		if (this.#outOfSpace) return;
		this.#state = state;
		this.#error = null;
	}

	#goOffline(): void {
		this.#cancelSync();
		this.#setState('offline');
	}

	#cancelSync(): void {
		const sync = this.#sync;
		this.#sync = null;
		sync?.cancel();
	}

	#enqueue<T>(task: () => Promise<T>): Promise<T | undefined> {
		const run = this.#queue
			.catch(() => undefined)
			.then(task)
			.catch((error: unknown) => {
				this.#handleDeviceError(error);
				return undefined;
			});
		this.#queue = run;
		return run;
	}

	/**
	 * Bookkeeping that can wait for the next start: skipped once syncing has stopped, so signing
	 * out does not wait for a long first sync's merges. Conflicts are looked for again at start,
	 * and a checkpoint not saved only makes the pending count too high for a moment, never too low.
	 */
	#enqueueWhileStarted<T>(task: () => Promise<T>): Promise<T | undefined> {
		return this.#enqueue(async () => (this.#started ? task() : undefined));
	}

	#listen(event: 'online' | 'offline', listener: () => void): void {
		const events = this.#events;
		if (!events) return;
		events.addEventListener(event, listener);
		this.#unsubscribe.push(() => events.removeEventListener(event, listener));
	}

	/** Asks the browser not to evict this site's data under storage pressure, once a page. */
	#askToPersist(): void {
		const storage = this.#storage;
		if (!storage || persistenceAsked.has(storage)) return;
		persistenceAsked.add(storage);
		// A browser that declines keeps the data as usual, only without the promise; nothing to do.
		storage.persist().catch(() => undefined);
	}
}

function statusOf(error: unknown): number | undefined {
	const status = (error as { status?: unknown } | null)?.status;
	return typeof status === 'number' ? status : undefined;
}

function browserWindow(): SyncOptions['events'] {
	return typeof window === 'undefined' ? null : window;
}
