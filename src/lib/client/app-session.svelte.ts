/**
 * The signed-in person on this device, their local record and its sync: made once when the app
 * starts, and available to every screen. Online, the server says who is signed in; offline, the
 * person who last signed in here carries on with what is on the device.
 *
 * Their data on the device is encrypted (`security/`), so signing in is not enough to see it:
 *   signed-out    → the sign-in page;
 *   set-passcode  → signed in online for the first time on this device: choose a passcode;
 *   locked        → the passcode unlocks the data key (at every start, and after the idle lock);
 *   unlocked      → the key is in memory, the record and drafts are open, sync runs.
 * Locking drops the key, stops sync and closes the stores; drafts are flushed to disk first.
 */
import { goto, preloadCode } from '$app/navigation';
import { resolve } from '$app/paths';
import type { LocalRecord } from './data/record';
import type { SyncManager } from './data/sync.svelte';
import { forgetUser, rememberedUser, rememberUser } from './device-user';
import { Cipher } from './security/cipher';
import { registerDevice, sendDeviceId } from './security/device-id';
import { findDeviceKey } from './security/device-key-lookup';
import { watchIdle } from './security/idle-lock';
import { createKey, unlockKey, WrongPasscodeError } from './security/passcode-key';
import { maxWrongPasscodes, triesLeft } from './security/passcode-rules';
import type { WipeReason } from './security/wipe';
import { currentUser, signOut, type SessionUser } from './current-user';
import { markTime } from './timing';

/**
 * The record, its sync and the drafts, loaded once and only when needed (see `session-data.ts`):
 * the gate screens never wait for them.
 */
let loadingData: Promise<typeof import('./session-data')> | null = null;
const sessionData = () => (loadingData ??= import('./session-data'));

export type Phase = 'starting' | 'signed-out' | 'set-passcode' | 'locked' | 'unlocked';

export type UnlockResult =
	| { kind: 'unlocked' }
	/** `triesLeft` before this device's data is removed. */
	| { kind: 'wrong'; triesLeft: number }
	| { kind: 'wiped' };

export type RemoveResult =
	| { kind: 'removed' }
	/** Changes that could not be sent: removing now would lose them, so a person must confirm. */
	| { kind: 'unsynced'; count: number };

/** How long sign-out waits for unsent changes to reach the server before asking. */
const pushTimeoutMs = 20_000;

class AppSession {
	#user = $state<SessionUser | null>(null);
	#record = $state<LocalRecord | null>(null);
	#sync = $state<SyncManager | null>(null);
	#phase = $state<Phase>('starting');
	#starting: Promise<void> | null = null;
	#checkingAccess = false;
	#stopWatching: (() => void) | null = null;
	#stopIdle: (() => void) | null = null;
	#wiping = false;
	/** The data key, only while unlocked. */
	#cipher: Cipher | null = null;

	get user() {
		return this.#user;
	}
	get record() {
		return this.#record;
	}
	get sync() {
		return this.#sync;
	}
	get phase() {
		return this.#phase;
	}
	/** True once we know whether anyone is signed in. */
	get ready() {
		return this.#phase !== 'starting';
	}

	/** Finds who is signed in (asking the server when it can be reached), and what they must do next. */
	start(): Promise<void> {
		this.#starting ??= this.#start();
		return this.#starting;
	}

	async #start() {
		markTime('pep:start');
		const fromServer = navigator.onLine ? await currentUser() : undefined;
		if (fromServer === 'revoked') {
			const remembered = rememberedUser();
			if (remembered) return this.wipe(remembered, 'revoked');
			this.#phase = 'signed-out';
			return;
		}
		const user = fromServer === undefined ? rememberedUser() : fromServer;
		if (!user) {
			this.#phase = 'signed-out';
			return;
		}
		this.#user = user;
		// Most starts end on the unlock screen: fetch its code while the device is asked for a key.
		void preloadCode(resolve('/unlock')).catch(() => undefined);
		const key = await findDeviceKey(user.userId);
		markTime('pep:start:device-key');
		// With no passcode here yet, one can be set only after an online sign-in.
		this.#phase = key ? 'locked' : fromServer ? 'set-passcode' : 'signed-out';
	}

	/** After a successful online sign-in. */
	async signedIn(user: SessionUser) {
		rememberUser(user);
		this.#user = user;
		this.#phase = (await findDeviceKey(user.userId)) ? 'locked' : 'set-passcode';
		this.#starting = Promise.resolve();
	}

	/** The first time on this device: makes the data key, wrapped by this passcode, and unlocks. */
	async setPasscode(passcode: string): Promise<void> {
		const user = this.#requireUser();
		const data = this.preload();
		const { key, stored } = await createKey(passcode);
		const deviceId = crypto.randomUUID();
		// Registered while online (this follows a sign-in), so an administrator can revoke it.
		await registerDevice(deviceId);
		const { saveDeviceKey } = await data;
		await saveDeviceKey({ userId: user.userId, key: stored, failedAttempts: 0, deviceId });
		await this.#unlockWith(user, key, deviceId);
	}

	async unlock(passcode: string): Promise<UnlockResult> {
		const user = this.#requireUser();
		const stored = await findDeviceKey(user.userId);
		if (!stored) {
			this.#phase = 'signed-out';
			return { kind: 'wiped' };
		}
		// Loading the record's code goes on while the key is derived (if typing did not finish it).
		const data = this.preload();
		try {
			const key = await unlockKey(passcode, stored.key);
			markTime('pep:unlock:key');
			const { noteRightPasscode } = await data;
			// The count of wrong tries starts again while the record opens: neither waits for the other.
			await Promise.all([
				noteRightPasscode(user.userId),
				this.#unlockWith(user, key, stored.deviceId)
			]);
			return { kind: 'unlocked' };
		} catch (error) {
			if (!(error instanceof WrongPasscodeError)) throw error;
			const { noteWrongPasscode } = await data;
			const wrong = await noteWrongPasscode(user.userId);
			if (wrong >= maxWrongPasscodes) {
				await this.wipe(user, 'passcode');
				return { kind: 'wiped' };
			}
			return { kind: 'wrong', triesLeft: triesLeft(wrong) };
		}
	}

	/**
	 * Starts loading what unlocking needs (the record's code, PouchDB, the drafts' database), so
	 * that it is ready by the time the passcode has been typed. Safe to call more than once.
	 */
	preload(): Promise<typeof import('./session-data')> {
		const data = sessionData();
		const userId = this.#user?.userId;
		// PouchDB is loaded by the record on first use: fetch it now too, and open the person's
		// database with it, so that unlocking does not wait for the disk.
		void data
			.then(async (loaded) => {
				if (userId) await loaded.openRecordEarly(userId);
				else await loaded.browserPouch();
			})
			.catch(() => undefined);
		return data;
	}

	async #unlockWith(user: SessionUser, key: CryptoKey, deviceId: string) {
		markTime('pep:unlock:code-wait');
		const {
			browserEncryptedPouch,
			browserRemotePouch,
			caseloadSnapshot,
			keepCaseloadSealed,
			open,
			openDrafts,
			SyncManager
		} = await sessionData();
		const cipher = new Cipher(key);
		this.#cipher = cipher;
		sendDeviceId(deviceId);
		const drafts = openDrafts(user.userId, cipher);
		const record = await open(user.userId, { pouch: await browserEncryptedPouch(cipher), drafts });
		keepCaseloadSealed(record.db, cipher);
		// Most unlocks land on the home screen: its documents are read and decrypted now, while
		// the screen's code starts, and the screen then finds them ready.
		void caseloadSnapshot(record.db).catch(() => undefined);
		const sync = new SyncManager({
			record,
			remote: await browserRemotePouch(location.origin, () => void this.#revoked())
		});
		this.#user = user;
		this.#record = record;
		this.#sync = sync;
		this.#phase = 'unlocked';
		markTime('pep:unlock:record-open');
		this.#watchAccess(sync);
		void sync.start();
		await this.#watchIdle();
	}

	/** Writes what was typed in the last moment to disk (nothing is open before unlocking). */
	async flushDrafts(): Promise<void> {
		if (loadingData) await (await loadingData).flushDrafts();
	}

	/**
	 * Before a new version replaces the page: sync stops, so no request from this page is in
	 * flight through the old service worker, which Chromium lets hold up the new one's taking
	 * over indefinitely. What is unsent goes after the restart.
	 */
	async stopSyncForUpdate(): Promise<void> {
		const sync = this.#sync;
		this.#stopSync();
		await this.#cutOffRequests();
		await sync?.settled();
	}

	/** Changes how soon the app locks, from now on. */
	async setLockAfter(seconds: number): Promise<void> {
		const { setLockAfterSeconds } = await sessionData();
		await setLockAfterSeconds(seconds);
		if (this.#phase === 'unlocked') await this.#watchIdle();
	}

	async #watchIdle() {
		const { lockAfterSeconds } = await sessionData();
		const afterMs = (await lockAfterSeconds()) * 1000;
		this.#stopIdle?.();
		this.#stopIdle = watchIdle(afterMs, () => void this.lock());
	}

	/** Locks now: what was typed is flushed to disk, then the key and the open stores are dropped. */
	async lock(): Promise<void> {
		if (this.#phase !== 'unlocked') return;
		await this.#close();
		const back = `${location.pathname}${location.search}`;
		this.#phase = 'locked';
		// eslint-disable-next-line svelte/no-navigation-without-resolve -- resolved above, plus a query
		await goto(`${resolve('/unlock')}?next=${encodeURIComponent(back)}`, { replaceState: true });
	}

	async #close() {
		this.#stopIdle?.();
		this.#stopIdle = null;
		const cipher = this.#cipher;
		this.#cipher = null;
		const sync = this.#sync;
		const record = this.#record;
		// Screens let go of the record first, so none reads from a store that is closing.
		this.#stopSync();
		// Before the session ends on the server (sign-out), so nothing of this sync's is refused.
		await this.#cutOffRequests();
		this.#record = null;
		// Nothing was opened if the record's code was never loaded.
		if (loadingData) await (await loadingData).closeDrafts();
		await sync?.settled();
		record?.close();
		// The plaintext it remembered goes with the key (the last drafts were sealed above).
		cipher?.forget();
	}

	/** Each time the device has caught up with nothing left to send, check nothing was withdrawn. */
	#watchAccess(sync: SyncManager) {
		this.#stopWatching?.();
		this.#stopWatching = $effect.root(() => {
			$effect(() => {
				if (sync.state === 'up-to-date' && sync.pendingCount === 0) void this.#removeWithdrawn();
			});
		});
	}

	/**
	 * A child withdrawn from this person leaves the device: their edits have been sent (nothing is
	 * pending), so the local record is rebuilt from what the server still lets them see. Checked
	 * again just before the rebuild, with no screen holding the record: something saved since the
	 * device was last up to date (a PEP started a moment ago) is sent first, at the next check.
	 */
	async #removeWithdrawn() {
		const { record, user } = this;
		const cipher = this.#cipher;
		if (this.#checkingAccess || !record || !user || !cipher) return;
		this.#checkingAccess = true;
		try {
			const {
				browserEncryptedPouch,
				browserRemotePouch,
				childIdOf,
				discardDraft,
				keepCaseloadSealed,
				listDrafts,
				localIds,
				open,
				reachableChildren,
				SyncManager,
				withdrawnChildren
			} = await sessionData();
			const reachable = await reachableChildren();
			if (!reachable) return;
			const gone = new Set(withdrawnChildren(await localIds(record.db), reachable));
			if (gone.size === 0) return;
			const sync = this.#sync;
			if (!sync) return;
			this.#stopSync();
			await sync.settled();
			// Screens let go of the record, so nothing new is saved into it from here on.
			this.#record = null;
			if ((await sync.recount()) > 0) {
				this.#record = record;
				this.#sync = sync;
				this.#watchAccess(sync);
				void sync.start();
				return;
			}
			for (const draft of await listDrafts()) {
				const childId = childIdOf(draft.docId);
				if (childId && gone.has(childId)) await discardDraft(draft.docId, draft.part);
			}
			await record.db.destroy();
			const fresh = await open(user.userId, {
				pouch: await browserEncryptedPouch(cipher),
				drafts: record.drafts
			});
			keepCaseloadSealed(fresh.db, cipher);
			this.#record = fresh;
			const next = new SyncManager({
				record: fresh,
				remote: await browserRemotePouch(location.origin, () => void this.#revoked())
			});
			this.#sync = next;
			this.#watchAccess(next);
			void next.start();
		} finally {
			this.#checkingAccess = false;
		}
	}

	/** Signs out; what was typed stays on this device, saved as drafts, encrypted. */
	async signOut() {
		await this.#close();
		// The server's session ends first. The screen moves to sign-in as soon as the phase
		// changes, and a page closed or reloaded then would cut the request off, leaving the
		// session open on the server (offline, this fails at once and the session ends with its
		// cookie's expiry).
		await signOut().catch(() => undefined);
		this.#user = null;
		this.#phase = 'signed-out';
		forgetUser();
		this.#starting = null;
		await goto(resolve('/sign-in'), { replaceState: true });
	}

	/**
	 * Signs out and removes this person's data from the device. Unsent changes are pushed first;
	 * any that cannot be sent are counted and nothing is removed unless `loseUnsynced` says so.
	 */
	async signOutAndRemove(loseUnsynced = false): Promise<RemoveResult> {
		const user = this.#requireUser();
		const unsent = await this.#pushEverything();
		if (unsent > 0 && !loseUnsynced) return { kind: 'unsynced', count: unsent };
		await this.wipe(user, 'signed-out');
		return { kind: 'removed' };
	}

	/** Commits every draft and waits (a while) for sync to send them; returns what is still unsent. */
	async #pushEverything(): Promise<number> {
		const sync = this.#sync;
		const record = this.#record;
		if (!sync || !record) return 0;
		await record.drafts.flushDrafts();
		await record.commitAllDrafts().catch(() => undefined);
		const unsentDrafts = async () => (await record.drafts.listDrafts()).length;
		if (navigator.onLine) {
			await sync.syncNow();
			const until = Date.now() + pushTimeoutMs;
			while (Date.now() < until) {
				await new Promise((done) => setTimeout(done, 500));
				if (sync.state === 'up-to-date' && sync.pendingCount === 0) break;
				if (sync.state === 'error' || sync.state === 'offline') break;
			}
		}
		await sync.recount();
		return sync.pendingCount + (await unsentDrafts());
	}

	/** Removes this person's data from the device and returns to sign-in, saying why. */
	async wipe(user: SessionUser, reason: WipeReason): Promise<void> {
		if (this.#wiping) return;
		this.#wiping = true;
		try {
			await this.#close();
			const { wipeDevice } = await sessionData();
			await wipeDevice(user.userId);
			forgetUser();
			this.#user = null;
			this.#phase = 'signed-out';
			this.#starting = null;
			await signOut().catch(() => undefined);
			// eslint-disable-next-line svelte/no-navigation-without-resolve -- resolved above, plus a query
			await goto(`${resolve('/sign-in')}?removed=${reason}`, { replaceState: true });
		} finally {
			this.#wiping = false;
		}
	}

	async #revoked() {
		const user = this.#user;
		if (user) await this.wipe(user, 'revoked');
	}

	#requireUser(): SessionUser {
		if (!this.#user) throw new Error('Nobody is signed in on this device.');
		return this.#user;
	}

	#stopSync() {
		this.#stopWatching?.();
		this.#stopWatching = null;
		this.#sync?.stop();
		this.#sync = null;
	}

	/** Cuts off sync's requests still under way, and any it would make (`abortRemoteRequests`). */
	async #cutOffRequests() {
		if (loadingData) (await loadingData).abortRemoteRequests();
	}
}

export const appSession = new AppSession();
