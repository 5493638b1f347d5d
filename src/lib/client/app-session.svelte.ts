/**
 * The signed-in person on this device, their local record and its sync: made once when the app
 * starts, and available to every screen. Online, the server says who is signed in; offline, the
 * person who last signed in here carries on with what is on the device.
 *
 * Their data on the device is encrypted (`security/`), so signing in is not enough to see it: the
 * phases in `session/phase-gate.svelte.ts` say what a person must do next. Its parts:
 *   session/phase-gate.svelte.ts      the phase, and the steps allowed between phases;
 *   session/data-key.ts               passcode → key, wrong tries, the idle lock;
 *   session/record-session.svelte.ts  the record, drafts and sync opened with the key.
 * Locking drops the key, stops sync and closes the stores; drafts are flushed to disk first.
 */
import { goto, preloadCode } from '$app/navigation';
import { resolve } from '$app/paths';
import { forgetUser, rememberedUser, rememberUser } from './device-user';
import type { Cipher } from './security/cipher';
import { sendDeviceId } from './security/device-id';
import type { WipeReason } from './security/wipe';
import { currentUser, signOut, type SessionUser } from './current-user';
import { DataKey } from './session/data-key';
import { sessionData, sessionDataIfLoading, type SessionData } from './session/load-session-data';
import { PhaseGate } from './session/phase-gate.svelte';
import {
	browserRecordParts,
	openRecordSession,
	type RecordSession
} from './session/record-session.svelte';
import { markTime } from './timing';

export type { Phase } from './session/phase-gate.svelte';

export type UnlockResult =
	| { kind: 'unlocked' }
	/** `triesLeft` before this device's data is removed. */
	| { kind: 'wrong'; triesLeft: number }
	| { kind: 'wiped' };

export type RemoveResult =
	| { kind: 'removed' }
	/** Changes that could not be sent: removing now would lose them, so a person must confirm. */
	| { kind: 'unsynced'; count: number };

class AppSession {
	#user = $state<SessionUser | null>(null);
	#session = $state<RecordSession | null>(null);
	readonly #gate = new PhaseGate();
	readonly #key = new DataKey(() => void this.lock());
	#starting: Promise<void> | null = null;
	#wiping = false;

	get user() {
		return this.#user;
	}
	get record() {
		return this.#session?.record ?? null;
	}
	get sync() {
		return this.#session?.sync ?? null;
	}
	get phase() {
		return this.#gate.phase;
	}
	/** True once we know whether anyone is signed in. */
	get ready() {
		return this.#gate.ready;
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
			this.#gate.moveTo('signed-out');
			return;
		}
		const user = fromServer === undefined ? rememberedUser() : fromServer;
		if (!user) {
			this.#gate.moveTo('signed-out');
			return;
		}
		this.#user = user;
		// Most starts end on the unlock screen: fetch its code while the device is asked for a key.
		void preloadCode(resolve('/unlock')).catch(() => undefined);
		const key = await this.#key.find(user.userId);
		markTime('pep:start:device-key');
		// With no passcode here yet, one can be set only after an online sign-in.
		this.#gate.moveTo(key ? 'locked' : fromServer ? 'set-passcode' : 'signed-out');
	}

	/** After a successful online sign-in. */
	async signedIn(user: SessionUser) {
		rememberUser(user);
		this.#user = user;
		this.#gate.moveTo((await this.#key.find(user.userId)) ? 'locked' : 'set-passcode');
		this.#starting = Promise.resolve();
	}

	/** The first time on this device: makes the data key, wrapped by this passcode, and unlocks. */
	async setPasscode(passcode: string): Promise<void> {
		const user = this.#requireUser();
		// The record's code loads while the key is made.
		void this.preload();
		const { cipher, deviceId } = await this.#key.create(user.userId, passcode);
		await this.#openWith(user, cipher, deviceId);
	}

	async unlock(passcode: string): Promise<UnlockResult> {
		const user = this.#requireUser();
		const stored = await this.#key.find(user.userId);
		if (!stored) {
			this.#gate.moveTo('signed-out');
			return { kind: 'wiped' };
		}
		// Loading the record's code goes on while the key is derived (if typing did not finish it).
		void this.preload();
		const tried = await this.#key.unlock(stored, passcode, (cipher) =>
			this.#openWith(user, cipher, stored.deviceId)
		);
		if (tried.kind !== 'too-many') return tried;
		await this.wipe(user, 'passcode');
		return { kind: 'wiped' };
	}

	/**
	 * Starts loading what unlocking needs (the record's code, PouchDB, the drafts' database), so
	 * that it is ready by the time the passcode has been typed. Safe to call more than once.
	 */
	preload(): Promise<SessionData> {
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

	async #openWith(user: SessionUser, cipher: Cipher, deviceId: string) {
		markTime('pep:unlock:code-wait');
		const data = await sessionData();
		sendDeviceId(deviceId);
		const session = await openRecordSession({
			userId: user.userId,
			cipher,
			parts: browserRecordParts(data),
			onRevoked: () => void this.#revoked(),
			onRebuilt: (fresh) => {
				this.#session = fresh;
			}
		});
		this.#user = user;
		this.#session = session;
		this.#gate.moveTo('unlocked');
		markTime('pep:unlock:record-open');
		session.start();
		await this.#key.watchIdle();
	}

	/** Writes what was typed in the last moment to disk (nothing is open before unlocking). */
	async flushDrafts(): Promise<void> {
		const loading = sessionDataIfLoading();
		if (loading) await (await loading).flushDrafts();
	}

	/**
	 * Before a new version replaces the page: sync stops, so no request from this page is in
	 * flight through the old service worker, which Chromium lets hold up the new one's taking
	 * over indefinitely. What is unsent goes after the restart.
	 */
	async stopSyncForUpdate(): Promise<void> {
		await this.#session?.stopSync();
	}

	/** Changes how soon the app locks, from now on. */
	async setLockAfter(seconds: number): Promise<void> {
		await this.#key.setLockAfter(seconds);
		if (this.#gate.phase === 'unlocked') await this.#key.watchIdle();
	}

	/** Locks now: what was typed is flushed to disk, then the key and the open stores are dropped. */
	async lock(): Promise<void> {
		if (this.#gate.phase !== 'unlocked') return;
		await this.#close();
		const back = `${location.pathname}${location.search}`;
		this.#gate.moveTo('locked');
		// eslint-disable-next-line svelte/no-navigation-without-resolve -- resolved above, plus a query
		await goto(`${resolve('/unlock')}?next=${encodeURIComponent(back)}`, { replaceState: true });
	}

	async #close() {
		// Nothing more is opened with the key from here on, and the idle lock stops.
		const forgetKey = this.#key.drop();
		// Sync stops, its requests are cut off, screens let go of the record, the drafts are
		// flushed and closed, sync's bookkeeping settles, and the record closes (`close()`).
		await this.#session?.close();
		this.#session = null;
		// The plaintext it remembered goes with the key (the last drafts were sealed above).
		forgetKey();
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
		this.#gate.moveTo('signed-out');
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
		const unsent = (await this.#session?.pushEverything()) ?? 0;
		if (unsent > 0 && !loseUnsynced) return { kind: 'unsynced', count: unsent };
		await this.wipe(user, 'signed-out');
		return { kind: 'removed' };
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
			this.#gate.moveTo('signed-out');
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
}

export const appSession = new AppSession();
