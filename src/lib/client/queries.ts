/**
 * Reading the local record for screens. Ids are laid out so that a child's documents sort
 * together (`child:{id}`, `child:{id}:pep:{pepId}`, `…:{part}`), so each query is a key range.
 */
import { ids, parseId, type DocumentKind, type PepPart } from '$lib/domain/ids';
import { previousPep } from '$lib/domain/rules/previous-pep';
import { parsed, UnreadableDocument, type Read, type RecordReader } from './data/record-reader';
import { markTime } from './timing';
import type { DeadlineSettings } from '$lib/domain/rules/deadlines';
import type { Attachment } from '$lib/domain/schemas/attachment';
import type { Authority } from '$lib/domain/schemas/authority';
import type { ChildProfile } from '$lib/domain/schemas/child';
import type { PepHeader } from '$lib/domain/schemas/pep';

type Row = { id: string; doc?: unknown };

export interface CaseloadDocuments {
	children: ChildProfile[];
	peps: PepHeader[];
	authority: Authority | null;
	/** Documents on the device that do not fit their schema, left out of the lists above. */
	unreadable: string[];
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
	const unreadable: string[] = [];
	let authority: Authority | null = null;
	for (const row of found.rows as Row[]) {
		if (!row.doc) continue;
		const doc = caseloadDocument(row.id, row.doc);
		if (doc === null) unreadable.push(row.id);
		else if (doc.kind === 'child') children.push(doc.doc);
		else if (doc.kind === 'pep') peps.push(doc.doc);
		else authority = doc.doc;
	}
	return { children, peps, authority, unreadable };
}

export type CaseloadDocument =
	| { kind: 'child'; doc: ChildProfile }
	| { kind: 'pep'; doc: PepHeader }
	| { kind: 'authority'; doc: Authority };

/**
 * One of the home screen's documents, parsed by its kind's schema; null where it does not fit
 * (a newer version from another device, or one damaged on disk), which the screen counts.
 */
export function caseloadDocument(id: string, stored: unknown): CaseloadDocument | null {
	const kind = parseId(id)?.kind;
	if (kind !== 'child' && kind !== 'pep' && kind !== 'authority') return null;
	try {
		return { kind, doc: parsed(kind, stored) } as CaseloadDocument;
	} catch (error) {
		if (error instanceof UnreadableDocument) return null;
		throw error;
	}
}

/** Today's date in England, as YYYY-MM-DD: deadlines are counted in English days. */
export { todayInEngland } from '$lib/domain/calendar/today';

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
