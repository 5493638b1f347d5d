/**
 * Reading the local record for screens. Ids are laid out so that a child's documents sort
 * together (`child:{id}`, `child:{id}:pep:{pepId}`, `…:{part}`), so each query is a key range.
 */
import { ids, parseId, type DocumentKind, type PepPart } from '$lib/domain/ids';
import { previousPep } from '$lib/domain/rules/previous-pep';
import type { Read, RecordReader } from './data/record-reader';
import { markTime } from './timing';
import type { DeadlineSettings } from '$lib/domain/rules/deadlines';
import type { Attachment } from '$lib/domain/schemas/attachment';
import type { Authority } from '$lib/domain/schemas/authority';
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
 * One PEP's documents, by kind, and the child's profile (for their name): the PEP's own range and
 * the one profile document, not the whole of the child's record, which would read the PEP again
 * with every other PEP and file of theirs.
 */
export async function pepAndChild(db: PouchDB.Database, childId: string, pepId: string) {
	const [docs, child] = await Promise.all([
		pepDocuments(db, childId, pepId),
		db.get<ChildProfile>(`child:${childId}`).catch(() => null)
	]);
	return { docs, child: child as ChildProfile | null };
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

export interface CaseloadDocuments {
	children: ChildProfile[];
	peps: PepHeader[];
	authority: Authority | null;
}

/**
 * The ids of every child profile and PEP header on the device, and of the authority's settings,
 * with the record's update sequence just before they were listed. Ids are clear on disk, so this
 * needs no key: it can run while the person is still typing their passcode.
 */
export async function caseloadIds(
	db: PouchDB.Database
): Promise<{ seq: number | string; ids: string[] }> {
	const { update_seq: seq } = await db.info();
	const listed = await db.allDocs({ startkey: 'authority:', endkey: 'child:\ufff0' });
	markTime('pep:home:ids');
	const ids = listed.rows
		.map((row) => row.id)
		.filter((id) => {
			const kind = parseId(id)?.kind;
			return kind === 'child' || kind === 'pep' || kind === 'authority';
		});
	return { seq, ids };
}

/**
 * Every child profile and PEP header on the device, and the authority's settings: only the
 * documents the home screen needs, by their ids. A year of a child's record is tens of
 * documents, and a Virtual School officer may hold a thousand children.
 */
export async function caseloadDocuments(
	db: PouchDB.Database,
	wanted: string[]
): Promise<CaseloadDocuments> {
	const found = wanted.length
		? await db.allDocs({ keys: wanted, include_docs: true })
		: { rows: [] as Row[] };
	const children: ChildProfile[] = [];
	const peps: PepHeader[] = [];
	let authority: Authority | null = null;
	for (const row of found.rows as Row[]) {
		if (!row.doc) continue;
		const kind = parseId(row.id)?.kind;
		if (kind === 'child') children.push(row.doc as ChildProfile);
		else if (kind === 'pep') peps.push(row.doc as PepHeader);
		else if (kind === 'authority') authority = row.doc as Authority;
	}
	return { children, peps, authority };
}

/**
 * The authority's settings (term dates, timescales) alone: the pages that count deadlines need
 * these, not the thousand children a Virtual School officer's device may hold.
 */
export async function authoritySettings(db: PouchDB.Database): Promise<Authority | null> {
	const rows = await range(db, 'authority:');
	return (rows.find((r) => parseId(r.id)?.kind === 'authority')?.doc as Authority) ?? null;
}

/** Today's date in England, as YYYY-MM-DD: deadlines are counted in English days. */
export { todayInEngland } from '$lib/domain/calendar/today';

/**
 * A child's profile, PEP headers and files (without the files' contents). The ids of the child's
 * range first, which are clear and cheap, then only these documents: a year of a child's record
 * is tens of parts, each of which would otherwise be read and decrypted to be thrown away.
 */
export async function childRecord(db: PouchDB.Database, childId: string) {
	const listed = await db.allDocs({
		startkey: `child:${childId}`,
		endkey: `child:${childId}\ufff0`
	});
	const wanted = listed.rows
		.map((row) => row.id)
		.filter((id) => {
			const parsed = parseId(id);
			return (
				!!parsed &&
				'childId' in parsed &&
				parsed.childId === childId &&
				['child', 'pep', 'child-attachment', 'pep-attachment'].includes(parsed.kind)
			);
		});
	const rows = wanted.length
		? ((await db.allDocs({ keys: wanted, include_docs: true })).rows as Row[])
		: [];
	let child: ChildProfile | null = null;
	const peps: PepHeader[] = [];
	const attachments: Attachment[] = [];
	for (const row of rows) {
		const kind = parseId(row.id)?.kind;
		if (!row.doc) continue;
		if (kind === 'child') child = row.doc as ChildProfile;
		else if (kind === 'pep') peps.push(row.doc as PepHeader);
		else attachments.push(row.doc as Attachment);
	}
	return { child, peps, attachments };
}

/** A document, or null where it is not on this device; any other failure is thrown. */
async function getOrNull<T>(db: PouchDB.Database, id: string): Promise<T | null> {
	try {
		return (await db.get(id)) as T;
	} catch (error) {
		if ((error as { status?: number }).status === 404) return null;
		throw error;
	}
}

/** One PEP's header and the child's profile: two reads, for a page that shows one part. */
export async function headerAndChild(db: PouchDB.Database, childId: string, pepId: string) {
	// An address typed or pasted wrong is a PEP not on this device, not a failure.
	if (!parseId(`child:${childId}:pep:${pepId}`)) return { header: null, child: null };
	const [header, child] = await Promise.all([
		getOrNull<PepHeader>(db, ids.pep(childId, pepId)),
		getOrNull<ChildProfile>(db, ids.child(childId))
	]);
	return { header, child };
}

/** The authority's timescales and term dates, for the deadline rules: one small read. */
export async function deadlineSettings(db: PouchDB.Database): Promise<DeadlineSettings> {
	const authority = await authoritySettings(db);
	return { timescales: authority?.timescales, termDates: authority?.termDates };
}

/** The child's PEP headers on this device, read through a screen's reader. */
export async function pepHeadersOf(reader: RecordReader, childId: string): Promise<Read<'pep'>[]> {
	const listed = await reader.idsUnder(`child:${childId}:pep:`);
	return reader.docs(
		'pep',
		listed.filter((id) => parseId(id)?.kind === 'pep')
	);
}

/**
 * The PEP before this one and one of its parts, read through a screen's reader (so the screen
 * follows both), or null where there is none on the device.
 */
export async function previousPartOf<K extends DocumentKind>(
	reader: RecordReader,
	childId: string,
	pepId: string,
	part: PepPart,
	kind: K
): Promise<{ pep: Read<'pep'>; doc: Read<K> } | null> {
	const before = previousPep(await pepHeadersOf(reader, childId), pepId);
	if (!before) return null;
	const doc = await reader.doc(kind, ids.pepPart(childId, before.pepId, part));
	return doc ? { pep: before, doc } : null;
}

/** One PEP's documents on this device, by kind, read through a screen's reader. */
export async function pepDocumentsOf(
	reader: RecordReader,
	childId: string,
	pepId: string
): Promise<Map<DocumentKind, Read<DocumentKind>>> {
	// The range of PEP `ab` also holds PEP `abc`'s ids: keep this PEP's own.
	const found = (await reader.allUnder(ids.pep(childId, pepId))).filter(
		({ doc }) => (doc as { pepId?: string }).pepId === pepId
	);
	return new Map(found.map(({ kind, doc }) => [kind, doc as Read<DocumentKind>]));
}

/** The authority's timescales and term dates, through a screen's reader. */
export async function deadlineSettingsOf(reader: RecordReader): Promise<DeadlineSettings> {
	const [authority] = await reader.under('authority', 'authority:');
	return { timescales: authority?.timescales, termDates: authority?.termDates };
}

/** One kind's document of a PEP read by `pepDocumentsOf`, with its type. */
export function documentOfKind<K extends DocumentKind>(
	docs: ReadonlyMap<string, unknown>,
	kind: K
): Read<K> | undefined {
	return docs.get(kind) as Read<K> | undefined;
}

/**
 * A child's profile, PEP headers and files (the files' descriptions, without their contents),
 * read through a screen's reader: the ids of the child's range first, which are clear and cheap,
 * then only these documents, not the tens of parts of every PEP.
 */
export async function childRecordOf(reader: RecordReader, childId: string) {
	// The range of child `ab` also holds child `abc`'s ids: keep this child's own.
	const listed = (await reader.idsUnder(ids.child(childId))).filter((id) => {
		const parsed = parseId(id);
		return !!parsed && 'childId' in parsed && parsed.childId === childId;
	});
	const ofKind = (kind: DocumentKind) => listed.filter((id) => parseId(id)?.kind === kind);
	const [child, peps, childFiles, pepFiles] = await Promise.all([
		reader.doc('child', ids.child(childId)),
		reader.docs('pep', ofKind('pep')),
		reader.docs('child-attachment', ofKind('child-attachment')),
		reader.docs('pep-attachment', ofKind('pep-attachment'))
	]);
	const attachments: Attachment[] = [...childFiles, ...pepFiles];
	return { child, peps, attachments };
}
