/**
 * The record on this device, encrypted at rest. Wraps one local PouchDB so that every document
 * it writes is sealed (`../security/cipher.ts`) and every document it reads is opened: the app
 * and replication see plain documents, the disk holds ciphertext. The server and the wire are
 * unchanged; only the device's copy is encrypted.
 *
 * What stays clear, because PouchDB or the gateway must read it and it carries no names: the
 * id, the revision metadata (`_rev`, `_revisions`, `_deleted`, `_conflicts`), and the stamps
 * `childId`, `schoolId`, `authorityId`, `type` and `schemaVersion`. Everything else goes into
 * one sealed field. Attachments are sealed byte for byte. `_local/` documents (replication
 * checkpoints, sync bookkeeping) hold only sequence numbers and stay clear.
 *
 * PouchDB 9 makes its methods per instance and calls them through `this` (`put` calls
 * `this.bulkDocs`, an `open_revs` read calls `this.get` per leaf, `bulkGet` on a local database
 * calls `this.get`), so replacing these on the instance covers every way in and out:
 *   in:  bulkDocs (put, post, remove, putAttachment and replication's `new_edits: false` writes)
 *   out: get (incl. `open_revs`, and so bulkGet), allDocs, getAttachment.
 * The changes feed is left as it is, ids and revisions only: asking it for documents is refused,
 * rather than handing out ciphertext.
 */
import { Cipher, fromBase64, toBase64 } from '../security/cipher';

/** The field that holds a sealed document's content. */
export const sealedField = 'sealed';

/** Stamps the gateway reads to decide access; ids and enums, never a name. */
const clearFields = new Set(['childId', 'schoolId', 'authorityId', 'type', 'schemaVersion']);

type Doc = Record<string, unknown> & { _id?: string };
type Attachment = Record<string, unknown> & { data?: unknown; stub?: boolean };
type Callback = (error: unknown, result?: unknown) => void;
type Method = (...args: unknown[]) => Promise<unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isLocalId = (id: unknown) => typeof id === 'string' && id.startsWith('_local/');

export function encryptLocalRecord(db: PouchDB.Database, cipher: Cipher): PouchDB.Database {
	const codec = new DocumentCodec(cipher);
	const methods = db as unknown as Record<string, Method>;

	intercept(methods, 'bulkDocs', async (original, [docs, ...rest]) => {
		const list = Array.isArray(docs) ? docs : isRecord(docs) ? docs.docs : undefined;
		if (!Array.isArray(list)) return original(docs, ...rest);
		const sealed = await Promise.all(list.map((doc: unknown) => codec.seal(doc)));
		return original(Array.isArray(docs) ? sealed : { ...(docs as object), docs: sealed }, ...rest);
	});

	intercept(methods, 'get', async (original, args) => {
		const result = await original(...args);
		if (!Array.isArray(result)) return codec.open(result);
		// `open_revs`: a list of `{ ok: doc }` and `{ missing: rev }`.
		for (const leaf of result) if (isRecord(leaf) && 'ok' in leaf) leaf.ok = await codec.open(leaf.ok);
		return result;
	});

	intercept(methods, 'allDocs', async (original, args) => {
		const result = await original(...args);
		const rows = isRecord(result) && Array.isArray(result.rows) ? result.rows : [];
		await Promise.all(
			rows.map(async (row: unknown) => {
				if (isRecord(row) && row.doc) row.doc = await codec.open(row.doc);
			})
		);
		return result;
	});

	intercept(methods, 'getAttachment', async (original, args) => {
		const [docId, name] = args;
		const sealed = await original(...args);
		return codec.openAttachmentData(sealed, `${String(docId)}/${String(name)}`);
	});

	const changes = (methods.changes as Method).bind(db);
	methods.changes = (...args: unknown[]) => {
		const options = args[0];
		if (isRecord(options) && (options.include_docs || options.filter || options.selector)) {
			throw new Error(
				'The encrypted record does not give documents through its changes feed: read them with allDocs.'
			);
		}
		return changes(...args);
	};
	return db;
}

/**
 * Replaces `db[name]` with `body`, which gets the original and the arguments without the
 * callback. PouchDB calls its own methods both ways, with a callback and for a promise.
 */
function intercept(
	methods: Record<string, Method>,
	name: string,
	body: (original: Method, args: unknown[]) => Promise<unknown>
): void {
	// Not every method is bound to its instance (changes is on the prototype): bind them all.
	const original = (methods[name] as Method).bind(methods);
	methods[name] = (...args: unknown[]) => {
		const callback = typeof args.at(-1) === 'function' ? (args.pop() as Callback) : null;
		const result = body(original, args);
		// Called back and returned too: PouchDB re-calls a method that arrived before the database
		// was ready with the caller's callback, and takes what it returns as the answer.
		if (callback) {
			result.then(
				(value) => callback(null, value),
				(error: unknown) => callback(error)
			);
		}
		return result;
	};
}

class DocumentCodec {
	/**
	 * Documents already opened. An `open_revs` read opens each leaf on the way out of the inner
	 * `get`, then again on the way out of the outer one: opening twice must be a no-op.
	 */
	#opened = new WeakSet<object>();

	constructor(private readonly cipher: Cipher) {}

	async seal(input: unknown): Promise<unknown> {
		if (!isRecord(input) || isLocalId(input._id) || sealedField in input) return input;
		const doc: Doc = { ...input, _id: typeof input._id === 'string' ? input._id : crypto.randomUUID() };
		const id = doc._id as string;
		const clear: Doc = {};
		const content: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(doc)) {
			if (key.startsWith('_') || clearFields.has(key)) clear[key] = value;
			else content[key] = value;
		}
		if (Object.keys(content).length > 0) clear[sealedField] = await this.cipher.sealJson(content, id);
		if (isRecord(doc._attachments)) clear._attachments = await this.#sealAttachments(id, doc._attachments);
		return clear;
	}

	async open(input: unknown): Promise<unknown> {
		if (!isRecord(input) || this.#opened.has(input) || isLocalId(input._id)) return input;
		const id = String(input._id);
		const { [sealedField]: sealed, ...doc } = input;
		if (typeof sealed === 'string') Object.assign(doc, await this.cipher.openJson(sealed, id));
		if (isRecord(doc._attachments)) {
			const attachments: Record<string, unknown> = {};
			for (const [name, att] of Object.entries(doc._attachments)) {
				attachments[name] =
					isRecord(att) && att.data !== undefined
						? { ...att, data: await this.openAttachmentData(att.data, `${id}/${name}`) }
						: att;
			}
			doc._attachments = attachments;
		}
		this.#opened.add(doc);
		return doc;
	}

	/** Attachment bytes as PouchDB handed them over: base64, a Blob (browser) or a Buffer (Node). */
	async openAttachmentData(data: unknown, context: string): Promise<unknown> {
		if (typeof data === 'string') {
			return toBase64(await this.cipher.openBytes(fromBase64(data), context));
		}
		const plain = await this.cipher.openBytes(await bytesOf(data), context);
		if (typeof Blob !== 'undefined' && data instanceof Blob) {
			return new Blob([plain as BlobPart], { type: data.type });
		}
		// Node's Buffer, in tests: give back the same kind of thing.
		const NodeBuffer = (globalThis as { Buffer?: { from(bytes: Uint8Array): unknown } }).Buffer;
		return NodeBuffer ? NodeBuffer.from(plain) : plain;
	}

	async #sealAttachments(id: string, attachments: Record<string, unknown>) {
		const sealed: Record<string, unknown> = {};
		for (const [name, att] of Object.entries(attachments)) {
			if (!isRecord(att) || (att as Attachment).stub || att.data === undefined) {
				sealed[name] = att;
				continue;
			}
			const bytes = await this.cipher.sealBytes(await bytesOf(att.data), `${id}/${name}`);
			// PouchDB works out the digest and length again from what it stores.
			const { digest: _digest, length: _length, ...rest } = att;
			sealed[name] = { ...rest, data: toBase64(bytes) };
		}
		return sealed;
	}
}

async function bytesOf(data: unknown): Promise<Uint8Array> {
	if (typeof data === 'string') return fromBase64(data);
	if (data instanceof Uint8Array) return data;
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	if (typeof Blob !== 'undefined' && data instanceof Blob) {
		return new Uint8Array(await data.arrayBuffer());
	}
	throw new Error('An attachment holds data of a kind this device cannot encrypt');
}
