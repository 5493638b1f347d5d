/**
 * Whether a read may pass `latest` on to the store. PouchDB's `latest` throws for a revision the
 * document does not have, and throws outside any promise (pouchdb's `latest()`: "Unable to
 * resolve latest revision"), so one request naming a revision nobody wrote
 * (`GET /db/pep/{doc}?open_revs=["1-x"]&latest=true`, or `_bulk_get?latest=true`) would take the
 * whole server down for everyone. Found by fuzzing (tests/integration/fuzz.test.ts).
 *
 * So `latest` is kept only when the documents have every revision asked for; otherwise the read
 * is answered as without it, which answers a revision the document does not have as missing (as
 * CouchDB 1.x answered, having no `latest`). A device replicating asks only for revisions the
 * server named in its changes feed, which it has, so replication never loses `latest`.
 */
import { mayRead, type Access } from './access';

export async function latestIsSafe(
	db: PouchDB.Database,
	access: Access,
	asked: readonly { id: string; rev?: string | undefined }[]
): Promise<boolean> {
	// Only documents the caller may read: the answer must not depend on the others.
	const revs = new Map<string, string[]>();
	for (const { id, rev } of asked) {
		if (!rev || !mayRead(access, id)) continue;
		revs.set(id, [...(revs.get(id) ?? []), rev]);
	}
	if (revs.size === 0) return true;
	const missing = await db.revsDiff(Object.fromEntries(revs));
	return Object.values(missing).every((entry) => (entry.missing?.length ?? 0) === 0);
}
