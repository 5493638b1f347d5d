/**
 * Sealing and opening what this device stores about children: AES-GCM (WebCrypto) under the data
 * key, a fresh random 96-bit IV for every seal. A seal is `iv ‖ ciphertext ‖ tag`, so it carries
 * everything needed to open it except the key. GCM's tag means a changed byte is refused rather
 * than opened into something wrong.
 *
 * `context` is bound into each seal as additional data (a document id, say), so a sealed value
 * copied onto another record on disk does not open there.
 *
 * While unlocked, a cipher remembers the plaintext of the JSON it sealed or opened lately
 * (`SealMemo`): a seal read back from disk that is, character for character, one it already knows
 * under the same context opens to the same plaintext, so it is not decrypted again. A commit reads
 * back the draft and the document this device has just written, and screens read the same
 * documents again and again. `forget()` drops it all when the app locks.
 */

const ivBytes = 12;
/** What a seal adds to its plaintext: the IV and GCM's 128-bit tag. */
export const sealOverheadBytes = ivBytes + 16;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A new random data key, for one person on one device. Extractable only so it can be wrapped. */
export function generateDataKey(): Promise<CryptoKey> {
	return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
		'encrypt',
		'decrypt'
	]) as Promise<CryptoKey>;
}

export class Cipher {
	readonly #memo = new SealMemo();

	constructor(private readonly key: CryptoKey) {}

	/** Drops every plaintext remembered since unlocking (see `SealMemo`). */
	forget(): void {
		this.#memo.clear();
	}

	async sealBytes(plain: Uint8Array, context: string): Promise<Uint8Array> {
		const iv = crypto.getRandomValues(new Uint8Array(ivBytes));
		const sealed = await crypto.subtle.encrypt(
			{ name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
			this.key,
			plain as BufferSource
		);
		const out = new Uint8Array(ivBytes + sealed.byteLength);
		out.set(iv);
		out.set(new Uint8Array(sealed), ivBytes);
		return out;
	}

	/** Throws when the seal was changed, made under another key, or made for another context. */
	async openBytes(sealed: Uint8Array, context: string): Promise<Uint8Array> {
		if (sealed.byteLength < sealOverheadBytes) throw new SealError('too short to be a seal');
		try {
			const plain = await crypto.subtle.decrypt(
				{
					name: 'AES-GCM',
					iv: sealed.subarray(0, ivBytes) as BufferSource,
					additionalData: encoder.encode(context)
				},
				this.key,
				sealed.subarray(ivBytes) as BufferSource
			);
			return new Uint8Array(plain);
		} catch {
			throw new SealError(`it does not open for ${context}`);
		}
	}

	/** A JSON value sealed into a base64 string: what is kept in a document or a table row. */
	async sealJson(value: unknown, context: string): Promise<string> {
		const json = JSON.stringify(value);
		const sealed = toBase64(await this.sealBytes(encoder.encode(json), context));
		this.#memo.remember(sealed, context, json);
		return sealed;
	}

	/** A new value each time, even when remembered: callers may change what they are given. */
	async openJson<T = unknown>(sealed: string, context: string): Promise<T> {
		let json = this.#memo.recall(sealed, context);
		if (json === undefined) {
			json = decoder.decode(await this.openBytes(fromBase64(sealed), context));
			this.#memo.remember(sealed, context, json);
		}
		return JSON.parse(json) as T;
	}
}

/**
 * Seals and their plaintext JSON, the most recently used first out of the way last. AES-GCM opens
 * a given seal under a given key and context to one plaintext or not at all, so recalling a seal
 * seen before gives exactly what decrypting it would: a changed seal is a different string, and
 * is decrypted (and refused) as usual. Bounded, so a device reading thousands of documents holds
 * only the last few hundred; kept only in memory, and only while unlocked.
 */
export class SealMemo {
	#entries = new Map<string, { context: string; json: string }>();
	#chars = 0;

	constructor(
		private readonly maxEntries = 500,
		/** Seal and plaintext together, in characters: about 8 MB at two bytes a character. */
		private readonly maxChars = 4_000_000
	) {}

	recall(sealed: string, context: string): string | undefined {
		const entry = this.#entries.get(sealed);
		if (!entry || entry.context !== context) return undefined;
		// The newest again: Map keeps the order things were put in.
		this.#entries.delete(sealed);
		this.#entries.set(sealed, entry);
		return entry.json;
	}

	remember(sealed: string, context: string, json: string): void {
		const size = sealed.length + json.length;
		if (size > this.maxChars) return;
		this.#drop(sealed);
		this.#entries.set(sealed, { context, json });
		this.#chars += size;
		for (const oldest of this.#entries.keys()) {
			if (this.#entries.size <= this.maxEntries && this.#chars <= this.maxChars) break;
			this.#drop(oldest);
		}
	}

	get size(): number {
		return this.#entries.size;
	}

	clear(): void {
		this.#entries.clear();
		this.#chars = 0;
	}

	#drop(sealed: string) {
		const entry = this.#entries.get(sealed);
		if (!entry) return;
		this.#entries.delete(sealed);
		this.#chars -= sealed.length + entry.json.length;
	}
}

export class SealError extends Error {
	constructor(why: string) {
		super(`Stored data could not be decrypted: ${why}`);
		this.name = 'SealError';
	}
}

export function toBase64(bytes: Uint8Array): string {
	let binary = '';
	// In slices: String.fromCharCode takes its bytes as arguments, and arguments are limited.
	for (let i = 0; i < bytes.length; i += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
	const binary = atob(text);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}
