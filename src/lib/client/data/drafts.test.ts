import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { DraftStore } from './drafts';
import { Dexie } from 'dexie';
import { freshDrafts, freshName, testCipher } from './testing';
import type { Cipher } from '../security/cipher';

const docId = 'child:child-0001:pep:pep-0001:b';
const typed = (text: string) => ({
	docId,
	part: 'progressOverview',
	baseRev: '1-abc',
	fields: { text },
	userId: 'teacher-01'
});

describe('drafts', () => {
	it('survive closing and re-opening the database, as after a reload or a crashed tab', async () => {
		const name = freshName('pep-drafts');
		const before = new DraftStore(name);
		void before.saveDraft(typed('Lily has settled'));
		await before.flushDrafts();
		before.close();

		const after = new DraftStore(name);
		expect(await after.getDraft(docId, 'progressOverview')).toMatchObject({
			key: `${docId}#progressOverview`,
			baseRev: '1-abc',
			fields: { text: 'Lily has settled' },
			userId: 'teacher-01'
		});
	});

	it('reach the disk on their own shortly after typing stops, with no explicit flush', async () => {
		const name = freshName('pep-drafts');
		void new DraftStore(name, { flushAfterMs: 10 }).saveDraft(typed('On disk by itself'));
		const reader = new DraftStore(name);
		await vi.waitFor(async () =>
			expect((await reader.getDraft(docId, 'progressOverview'))?.fields).toEqual({
				text: 'On disk by itself'
			})
		);
	});

	it('say when a change is on disk, and not before', async () => {
		const name = freshName('pep-drafts');
		const drafts = new DraftStore(name, { flushAfterMs: 10 });
		expect(await drafts.saveDraft(typed('Written by now'))).toBe(true);
		// Another tab, or the app after a reload, reads it from disk.
		expect((await new DraftStore(name).getDraft(docId, 'progressOverview'))?.fields).toEqual({
			text: 'Written by now'
		});
	});

	it('say when a write failed, and keep the change for the next one', async () => {
		const cipher = await testCipher();
		let diskFull = true;
		// The same key, whose writes fail until the disk has room again.
		const failing: Cipher = Object.assign(Object.create(cipher) as Cipher, {
			sealJson: (value: unknown, context: string) =>
				diskFull ? Promise.reject(new Error('disk full')) : cipher.sealJson(value, context)
		});
		const name = freshName('pep-drafts');
		const drafts = new DraftStore(name, { cipher: failing });
		const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		expect(await drafts.saveDraft(typed('Not lost'))).toBe(false);
		expect((await drafts.getDraft(docId, 'progressOverview'))?.fields).toEqual({ text: 'Not lost' });

		diskFull = false;
		await drafts.flushDrafts();
		expect((await new DraftStore(name, { cipher }).getDraft(docId, 'progressOverview'))?.fields).toEqual({
			text: 'Not lost'
		});
		expect(errors).toHaveBeenCalledWith('Could not save a draft on this device', expect.any(Error));
		errors.mockRestore();
	});

	it('keep only the latest state of a part, however many keystrokes', async () => {
		const drafts = freshDrafts();
		for (const text of ['L', 'Li', 'Lil', 'Lily']) void drafts.saveDraft(typed(text));
		await drafts.flushDrafts();
		const all = await drafts.listDrafts();
		expect(all).toHaveLength(1);
		expect(all[0]?.fields).toEqual({ text: 'Lily' });
	});

	it('show what was typed before it reaches the disk', async () => {
		const drafts = new DraftStore(freshName('pep-drafts'), { flushAfterMs: 60_000 });
		void drafts.saveDraft(typed('Not yet written'));
		expect((await drafts.getDraft(docId, 'progressOverview'))?.fields.text).toBe('Not yet written');
		await drafts.flushDrafts();
	});

	it('accept anything typed, however incomplete or wrong', async () => {
		const drafts = freshDrafts();
		const nonsense = { attendance: { percentage: 'about ninety' }, dueBy: '31/02/2025' };
		void drafts.saveDraft({ ...typed(''), part: 'meetingPage', fields: nonsense });
		await drafts.flushDrafts();
		expect((await drafts.getDraft(docId, 'meetingPage'))?.fields).toEqual(nonsense);
	});

	it('are kept when more was typed while they were being committed', async () => {
		const drafts = freshDrafts();
		void drafts.saveDraft(typed('First'));
		const committed = (await drafts.getDraft(docId, 'progressOverview'))!;
		void drafts.saveDraft(typed('First and more'));
		expect(await drafts.settleDraft(committed, '2-def')).toBe(true);
		expect(await drafts.getDraft(docId, 'progressOverview')).toMatchObject({
			baseRev: '2-def',
			fields: { text: 'First and more' }
		});

		expect(await drafts.settleDraft((await drafts.getDraft(docId, 'progressOverview'))!, '3-ghi')).toBe(false);
		expect(await drafts.getDraft(docId, 'progressOverview')).toBeUndefined();
	});

	it('keep a change typed while the draft before it is being settled', async () => {
		const drafts = freshDrafts();
		void drafts.saveDraft(typed('The action'));
		await drafts.flushDrafts();
		const committed = (await drafts.getDraft(docId, 'progressOverview'))!;
		// The commit settles its draft; a keystroke arrives while the stored draft is being read.
		const settling = drafts.settleDraft(committed, '2-def');
		void drafts.saveDraft(typed('The action and the summary'));
		expect(await settling).toBe(true);
		await drafts.flushDrafts();
		expect(await drafts.getDraft(docId, 'progressOverview')).toMatchObject({
			baseRev: '2-def',
			fields: { text: 'The action and the summary' }
		});
	});

	it('follow the revision they were committed into, when typed against the one before', async () => {
		const drafts = freshDrafts();
		void drafts.saveDraft(typed('First'));
		const committed = (await drafts.getDraft(docId, 'progressOverview'))!;
		expect(await drafts.settleDraft(committed, '2-def')).toBe(false);
		// The form has not heard of the commit yet, and still names the revision it opened.
		void drafts.saveDraft(typed('First, then more'));
		expect((await drafts.getDraft(docId, 'progressOverview'))?.baseRev).toBe('2-def');
		await drafts.flushDrafts();
	});

	it('can be listed per person, so one person’s drafts are never committed as another’s', async () => {
		const drafts = freshDrafts();
		void drafts.saveDraft(typed('Mine'));
		void drafts.saveDraft({ ...typed('Theirs'), part: 'meetingPage', userId: 'teacher-02' });
		await drafts.flushDrafts();
		expect((await drafts.listDrafts({ userId: 'teacher-02' })).map((d) => d.part)).toEqual([
			'meetingPage'
		]);
	});
});

describe('refusals and conflicts', () => {
	it('keeps the server’s reason for each refused revision', async () => {
		const drafts = freshDrafts();
		const refusal = { docId, rev: '2-abc', reason: 'Only the designated teacher can edit Section B', at: '2025-01-06T10:00:00.000Z' };
		await drafts.recordRefusal(refusal);
		await drafts.recordRefusal(refusal);
		expect(await drafts.listRefusals()).toEqual([refusal]);
		await drafts.dismissRefusal(docId, '2-abc');
		expect(await drafts.listRefusals()).toEqual([]);
	});

	it('keeps each conflict once, with both values and both authors, until a person decides', async () => {
		const drafts = freshDrafts();
		const conflict = {
			docId,
			path: ['progressOverview', 'text'],
			base: 'Settling in',
			ours: 'Settled well',
			theirs: 'Still settling',
			oursBy: 'teacher-01',
			theirsBy: 'teacher-02',
			theirsRev: '3-xyz'
		};
		await drafts.recordConflicts([conflict]);
		await drafts.recordConflicts([conflict]);
		const [stored, ...rest] = await drafts.listConflicts(docId);
		expect(rest).toEqual([]);
		expect(stored).toMatchObject(conflict);
		await drafts.resolveConflict(stored!.key);
		expect(await drafts.listConflicts()).toEqual([]);
	});
});

describe('drafts at rest', () => {
	it('are sealed with the person’s key: the disk holds no plaintext, and they read back whole', async () => {
		const name = freshName('pep-drafts');
		const cipher = await testCipher();
		const store = new DraftStore(name, { cipher });
		void store.saveDraft(typed('Amara loves drawing dinosaurs'));
		await store.flushDrafts();
		await store.recordRefusal({ docId, rev: '2-x', reason: 'Amara’s target is not SMART', at: '2025-01-07T09:00:00.000Z' });
		await store.recordConflicts([
			{ docId, path: ['progressOverview', 'text'], base: '', ours: 'Amara reads', theirs: 'Amara writes', oursBy: 'a', theirsBy: 'b', theirsRev: '2-y' }
		]);
		store.close();

		const raw = new Dexie(name);
		await raw.open();
		const onDisk = JSON.stringify(await Promise.all(raw.tables.map((t) => t.toArray())));
		raw.close();
		expect(onDisk).not.toContain('Amara');
		expect(onDisk).toContain(docId);

		const again = new DraftStore(name, { cipher });
		expect((await again.getDraft(docId, 'progressOverview'))?.fields).toEqual({ text: 'Amara loves drawing dinosaurs' });
		expect((await again.listRefusals())[0]?.reason).toBe('Amara’s target is not SMART');
		expect((await again.listConflicts(docId))[0]).toMatchObject({ ours: 'Amara reads', theirs: 'Amara writes' });

		// Under another key they do not open at all.
		const stranger = new DraftStore(name, { cipher: await testCipher() });
		await expect(stranger.getDraft(docId, 'progressOverview')).rejects.toThrow(/could not be decrypted/);
	});
});
