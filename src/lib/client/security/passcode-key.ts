/**
 * The data key, kept on the device only wrapped by the person's passcode. The wrapping key is
 * derived with PBKDF2-SHA-256 (600,000 iterations at least, as OWASP advises for it in 2023 and
 * after) from the passcode and a random salt; AES-KW wraps the data key, and refuses to unwrap it
 * under any other key, which is how a wrong passcode is told apart from a right one.
 *
 * Unwrapped, the data key is non-extractable: script on the page can use it but never read it.
 */
import { fromBase64, generateDataKey, toBase64 } from './cipher';

export const minimumIterations = 600_000;
export const currentVersion = 1;

/**
 * What the device keeps: enough to unwrap the key given the passcode, and nothing more. Checked
 * when read by `parseDeviceKey` (`device-key-lookup.ts`) and when written by `wrappedKey`
 * (`device-keys.ts`).
 */
export interface WrappedKey {
	version: typeof currentVersion;
	/** base64 */
	salt: string;
	iterations: number;
	/** base64, AES-KW */
	wrapped: string;
}

export interface KeyOptions {
	/**
	 * Tests only: fewer PBKDF2 iterations so a test suite does not spend seconds per key. The app
	 * never passes it, so every key it makes has at least `minimumIterations`.
	 */
	testOnlyIterations?: number;
}

export class WrongPasscodeError extends Error {
	constructor() {
		super('The passcode does not unlock the key on this device');
		this.name = 'WrongPasscodeError';
	}
}

/** A new data key for this device, and the form of it to store. */
export async function createKey(
	passcode: string,
	options: KeyOptions = {}
): Promise<{ key: CryptoKey; stored: WrappedKey }> {
	const iterations = options.testOnlyIterations ?? minimumIterations;
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const wrapping = await wrappingKey(passcode, salt, iterations);
	const fresh = await generateDataKey();
	const wrapped = new Uint8Array(await crypto.subtle.wrapKey('raw', fresh, wrapping, 'AES-KW'));
	const stored: WrappedKey = {
		version: currentVersion,
		salt: toBase64(salt),
		iterations,
		wrapped: toBase64(wrapped)
	};
	// The key used from now on is a non-extractable copy; the extractable one is dropped here.
	return { key: await unwrap(wrapped, wrapping), stored };
}

/** The data key, given the right passcode; `WrongPasscodeError` otherwise. */
export async function unlockKey(passcode: string, stored: WrappedKey): Promise<CryptoKey> {
	const wrapping = await wrappingKey(passcode, fromBase64(stored.salt), stored.iterations);
	try {
		return await unwrap(fromBase64(stored.wrapped), wrapping);
	} catch {
		throw new WrongPasscodeError();
	}
}

async function wrappingKey(passcode: string, salt: Uint8Array, iterations: number) {
	const material = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(passcode),
		'PBKDF2',
		false,
		['deriveKey']
	);
	return crypto.subtle.deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
		material,
		{ name: 'AES-KW', length: 256 },
		false,
		['wrapKey', 'unwrapKey']
	);
}

function unwrap(wrapped: Uint8Array, wrapping: CryptoKey): Promise<CryptoKey> {
	return crypto.subtle.unwrapKey(
		'raw',
		wrapped as BufferSource,
		wrapping,
		'AES-KW',
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}
