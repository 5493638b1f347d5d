/**
 * Changes made by pressing a button rather than typing (a status move, a decision), written the
 * same way typing is: as a draft on the device, then committed to the local record, so they work
 * offline, sync later, and are checked by the same schemas as the server's.
 */
import type { PepHeader, PepStatus } from '$lib/domain/schemas/pep';
import { withStatus } from '$lib/domain/rules/status-change';
import type { CommitResult, LocalRecord, StoredDocument } from './data/record';

/** Sets top-level fields of a document, keeping any other change already drafted to it. */
export async function saveFields(
	record: LocalRecord,
	doc: Pick<StoredDocument, '_id' | '_rev'>,
	fields: Record<string, unknown>
): Promise<CommitResult> {
	const draft = await record.drafts.getDraft(doc._id, '');
	void record.drafts.saveDraft({
		docId: doc._id,
		part: '',
		baseRev: draft?.baseRev ?? doc._rev,
		fields: { ...(draft?.fields ?? {}), ...fields },
		userId: record.userId
	});
	return record.commitDraft(doc._id, '', record.userId);
}

/** Moves a PEP to its next status, recording the move in its history. */
export function moveStatus(
	record: LocalRecord,
	header: PepHeader & Pick<StoredDocument, '_id' | '_rev'>,
	to: PepStatus,
	note?: string
): Promise<CommitResult> {
	return saveFields(
		record,
		header,
		withStatus(header, to, record.userId, new Date().toISOString(), note)
	);
}
