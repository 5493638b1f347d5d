/**
 * Reading the local record for screens. Ids are laid out so that a child's documents sort
 * together (`child:{id}`, `child:{id}:pep:{pepId}`, `…:{part}`), so each query is a key range.
 */
import { parseId } from '$lib/domain/ids';
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
 * Every child profile and PEP header on the device, and the authority's settings. Ids first
 * (cheap), then only the documents the home screen needs: a year of a child's record is tens of
 * documents, and a Virtual School officer may hold a thousand children.
 */
export async function caseloadDocuments(db: PouchDB.Database): Promise<CaseloadDocuments> {
	const ids = await db.allDocs({ startkey: 'authority:', endkey: 'child:\ufff0' });
	const wanted = ids.rows
		.map((row) => row.id)
		.filter((id) => {
			const kind = parseId(id)?.kind;
			return kind === 'child' || kind === 'pep' || kind === 'authority';
		});
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

/** Today's date in England, as YYYY-MM-DD: deadlines are counted in English days. */
export function todayInEngland(now: Date = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/London',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(now);
}

/** A child's profile, PEP headers and files (without the files' contents). */
export async function childRecord(db: PouchDB.Database, childId: string) {
	const rows = await range(db, `child:${childId}`);
	let child: ChildProfile | null = null;
	const peps: PepHeader[] = [];
	const attachments: Attachment[] = [];
	for (const row of rows) {
		const parsed = parseId(row.id);
		if (!parsed || !('childId' in parsed) || parsed.childId !== childId || !row.doc) continue;
		if (parsed.kind === 'child') child = row.doc as ChildProfile;
		else if (parsed.kind === 'pep') peps.push(row.doc as PepHeader);
		else if (parsed.kind === 'child-attachment' || parsed.kind === 'pep-attachment') {
			attachments.push(row.doc as Attachment);
		}
	}
	return { child, peps, attachments };
}

/** The authority's timescales and term dates, for the deadline rules: one small read. */
export async function deadlineSettings(db: PouchDB.Database): Promise<DeadlineSettings> {
	const rows = await range(db, 'authority:');
	const authority = rows.find((row) => row.doc)?.doc as Authority | undefined;
	return { timescales: authority?.timescales, termDates: authority?.termDates };
}
