/**
 * Writing documents through the gateway (`_bulk_docs`, `PUT`). Each document is checked on its
 * own — the writer's role owns this kind of part, the writer reaches this child, the document
 * passes the domain's schema, its stamps are the server's and its author is the writer — and is
 * either stored whole or refused whole with a reason. A refusal never stops the others.
 */
import { parseDocument } from '$lib/domain/documents';
import { parseId, type ParsedId } from '$lib/domain/ids';
import { maxAttachmentBytes } from '$lib/domain/schemas/attachment';
import { describeErrors } from '$lib/domain/schemas/errors';
import type { PepKind, PepStatus } from '$lib/domain/schemas/pep';
import { nextStatuses } from '$lib/domain/rules/lifecycle';
import { ppChangeRefusal } from '$lib/domain/rules/pp-requests';
import { writeRefusal, type Access } from './access';
import { settingRefusal } from '$lib/domain/access';
import { isNotFound } from '../store/databases';
import { GatewayError } from './request';
import { historyOf, RevTree } from './rev-tree';
import { revisionFieldsProblem } from './revision-fields';

export type WriteResult =
	| { ok: true; id: string; rev: string }
	| { id: string; rev?: string; error: string; reason: string };

type Doc = Record<string, unknown> & { _id: string };

/** Replication metadata that is not part of the document's content. */
const metaFields = [
	'_rev',
	'_revisions',
	'_conflicts',
	'_deleted',
	'_deleted_conflicts',
	'_local_seq'
];

export async function writeDocuments(
	db: PouchDB.Database,
	access: Access,
	docs: unknown[],
	newEdits: boolean
): Promise<WriteResult[]> {
	// A file that cannot be decoded is a malformed request, as CouchDB answers it: nothing is stored.
	for (const doc of docs) {
		const problem = attachmentDataProblem(doc);
		if (problem) throw new GatewayError(400, 'bad_request', problem);
	}
	const children = new Map<string, Doc | null>();
	const results: (WriteResult | null)[] = docs.map(() => null);
	const accepted: { index: number; doc: Doc }[] = [];
	// Live revisions first: a conflict closed on a device arrives as the merged revision and a
	// deletion of the other side, and the deletion is allowed only if the merge itself is.
	const isDeletion = (input: unknown) =>
		(input as { _deleted?: unknown } | null)?._deleted === true;
	const order = [...docs.keys()].sort(
		(a, b) => Number(isDeletion(docs[a])) - Number(isDeletion(docs[b]))
	);
	// Each document's revision tree as the writes before it in this request leave it.
	const trees = new Map<string, RevTree>();
	const treeOf = async (id: string) => {
		let tree = trees.get(id);
		if (!tree) trees.set(id, (tree = await RevTree.load(db, id)));
		return tree;
	};
	for (const index of order) {
		const input = docs[index];
		const refusal = await check(db, access, input, children, treeOf, newEdits, index);
		if (refusal) results[index] = refusal;
		else {
			const doc = input as Doc;
			accepted.push({ index, doc });
			(await treeOf(doc._id)).apply(writeHistory(doc, newEdits, index), isDeletion(doc));
		}
	}
	accepted.sort((a, b) => a.index - b.index);
	if (accepted.length > 0) {
		const stored = await db.bulkDocs(
			accepted.map((a) => a.doc) as PouchDB.Core.PutDocument<object>[],
			{ new_edits: newEdits }
		);
		accepted.forEach(({ index, doc }, i) => {
			results[index] = toResult(doc, stored[i]);
		});
	}
	return results as WriteResult[];
}

function toResult(
	doc: Doc,
	stored: PouchDB.Core.Response | PouchDB.Core.Error | undefined
): WriteResult {
	if (stored && 'ok' in stored && stored.ok) return { ok: true, id: stored.id, rev: stored.rev };
	// new_edits=false answers nothing for a revision it already had.
	if (!stored) return { ok: true, id: doc._id, rev: String(doc._rev) };
	const failed = stored as PouchDB.Core.Error;
	return {
		id: doc._id,
		error: failed.name ?? 'error',
		reason: failed.message ?? 'The document was not stored.'
	};
}

function refuse(id: string, rev: unknown, reason: string): WriteResult {
	return { id, ...(typeof rev === 'string' ? { rev } : {}), error: 'forbidden', reason };
}

async function check(
	db: PouchDB.Database,
	access: Access,
	input: unknown,
	children: Map<string, Doc | null>,
	treeOf: (id: string) => Promise<RevTree>,
	newEdits: boolean,
	index: number
): Promise<WriteResult | null> {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return { id: '', error: 'bad_request', reason: 'Each document must be a JSON object.' };
	}
	const doc = input as Record<string, unknown>;
	if (typeof doc._id !== 'string' || doc._id.length === 0) {
		return { id: '', error: 'bad_request', reason: 'Each document needs an _id.' };
	}
	const id = doc._id;
	const revisionProblem = revisionFieldsProblem(doc);
	if (revisionProblem) return { id, error: 'bad_request', reason: revisionProblem };
	const parsed = parseId(id);
	if (!parsed)
		return refuse(id, doc._rev, `"${id.slice(0, 80)}" is not the id of a record document.`);
	const notAllowed = writeRefusal(access, parsed);
	if (notAllowed) return refuse(id, doc._rev, notAllowed);
	if (!('childId' in parsed)) return refuse(id, doc._rev, 'Only the server writes this document.');

	const tree = await treeOf(id);
	const history = writeHistory(doc, newEdits, index);
	if (!newEdits) {
		// A revision the server already has is stored as it was, whatever this copy says.
		if (tree.known.has(history[0]!)) return null;
		const historyProblem = historyRefusal(tree, history);
		if (historyProblem) return refuse(id, doc._rev, historyProblem);
	}
	if (doc._deleted === true) return deletionRefusal(parsed, tree, doc, history);
	const current = tree.current as Doc | null;

	const content = Object.fromEntries(Object.entries(doc).filter(([k]) => !metaFields.includes(k)));
	const result = parseDocument(content);
	if (!result.ok)
		return refuse(id, doc._rev, `The document is not valid: ${describeErrors(result.errors)}`);

	const child = await childRecord(db, parsed.childId, children);
	const stampProblem = stampRefusal(parsed, content, child, current);
	if (stampProblem) return refuse(id, doc._rev, stampProblem);
	const settingProblem = settingRefusal(access.role, parsed.kind, {
		schoolId: (child!.schoolId as string | null | undefined) ?? null
	});
	if (settingProblem) return refuse(id, doc._rev, settingProblem);

	// Every revision is in the name of the person who sent it, a merge made on a device too: new
	// content never carries another person's name.
	const stamp = content.updated as { by?: string } | undefined;
	if (stamp?.by !== access.userId) {
		return refuse(
			id,
			doc._rev,
			'updated.by must be the person signed in: changes are recorded under their own name.'
		);
	}
	const attachmentProblem = attachmentRefusal(parsed, content);
	if (attachmentProblem) return refuse(id, doc._rev, attachmentProblem);
	if (parsed.kind === 'pep-pp') {
		const requests = (doc: Record<string, unknown> | null) =>
			(doc?.requests as Parameters<typeof ppChangeRefusal>[2] | undefined) ?? [];
		const ppProblem = ppChangeRefusal(
			access.role,
			access.userId,
			requests(current),
			requests(content)
		);
		if (ppProblem) return refuse(id, doc._rev, ppProblem);
	}
	if (parsed.kind === 'pep') {
		// The kind decides who may complete the PEP (a personal adviser only a post-16 PETP), so
		// it is fixed once the PEP is started.
		if (current && current.kind !== content.kind)
			return refuse(id, doc._rev, "A PEP's kind cannot change once it is started.");
		const statusProblem = statusRefusal(
			access,
			content.kind as PepKind,
			current?.status as PepStatus | undefined,
			content.status as PepStatus
		);
		if (statusProblem) return refuse(id, doc._rev, statusProblem);
	}
	return null;
}

async function currentDoc(db: PouchDB.Database, id: string): Promise<Doc | null> {
	try {
		return await db.get<Doc>(id, { conflicts: true });
	} catch (error) {
		if (isNotFound(error)) return null;
		throw error;
	}
}

async function childRecord(db: PouchDB.Database, childId: string, cache: Map<string, Doc | null>) {
	if (!cache.has(childId)) cache.set(childId, await currentDoc(db, `child:${childId}`));
	return cache.get(childId) ?? null;
}

/**
 * Stamps must be the server's: the child's authority, and its current school (or the school the
 * stored document already had, for a part written before the child moved).
 */
function stampRefusal(
	parsed: ParsedId,
	doc: Record<string, unknown>,
	child: Doc | null,
	current: Doc | null
): string | null {
	if (!child) {
		return parsed.kind === 'child'
			? 'New children are added by an administrator, not from a device.'
			: 'There is no record of this child on the server.';
	}
	if (doc.authorityId !== child.authorityId)
		return 'authorityId must be the authority the child belongs to.';
	if (parsed.kind === 'child') {
		const setting = doc.setting as { settingId?: string } | undefined;
		if ((doc.schoolId ?? null) !== (setting?.settingId ?? null)) {
			return "schoolId must be the id of the child's setting.";
		}
		return null;
	}
	const allowed = [child.schoolId ?? null, current?.schoolId ?? null];
	if (!allowed.includes(doc.schoolId ?? null)) return "schoolId must be the child's setting.";
	return null;
}

/**
 * A revision sent as it was made on a device (`new_edits: false`) names its ancestors. They must
 * reach a revision the server has, or the document's first revision (a document two devices both
 * started offline): a device cannot make a revision outrank the server's by naming a generation
 * it never wrote.
 */
function historyRefusal(tree: RevTree, history: readonly string[]): string | null {
	if (history.length === 0) return 'A revision sent with new_edits=false needs its _rev.';
	if (history.length > maxHistory)
		return `A revision may name at most ${maxHistory} ancestors in _revisions.`;
	const generations = history.map((rev) => Number(rev.split('-')[0]));
	const counted = generations.every(
		(generation, i) => Number.isSafeInteger(generation) && generation === generations[0]! - i
	);
	if (!counted) return '_rev and _revisions must count down one generation at a time.';
	if (generations.at(-1) === 1 || history.some((rev) => tree.known.has(rev))) return null;
	return 'This revision follows none the server has: send it with the history it was made on.';
}

/** As many ancestors as a CouchDB database keeps by default (`_revs_limit`). */
const maxHistory = 1_000;

/**
 * Records are never deleted from a device, except an attachment, or the losing side of a
 * conflict. That side may be a branch the server already holds beside the current one, or one it
 * has never seen: a device's own edit that lost a conflict the device merged before it could send
 * it. Either way what stays must be the server's current revision, a revision built on it, or the
 * merge sent with the closing (built on the device's own side, which shares the closed side's
 * history): closing every side, or the current one in favour of a branch from nowhere, is
 * refused, however the closings are spread over one request.
 */
function deletionRefusal(
	parsed: ParsedId,
	tree: RevTree,
	doc: Record<string, unknown>,
	history: readonly string[]
): WriteResult | null {
	const id = String(doc._id);
	if (parsed.kind === 'child-attachment' || parsed.kind === 'pep-attachment') return null;
	const refusal = refuse(
		id,
		doc._rev,
		'Records cannot be deleted from a device. Mark the part as not applicable instead.'
	);
	if (!tree.exists) return refusal;
	const content = Object.keys(doc).filter((key) => key !== '_id' && !metaFields.includes(key));
	if (content.length > 0)
		return refuse(id, doc._rev, 'A closed conflict carries only its id and revision.');
	// The side being closed, and the revisions it grew from.
	const closedLineage = new Set(history.flatMap((rev) => tree.historyOfLeaf(rev)).concat(history));
	const stays = tree.liveAfterClosing(history).some(
		(leaf) =>
			leaf.rev === tree.winner ||
			tree.followsWinner(leaf.history) ||
			// A merge sent with this closing, made on the device's own side of the conflict: it
			// grew from the same document as the side it closes.
			(leaf.inRequest === true && leaf.history.some((rev) => closedLineage.has(rev)))
	);
	return stays ? null : refusal;
}

/**
 * The revisions a write names as its own and its ancestors', newest first. A revision the server
 * will number itself (`new_edits` true) is named by its place in the request until then.
 */
function writeHistory(doc: Record<string, unknown>, newEdits: boolean, index: number): string[] {
	if (!newEdits) return historyOf(doc);
	const parent = typeof doc._rev === 'string' ? [doc._rev] : [];
	return [`new-${index}`, ...parent];
}

/**
 * Whether `data` is padded base64, as CouchDB and PouchDB send a file inline. A loop, not a
 * regular expression: a file is up to 14 million characters, which a backtracking pattern chokes on.
 */
function isBase64(data: string): boolean {
	if (data.length % 4 !== 0) return false;
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	for (let i = 0; i < data.length - padding; i++) {
		const c = data.charCodeAt(i);
		const ok =
			(c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
		if (!ok) return false;
	}
	return true;
}

/** What is wrong with a document's inline files, named, or null. */
function attachmentDataProblem(input: unknown): string | null {
	if (typeof input !== 'object' || input === null) return null;
	const doc = input as { _id?: unknown; _attachments?: unknown };
	const attachments = doc._attachments;
	if (attachments === undefined) return null;
	const id = typeof doc._id === 'string' ? doc._id.slice(0, 120) : 'a document';
	if (typeof attachments !== 'object' || attachments === null || Array.isArray(attachments))
		return `_attachments of ${id} must be an object of files.`;
	for (const [name, file] of Object.entries(attachments)) {
		const data = (file as { data?: unknown } | null)?.data;
		const stub = (file as { stub?: unknown } | null)?.stub === true;
		if (data === undefined && stub) continue;
		if (typeof data !== 'string' || !isBase64(data))
			return `The attachment "${name.slice(0, 40)}" of ${id} is not valid base64 data.`;
	}
	return null;
}

/** The size of what base64 `data` holds: three bytes per four characters, less the padding. */
function base64Bytes(data: string): number {
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return Math.floor((data.length * 3) / 4) - padding;
}

function attachmentRefusal(parsed: ParsedId, doc: Record<string, unknown>): string | null {
	const attachments = doc._attachments as
		Record<string, { content_type?: string; data?: string; length?: number }> | undefined;
	if (!attachments || Object.keys(attachments).length === 0) return null;
	if (parsed.kind !== 'child-attachment' && parsed.kind !== 'pep-attachment') {
		return 'Files can only be attached to an attachment record.';
	}
	for (const [name, attachment] of Object.entries(attachments)) {
		if (name !== 'file') return `The file must be attached as "file", not "${name.slice(0, 40)}".`;
		if (attachment.content_type !== doc.contentType) return 'The file type must match contentType.';
		const bytes = attachment.data ? base64Bytes(attachment.data) : (attachment.length ?? 0);
		if (bytes > maxAttachmentBytes) return 'The file must be 10 MB or smaller.';
	}
	return null;
}

function statusRefusal(
	access: Access,
	kind: PepKind,
	from: PepStatus | undefined,
	to: PepStatus
): string | null {
	if (from === undefined) return to === 'draft' ? null : 'A new PEP starts as a draft.';
	if (from === to) return null;
	const step = nextStatuses(from, kind).find((t) => t.to === to);
	if (!step) return `A PEP cannot go from "${from}" to "${to}".`;
	if (!step.roles.includes(access.role))
		return `A ${access.role.replace('-', ' ')} cannot move a PEP to "${to}".`;
	return null;
}
