/**
 * A change made by pressing a button (a sign-off, a status change) rather than by typing: it takes
 * the same path as typing — a draft, then a commit checked by the schemas and merged with any
 * change that arrived meanwhile — but at once, and a refused change leaves no draft behind.
 */
import type { CommitResult, LocalRecord } from '../data/record';

export async function applyChange(
	record: LocalRecord,
	docId: string,
	part: string,
	fields: Record<string, unknown>
): Promise<CommitResult> {
	const stored = await record.getDoc(docId);
	record.drafts.saveDraft({
		docId,
		part,
		baseRev: stored?._rev ?? null,
		fields,
		userId: record.userId
	});
	const result = await record.commitDraft(docId, part, record.userId);
	if (result.status === 'invalid') await record.drafts.discardDraft(docId, part);
	return result;
}
