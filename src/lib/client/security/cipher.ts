/**
 * Sealing and opening what this device stores about children: AES-GCM (WebCrypto) under the data
 * key, a fresh random 96-bit IV for every seal. A seal is `iv ‖ ciphertext ‖ tag`, so it carries
 * everything needed to open it except the key. GCM's tag means a changed byte is refused rather
 * than opened into something wrong.
 *
 * `context` is bound into each seal as additional data (a document id, say), so a sealed value
 * copied onto another record on disk does not open there.
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
	constructor(private readonly key: CryptoKey) {}

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
		return toBase64(await this.sealBytes(encoder.encode(JSON.stringify(value)), context));
	}

	async openJson<T = unknown>(sealed: string, context: string): Promise<T> {
		return JSON.parse(decoder.decode(await this.openBytes(fromBase64(sealed), context))) as T;
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
