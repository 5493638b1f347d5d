/**
 * The data key and the lock: a passcode turns into the key (`security/passcode-key.ts`), wrong
 * passcodes are counted on the device, the app locks itself after a while untouched, and the key
 * (as a `Cipher`) is held in memory only while unlocked. What is opened with the key is not kept
 * here: see `record-session.svelte.ts`.
 */
import { Cipher } from '../security/cipher';
import { registerDevice } from '../security/device-id';
import { findDeviceKey, type DeviceKey } from '../security/device-key-lookup';
import { watchIdle } from '../security/idle-lock';
import {
	createKey,
	unlockKey,
	WrongPasscodeError,
	type WrappedKey
} from '../security/passcode-key';
import { maxWrongPasscodes, triesLeft } from '../security/passcode-rules';
import { markTime } from '../timing';
import { sessionData, type SessionData } from './load-session-data';

/** What writes the device database (Dexie, checked with zod): loaded with the record's code. */
export type DeviceKeyWrites = Pick<
	SessionData,
	| 'saveDeviceKey'
	| 'noteRightPasscode'
	| 'noteWrongPasscode'
	| 'lockAfterSeconds'
	| 'setLockAfterSeconds'
>;

/** What the key and the lock are made with: the browser's, in the app; fakes in tests. */
export interface KeyParts {
	findDeviceKey(userId: string): Promise<DeviceKey | null>;
	deviceKeyWrites(): Promise<DeviceKeyWrites>;
	createKey(passcode: string): Promise<{ key: CryptoKey; stored: WrappedKey }>;
	unlockKey(passcode: string, stored: WrappedKey): Promise<CryptoKey>;
	/** Tells the server this device exists, so an administrator can revoke it. */
	registerDevice(deviceId: string): Promise<unknown>;
	newDeviceId(): string;
	watchIdle(afterMs: number, onIdle: () => void): () => void;
}

const browserKeyParts: KeyParts = {
	findDeviceKey,
	deviceKeyWrites: sessionData,
	createKey: (passcode) => createKey(passcode),
	unlockKey,
	registerDevice,
	newDeviceId: () => crypto.randomUUID(),
	watchIdle
};

export type KeyUnlock =
	| { kind: 'unlocked' }
	/** `triesLeft` before this device's data is removed. */
	| { kind: 'wrong'; triesLeft: number }
	/** As many wrong passcodes as a device allows: its data must be removed now. */
	| { kind: 'too-many' };

export class DataKey {
	/** The data key, only while unlocked. */
	#cipher: Cipher | null = null;
	#stopIdle: (() => void) | null = null;
	readonly #onIdle: () => void;
	readonly #parts: KeyParts;

	constructor(onIdle: () => void, parts: Partial<KeyParts> = {}) {
		this.#onIdle = onIdle;
		this.#parts = { ...browserKeyParts, ...parts };
	}

	get cipher(): Cipher | null {
		return this.#cipher;
	}

	/** This person's wrapped key on this device; null when no passcode was set here. */
	find(userId: string): Promise<DeviceKey | null> {
		return this.#parts.findDeviceKey(userId);
	}

	/** The first time on this device: makes the data key, wrapped by this passcode, and keeps it. */
	async create(userId: string, passcode: string): Promise<{ cipher: Cipher; deviceId: string }> {
		const writes = this.#parts.deviceKeyWrites();
		const { key, stored } = await this.#parts.createKey(passcode);
		const deviceId = this.#parts.newDeviceId();
		// Registered while online (this follows a sign-in), so an administrator can revoke it.
		await this.#parts.registerDevice(deviceId);
		const { saveDeviceKey } = await writes;
		await saveDeviceKey({ userId, key: stored, failedAttempts: 0, deviceId });
		return { cipher: this.#hold(key), deviceId };
	}

	/**
	 * Unwraps the stored key with `passcode`. Right, the key is kept and `openWith` opens what it
	 * guards; wrong, the try is counted, and the count says whether the data must go.
	 */
	async unlock(
		stored: DeviceKey,
		passcode: string,
		openWith: (cipher: Cipher) => Promise<void>
	): Promise<KeyUnlock> {
		const writes = this.#parts.deviceKeyWrites();
		let key: CryptoKey;
		try {
			key = await this.#parts.unlockKey(passcode, stored.key);
		} catch (error) {
			if (!(error instanceof WrongPasscodeError)) throw error;
			const { noteWrongPasscode } = await writes;
			const wrong = await noteWrongPasscode(stored.userId);
			if (wrong >= maxWrongPasscodes) return { kind: 'too-many' };
			return { kind: 'wrong', triesLeft: triesLeft(wrong) };
		}
		markTime('pep:unlock:key');
		const { noteRightPasscode } = await writes;
		// The count of wrong tries starts again while the record opens: neither waits for the other.
		await Promise.all([noteRightPasscode(stored.userId), openWith(this.#hold(key))]);
		return { kind: 'unlocked' };
	}

	/** (Re)starts the idle lock, with the time the person chose. */
	async watchIdle(): Promise<void> {
		const { lockAfterSeconds } = await this.#parts.deviceKeyWrites();
		const afterMs = (await lockAfterSeconds()) * 1000;
		this.#stopIdle?.();
		this.#stopIdle = this.#parts.watchIdle(afterMs, this.#onIdle);
	}

	/** Changes how soon the app locks; a running idle lock is restarted by `watchIdle`. */
	async setLockAfter(seconds: number): Promise<void> {
		const { setLockAfterSeconds } = await this.#parts.deviceKeyWrites();
		await setLockAfterSeconds(seconds);
	}

	/**
	 * At lock or sign-out: the idle lock stops, and the key is let go of at once, so nothing more
	 * is opened with it. Returns the last step, to take once the stores it sealed are closed:
	 * forgetting the plaintext the cipher remembered.
	 */
	drop(): () => void {
		this.#stopIdle?.();
		this.#stopIdle = null;
		const cipher = this.#cipher;
		this.#cipher = null;
		return () => cipher?.forget();
	}

	#hold(key: CryptoKey): Cipher {
		this.#cipher = new Cipher(key);
		return this.#cipher;
	}
}
