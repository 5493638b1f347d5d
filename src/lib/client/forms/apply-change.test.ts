import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { LocalRecord } from '../data/record';
import { freshDrafts, memoryDatabase, tickingClock } from '../data/testing';
import { generateAuthority } from '$lib/domain/fixtures/generator';
import { applyChange } from './apply-change';

const demo = generateAuthority({ seed: 5, children: 2, years: 1, today: '2026-11-23' });
const header = demo.documents.find((d) => d.type === 'pep')!;

async function recordWithHeader() {
	const userId = header.updated.by;
	const record = new LocalRecord(userId, memoryDatabase('record'), freshDrafts(), tickingClock());
	const { rev } = await record.db.put(header as PouchDB.Core.PutDocument<object>);
	return { record, rev, userId };
}

describe('a change made by a button', () => {
	it('is committed on its own, and what was being typed in the same part stays as a draft', async () => {
		const { record, rev, userId } = await recordWithHeader();
		// A next meeting time still being typed: not yet a valid time.
		void record.drafts.saveDraft({
			docId: header._id!,
			part: '',
			baseRev: rev,
			fields: { nextPepTime: '25:7' },
			userId
		});
		const result = await applyChange(record, header._id!, '', { nextPepDate: '2027-03-01' });
		expect(result.status).toBe('committed');
		expect((await record.getDoc(header._id!))?.nextPepDate).toBe('2027-03-01');
		expect((await record.drafts.getDraft(header._id!, ''))?.fields).toEqual({
			nextPepTime: '25:7'
		});
	});

	it('leaves no draft of its own when refused, and keeps the one being typed', async () => {
		const { record, rev, userId } = await recordWithHeader();
		void record.drafts.saveDraft({
			docId: header._id!,
			part: '',
			baseRev: rev,
			fields: { nextPepTime: '09:30' },
			userId
		});
		const result = await applyChange(record, header._id!, '', { nextPepDate: 'not a date' });
		expect(result.status).toBe('invalid');
		expect((await record.drafts.getDraft(header._id!, ''))?.fields).toEqual({
			nextPepTime: '09:30'
		});
	});
});
