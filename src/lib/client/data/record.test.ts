import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createAutoCommit, LocalRecord, open, type CommitResult } from './record';
import { freshDrafts, freshName, memoryDatabase, memoryPouch, sectionBDocument, tickingClock } from './testing';
import { formOnlyPart } from './drafts';

async function recordWith(doc: Record<string, unknown> & { _id: string }, userId = 'teacher-01') {
	const record = new LocalRecord(userId, memoryDatabase('record'), freshDrafts(), tickingClock());
	const { rev } = await record.db.put(doc);
	return { record, id: doc._id, rev };
}

const revisionsOf = async (db: PouchDB.Database, id: string) =>
	(await db.get(id, { revs: true }))._revisions?.ids.length;

describe('opening the record', () => {
	it('gives each person their own database on a shared device', async () => {
		const userId = freshName('user');
		const record = await open(userId, { pouch: memoryPouch, drafts: freshDrafts() });
		expect(record.db.name).toBe(`pep-record-${userId}`);
		record.close();
	});
});

describe('committing a draft', () => {
	it('makes exactly one revision however many keystrokes went into it', async () => {
		const { record, id, rev } = await recordWith(sectionBDocument());
		const text = 'Lily has settled well and enjoys art.';
		for (let i = 1; i <= text.length; i++) {
			void record.drafts.saveDraft({ docId: id, part: 'progressOverview', baseRev: rev, fields: { text: text.slice(0, i) }, userId: 'teacher-01' });
		}
		expect(await record.commitDraft(id, 'progressOverview', 'teacher-01')).toMatchObject({ status: 'committed', conflicts: 0 });
		expect(await revisionsOf(record.db, id)).toBe(2);
		const saved = await record.getDoc(id);
		expect(saved?.progressOverview).toEqual({ complete: false, text });
		expect(saved?.updated).toEqual({ by: 'teacher-01', at: expect.any(String) });
		expect(await record.drafts.getDraft(id, 'progressOverview')).toBeUndefined();
	});

	it('keeps an invalid draft, saves nothing, and names the field that is wrong', async () => {
		const { record, id, rev } = await recordWith(sectionBDocument());
		void record.drafts.saveDraft({ docId: id, part: 'meetingPage', baseRev: rev, fields: { attendance: { percentage: 140 } }, userId: 'teacher-01' });
		const result = await record.commitDraft(id, 'meetingPage', 'teacher-01');
		expect(result).toEqual({
			status: 'invalid',
			errors: [{ field: 'meetingPage.attendance.percentage', message: 'must be 100 or less' }]
		});
		expect(await revisionsOf(record.db, id)).toBe(1);
		expect((await record.drafts.getDraft(id, 'meetingPage'))?.fields).toEqual({ attendance: { percentage: 140 } });
	});

	it('makes no revision when there is no draft, or the draft changes nothing', async () => {
		const { record, id, rev } = await recordWith(sectionBDocument());
		expect(await record.commitDraft(id, 'progressOverview', 'teacher-01')).toEqual({ status: 'nothing-to-commit' });
		void record.drafts.saveDraft({ docId: id, part: 'progressOverview', baseRev: rev, fields: { text: '' }, userId: 'teacher-01' });
		expect(await record.commitDraft(id, 'progressOverview', 'teacher-01')).toEqual({ status: 'nothing-to-commit' });
		expect(await revisionsOf(record.db, id)).toBe(1);
	});

	it('keeps another device’s change that arrived while typing, and records a field both changed', async () => {
		const { record, id, rev } = await recordWith(sectionBDocument());
		void record.drafts.saveDraft({ docId: id, part: 'progressOverview', baseRev: rev, fields: { text: 'Typed here', complete: true }, userId: 'teacher-01' });
		// Meanwhile a colleague's edit of the same document arrives by sync.
		const arrived = await record.db.get<Record<string, unknown>>(id);
		await record.db.put({
			...arrived,
			progressOverview: { complete: false, text: 'Typed there' },
			meetingPage: { ...(arrived.meetingPage as object), summary: 'Met on Monday' },
			updated: { by: 'teacher-02', at: '2025-01-06T09:30:00.000Z' }
		});

		const result = await record.commitDraft(id, 'progressOverview', 'teacher-01');
		expect(result).toMatchObject({ status: 'committed', conflicts: 1 });
		const saved = await record.getDoc(id);
		expect(saved?.progressOverview).toEqual({ complete: true, text: 'Typed here' });
		expect((saved?.meetingPage as { summary: string }).summary).toBe('Met on Monday');
		expect(await record.drafts.listConflicts(id)).toEqual([
			expect.objectContaining({ path: ['progressOverview', 'text'], ours: 'Typed here', theirs: 'Typed there', oursBy: 'teacher-01', theirsBy: 'teacher-02' })
		]);
	});

	it('starts a new document from a whole-document draft', async () => {
		const record = new LocalRecord('teacher-01', memoryDatabase('record'), freshDrafts());
		const { _id, ...fields } = sectionBDocument();
		void record.drafts.saveDraft({ docId: _id, part: '', baseRev: null, fields, userId: 'teacher-01' });
		expect(await record.commitDraft(_id, '', 'teacher-01')).toMatchObject({ status: 'committed' });
		expect((await record.getDoc(_id))?._rev).toMatch(/^1-/);
	});
});

describe('automatic commits', () => {
	it('commit after a pause in typing, and at once on blur, one revision each', async () => {
		const { record, id, rev } = await recordWith(sectionBDocument());
		const results: CommitResult[] = [];
		const auto = createAutoCommit({ docId: id, part: 'progressOverview', userId: 'teacher-01', idleMs: 5, record, onCommit: (r) => results.push(r) });
		void record.drafts.saveDraft({ docId: id, part: 'progressOverview', baseRev: rev, fields: { text: 'Paused here' }, userId: 'teacher-01' });
		auto.input();
		auto.input();
		await expect.poll(() => results.length).toBe(1);
		expect(results[0]).toMatchObject({ status: 'committed' });

		const saved = await record.getDoc(id);
		void record.drafts.saveDraft({ docId: id, part: 'progressOverview', baseRev: saved!._rev, fields: { text: 'Then left the field' }, userId: 'teacher-01' });
		auto.input();
		expect(await auto.commit()).toMatchObject({ status: 'committed' });
		auto.dispose();
		expect(await revisionsOf(record.db, id)).toBe(3);
		expect(results).toHaveLength(1);
	});
});

describe('what a page keeps for itself', () => {
	it('is kept as a draft but never committed by a sync’s commit of every draft', async () => {
		const { record, id, rev } = await recordWith(sectionBDocument());
		void record.drafts.saveDraft({
			docId: id,
			part: formOnlyPart('next-pep-date'),
			baseRev: null,
			fields: { nextPepDate: '2027-03-12' },
			userId: 'teacher-01'
		});
		void record.drafts.saveDraft({
			docId: id,
			part: 'progressOverview',
			baseRev: rev,
			fields: { text: 'Reading well.' },
			userId: 'teacher-01'
		});
		await record.drafts.flushDrafts();
		const results = await record.commitAllDrafts();
		expect(results.map((r) => r.status)).toEqual(['committed']);
		const doc = (await record.db.get(id)) as unknown as Record<string, unknown>;
		expect(doc.progressOverview).toMatchObject({ text: 'Reading well.' });
		expect(JSON.stringify(doc)).not.toContain('2027-03-12');
		const kept = await record.drafts.getDraft(id, formOnlyPart('next-pep-date'));
		expect(kept?.fields).toEqual({ nextPepDate: '2027-03-12' });
	});
});
