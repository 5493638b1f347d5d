/**
 * Reading the local record for screens. Ids are laid out so that a child's documents sort
 * together (`child:{id}`, `child:{id}:pep:{pepId}`, `…:{part}`), so each query is a key range.
 */
import { parseId } from '$lib/domain/ids';
import type { ChildProfile } from '$lib/domain/schemas/child';
import type { PepHeader } from '$lib/domain/schemas/pep';

type Row = { id: string; doc?: unknown };

async function range(db: PouchDB.Database, prefix: string): Promise<Row[]> {
	const result = await db.allDocs({
		startkey: prefix,
		endkey: `${prefix}\ufff0`,
		include_docs: true
	});
	return result.rows as Row[];
}

/**
 * The children's records, without reading every other document of theirs: the ids alone come
 * from the index, and only the child records are read whole. The home screen shows this list
 * when the app starts, so it is on the way to a usable app.
 */
export async function listChildren(db: PouchDB.Database): Promise<ChildProfile[]> {
	const ids = await db.allDocs({ startkey: 'child:', endkey: 'child:\ufff0' });
	const childIds = ids.rows.map((r) => r.id).filter((id) => parseId(id)?.kind === 'child');
	if (childIds.length === 0) return [];
	const { rows } = await db.allDocs({ keys: childIds, include_docs: true });
	return (rows as Row[])
		.flatMap((r) => (r.doc ? [r.doc as ChildProfile] : []))
		.sort((a, b) => a.person.familyName.localeCompare(b.person.familyName));
}

/** PEP headers of every child this person sees, or of one child: newest first. */
export async function listPeps(db: PouchDB.Database, childId?: string): Promise<PepHeader[]> {
	const rows = await range(db, childId ? `child:${childId}:pep:` : 'child:');
	return rows
		.filter((r) => parseId(r.id)?.kind === 'pep')
		.map((r) => r.doc as PepHeader)
		.sort((a, b) => (b.meeting.date ?? b.dueBy).localeCompare(a.meeting.date ?? a.dueBy));
}

export async function getChild(
	db: PouchDB.Database,
	childId: string
): Promise<ChildProfile | null> {
	return (await db.get<ChildProfile>(`child:${childId}`).catch(() => null)) ?? null;
}

/** Every document of one PEP that this person has on the device, by kind. */
export async function pepDocuments(db: PouchDB.Database, childId: string, pepId: string) {
	const rows = await range(db, `child:${childId}:pep:${pepId}`);
	return new Map(
		rows.flatMap((r) => {
			const kind = parseId(r.id)?.kind;
			return kind
				? [[kind, r.doc as Record<string, unknown> & { _id: string; _rev: string }] as const]
				: [];
		})
	);
}

/**
 * Calls `listener` when the local record changes (a commit, or a sync), at most every `waitMs`:
 * a sync brings documents in by the hundred, and a screen need not redraw for each one.
 */
export function watchRecord(db: PouchDB.Database, listener: () => void, waitMs = 300): () => void {
	let timer: ReturnType<typeof setTimeout> | null = null;
	const feed = db.changes({ since: 'now', live: true });
	void feed.on('change', () => {
		timer ??= setTimeout(() => {
			timer = null;
			listener();
		}, waitMs);
	});
	return () => {
		if (timer) clearTimeout(timer);
		feed.cancel();
	};
}
