/**
 * A change made by pressing a button (a sign-off, a status change) rather than by typing: it takes
 * the same path as typing — a draft, then a commit checked by the schemas and merged with any
 * change that arrived meanwhile — but at once, and a refused change leaves no draft behind.
 *
 * Typing may be waiting as a draft of the same part (a time typed in meeting mode and not yet
 * saved, or not yet valid). The button's change is committed on its own and that draft is put
 * back afterwards, to be merged with the new revision at its next commit: pressing a button never
 * takes what was typed with it, and never lets what was typed block the button.
 */
import type { CommitResult, LocalRecord } from '../data/record';

export async function applyChange(
	record: LocalRecord,
	docId: string,
	part: string,
	fields: Record<string, unknown>
): Promise<CommitResult> {
	const typed = await record.drafts.getDraft(docId, part);
	const stored = await record.getDoc(docId);
	void record.drafts.saveDraft({
		docId,
		part,
		baseRev: stored?._rev ?? null,
		fields,
		userId: record.userId
	});
	const result = await record.commitDraft(docId, part, record.userId);
	if (result.status === 'invalid') await record.drafts.discardDraft(docId, part);
	if (typed) {
		const { baseRev, userId } = typed;
		void record.drafts.saveDraft({ docId, part, baseRev, fields: typed.fields, userId });
		await record.drafts.flushDrafts();
	}
	return result;
}
