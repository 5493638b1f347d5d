/**
 * How a screen reads the local record: every document parsed by its kind's schema (never cast),
 * and a note of what was read, so the screen reads again when, and only when, one of those
 * documents changes (`live-read.ts`).
 *
 * A document that does not parse (a newer version from another device, or one damaged on disk)
 * is not passed off as valid: reading it fails with an error that names the document and the
 * field, which the screen shows.
 */
import { parseDocument, type DocumentOfKind } from '$lib/domain/documents';
import { parseId, type DocumentKind } from '$lib/domain/ids';
import { describeErrors } from '$lib/domain/schemas/errors';

/** A document as read from the record: its kind's shape, with its revision. */
export type Read<K extends DocumentKind> = DocumentOfKind<K> & { _id: string; _rev: string };

/** A document of any kind, with its kind. */
export type ReadAny = { [K in DocumentKind]: { kind: K; doc: Read<K> } }[DocumentKind];

export class UnreadableDocument extends Error {
	constructor(
		readonly docId: string,
		reason: string
	) {
		super(`The document ${docId} on this device cannot be read: ${reason}`);
	}
}

export class RecordReader {
	readonly #ids = new Set<string>();
	readonly #prefixes: string[] = [];

	constructor(readonly db: PouchDB.Database) {}

	/** One document of kind `kind`, or null where it is not on this device. */
	async doc<K extends DocumentKind>(kind: K, id: string): Promise<Read<K> | null> {
		this.#ids.add(id);
		if (parseId(id)?.kind !== kind) return null;
		try {
			return parsed(kind, await this.db.get(id));
		} catch (error) {
			if ((error as { status?: number }).status === 404) return null;
			throw error;
		}
	}

	/** These documents, those on the device, in the order asked for. */
	async docs<K extends DocumentKind>(kind: K, ids: readonly string[]): Promise<Read<K>[]> {
		for (const id of ids) this.#ids.add(id);
		const wanted = ids.filter((id) => parseId(id)?.kind === kind);
		if (wanted.length === 0) return [];
		const found = await this.db.allDocs({ keys: wanted, include_docs: true });
		return found.rows.flatMap((row) =>
			'doc' in row && row.doc ? [parsed(kind, row.doc)] : []
		);
	}

	/**
	 * The ids under `prefix` (clear on disk, so cheap), kept in the read: a document added under it
	 * later reads the screen again.
	 */
	async idsUnder(prefix: string): Promise<string[]> {
		this.#prefixes.push(prefix);
		const listed = await this.db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0` });
		return listed.rows.map((row) => row.id);
	}

	/** The documents of one kind under `prefix`. */
	async under<K extends DocumentKind>(kind: K, prefix: string): Promise<Read<K>[]> {
		const ids = (await this.idsUnder(prefix)).filter((id) => parseId(id)?.kind === kind);
		return this.docs(kind, ids);
	}

	/** Every document under `prefix`, each parsed by its own kind's schema. */
	async allUnder(prefix: string): Promise<ReadAny[]> {
		const ids = await this.idsUnder(prefix);
		if (ids.length === 0) return [];
		const found = await this.db.allDocs({ keys: ids, include_docs: true });
		return found.rows.flatMap((row) => {
			if (!('doc' in row) || !row.doc) return [];
			const kind = parseId(row.id)?.kind;
			return kind ? [{ kind, doc: parsed(kind, row.doc) } as ReadAny] : [];
		});
	}

	/**
	 * Follows every document under `prefix` without listing them: for a read made another way
	 * (the home screen's snapshot, kept up to date from the record's own feed).
	 */
	follow(prefix: string): void {
		this.#prefixes.push(prefix);
	}

	/** Whether a change to this document could change what was read. */
	reads(id: string): boolean {
		return this.#ids.has(id) || this.#prefixes.some((prefix) => id.startsWith(prefix));
	}
}

/**
 * A document as stored, parsed by its kind's schema; `UnreadableDocument` where it does not fit
 * (for reads that take documents from the record in bulk, such as the home screen's).
 */
export function parsed<K extends DocumentKind>(kind: K, stored: unknown): Read<K> {
	const result = parseDocument(stored);
	const id = (stored as { _id?: string })._id ?? '(no id)';
	if (!result.ok) throw new UnreadableDocument(id, describeErrors(result.errors));
	if (result.kind !== kind) throw new UnreadableDocument(id, `it is not a ${kind} document`);
	return { ...result.doc, _id: id, _rev: (stored as { _rev: string })._rev } as Read<K>;
}
