/**
 * The revision fields of a document a device sends (`_rev`, `_revisions`, `_deleted`), checked
 * for their shape before anything else looks at them. PouchDB takes them on trust when it
 * stores a document: a `_revisions` that is not `{ start, ids }` throws inside it (a 500), one
 * whose ids are not revision hashes is stored as a revision with no body (the record then reads
 * as missing), and any truthy `_deleted` deletes the document, while the write checks
 * (writes.ts) take only `true` for a deletion, so `"_deleted": 1` would delete a record that may
 * not be deleted from a device. Found by fuzzing (tests/integration/fuzz.test.ts).
 */

/** A revision's hash: what PouchDB and CouchDB make is 32 hex digits. */
const hash = /^[0-9A-Za-z]{1,128}$/;
/** A revision: its generation, a dash and its hash. */
const revision = /^[1-9][0-9]{0,15}-[0-9A-Za-z]{1,128}$/;

/** What is wrong with a document's revision fields, in words that name the field, or null. */
export function revisionFieldsProblem(doc: Record<string, unknown>): string | null {
	const { _rev: rev, _revisions: revisions, _deleted: deleted } = doc;
	if (deleted !== undefined && typeof deleted !== 'boolean') {
		return '_deleted must be true or false.';
	}
	if (rev !== undefined && (typeof rev !== 'string' || !revision.test(rev))) {
		return '_rev must be a revision: its generation, a dash and its hash (such as "2-1a2b…").';
	}
	if (revisions === undefined) return null;
	const { start, ids } = (typeof revisions === 'object' && revisions !== null ? revisions : {}) as {
		start?: unknown;
		ids?: unknown;
	};
	const shaped =
		!Array.isArray(revisions) &&
		typeof start === 'number' &&
		Number.isSafeInteger(start) &&
		Array.isArray(ids) &&
		ids.length > 0 &&
		ids.length <= start &&
		ids.every((id) => typeof id === 'string' && hash.test(id));
	if (!shaped) {
		return '_revisions must be { start, ids }: the generation of _rev, and the hashes of it and its ancestors, newest first.';
	}
	if (rev !== undefined && rev !== `${start}-${(ids as string[])[0]}`) {
		return '_rev must be the first of _revisions (its start and first id).';
	}
	return null;
}
