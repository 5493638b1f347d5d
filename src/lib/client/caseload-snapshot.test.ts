import { describe, expect, it, vi } from 'vitest';
import { generateAuthority } from '$lib/domain/fixtures/generator';
import { caseloadSnapshot, listCaseloadEarly } from './caseload-snapshot';
import { encryptLocalRecord } from './data/encrypted-pouch';
import { encryptedMemoryDatabase, memoryDatabase, memoryPouch, testCipher } from './data/testing';
import type { Cipher } from './security/cipher';
import { keepCaseloadSealed, keptCaseloadId, saveKeptCaseloadNow } from './sealed-caseload';

const ids = (docs: { _id: string }[]) => docs.map((d) => d._id).sort();

// Documents as the record holds them: the screen reads only what fits its kind's schema.
const demo = generateAuthority({ seed: 5, children: 1, years: 1, today: '2026-11-23' });
const templateOf = (type: string): object => demo.documents.find((d) => d.type === type)!;

function child(childId: string, extra: object = {}) {
	return { ...templateOf('child'), _id: `child:${childId}`, childId, ...extra };
}
function pep(childId: string, pepId: string, extra: object = {}) {
	return { ...templateOf('pep'), _id: `child:${childId}:pep:${pepId}`, childId, pepId, ...extra };
}
function authorityDoc(extra: object = {}) {
	return { ...templateOf('authority'), _id: 'authority:auth-1', authorityId: 'auth-1', ...extra };
}

describe('the home screen’s documents', () => {
	it('are read once, then kept up to date from the changes alone', async () => {
		const db = memoryDatabase('snapshot');
		await db.bulkDocs([
			authorityDoc({ attendanceThreshold: 90 }),
			child('child-1'),
			pep('child-1', 'pep-1'),
			{ _id: 'child:child-1:pep:pep-1:a', type: 'pep-a' },
			child('child-2')
		]);
		const first = await caseloadSnapshot(db);
		expect(ids(first.children)).toEqual(['child:child-1', 'child:child-2']);
		expect(ids(first.peps)).toEqual(['child:child-1:pep:pep-1']);
		expect(first.authority).toMatchObject({ attendanceThreshold: 90 });

		// Nothing changed: nothing is read, and the lists are the very same.
		const allDocs = vi.spyOn(db, 'allDocs');
		expect(await caseloadSnapshot(db)).toBe(first);
		expect(allDocs).not.toHaveBeenCalled();

		// A section changed: no document is read either.
		const a = await db.get('child:child-1:pep:pep-1:a');
		await db.put({ ...a, note: 'typed' });
		expect(await caseloadSnapshot(db)).toBe(first);
		expect(allDocs).not.toHaveBeenCalled();

		// A PEP started, a child withdrawn, the settings changed: only those are read.
		const child2 = await db.get('child:child-2');
		const authority = await db.get('authority:auth-1');
		await db.bulkDocs([
			pep('child-1', 'pep-2'),
			{ ...child2, _deleted: true },
			{ ...authority, attendanceThreshold: 95 }
		]);
		const after = await caseloadSnapshot(db);
		expect(ids(after.children)).toEqual(['child:child-1']);
		expect(ids(after.peps)).toEqual(['child:child-1:pep:pep-1', 'child:child-1:pep:pep-2']);
		expect(after.authority).toMatchObject({ attendanceThreshold: 95 });
		expect(allDocs).toHaveBeenCalledTimes(1);
		expect(allDocs.mock.calls[0]?.[0]).toMatchObject({
			keys: ['child:child-1:pep:pep-2', 'authority:auth-1']
		});
		await db.destroy();
	});

	it('use ids listed before unlocking, and catch up with what changed after the listing', async () => {
		const db = memoryDatabase('snapshot');
		await db.bulkDocs([child('child-1'), pep('child-1', 'pep-1')]);
		listCaseloadEarly(db);
		await new Promise((done) => setTimeout(done, 20));
		// A change after the listing (here, written on the same handle) is not lost.
		await db.put(child('child-2'));
		const allDocs = vi.spyOn(db, 'allDocs');
		const first = await caseloadSnapshot(db);
		// The listing was not made again: the first read only fetched the listed documents.
		expect(allDocs.mock.calls[0]?.[0]).toMatchObject({
			keys: ['child:child-1', 'child:child-1:pep:pep-1']
		});
		expect(ids(first.children)).toEqual(['child:child-1']);
		const next = await caseloadSnapshot(db);
		expect(ids(next.children)).toEqual(['child:child-1', 'child:child-2']);
		await db.destroy();
	});

	it('leave out a document that does not fit its schema, and say so, until it is put right', async () => {
		const db = memoryDatabase('snapshot');
		await db.bulkDocs([child('child-1'), { ...child('child-2'), person: null }]);
		const first = await caseloadSnapshot(db);
		expect(ids(first.children)).toEqual(['child:child-1']);
		expect(first.unreadable).toEqual(['child:child-2']);

		const broken = await db.get('child:child-2');
		await db.put({ ...child('child-2'), _rev: broken._rev });
		const mended = await caseloadSnapshot(db);
		expect(ids(mended.children)).toEqual(['child:child-1', 'child:child-2']);
		expect(mended.unreadable).toEqual([]);
		await db.destroy();
	});

	it('are read afresh for another database, as after locking and unlocking', async () => {
		const one = memoryDatabase('snapshot');
		const other = memoryDatabase('snapshot');
		await one.put(child('child-1'));
		await other.put(child('child-9'));
		expect(ids((await caseloadSnapshot(one)).children)).toEqual(['child:child-1']);
		expect(ids((await caseloadSnapshot(other)).children)).toEqual(['child:child-9']);
		await Promise.all([one.destroy(), other.destroy()]);
	});
});

describe('the home screen’s documents kept sealed between unlocks', () => {
	const seed = [
		authorityDoc({ attendanceThreshold: 90 }),
		child('child-1', {
			person: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2012-05-01' }
		}),
		pep('child-1', 'pep-1', { status: 'draft' }),
		{ _id: 'child:child-1:pep:pep-1:a', type: 'pep-a' },
		child('child-2', {
			person: { givenName: 'Jamie', familyName: 'Reid', dateOfBirth: '2012-05-01' }
		})
	];

	/** The record as a first unlock leaves it: read once, and the copy saved. */
	async function unlockedOnce(cipher: Cipher) {
		const { db, raw } = encryptedMemoryDatabase(cipher);
		await db.bulkDocs(seed);
		keepCaseloadSealed(db, cipher);
		const first = await caseloadSnapshot(db);
		await saveKeptCaseloadNow(db);
		return { db, raw, first };
	}

	/** The next unlock: a new handle on the same database, as after a reload. */
	function unlockAgain(name: string, cipher: Cipher) {
		const db = encryptLocalRecord(memoryPouch(name), cipher);
		keepCaseloadSealed(db, cipher);
		return db;
	}

	it('open the next time with one seal, not one per document, and hold no name in the clear', async () => {
		const cipher = await testCipher();
		const { db, raw, first } = await unlockedOnce(cipher);
		const stored = JSON.stringify(await raw.get(keptCaseloadId));
		expect(stored).not.toContain('Amara');
		expect(stored).not.toContain('child-1');

		const next = unlockAgain(db.name, cipher);
		const opened = vi.spyOn(cipher, 'openJson');
		const again = await caseloadSnapshot(next);
		expect(again).toEqual(first);
		expect(opened).toHaveBeenCalledTimes(1);
		await db.destroy();
	});

	it('catch up with what changed after the copy was kept', async () => {
		const cipher = await testCipher();
		const { db } = await unlockedOnce(cipher);
		const pep = await db.get('child:child-1:pep:pep-1');
		const child2 = await db.get('child:child-2');
		await db.bulkDocs([
			{ ...pep, status: 'meeting-held' },
			{ ...child2, _deleted: true },
			child('child-3', {
				person: { givenName: 'Priya', familyName: 'Shah', dateOfBirth: '2012-05-01' }
			})
		]);

		const again = await caseloadSnapshot(unlockAgain(db.name, cipher));
		expect(ids(again.children)).toEqual(['child:child-1', 'child:child-3']);
		expect(again.peps).toMatchObject([{ _id: 'child:child-1:pep:pep-1', status: 'meeting-held' }]);
		await db.destroy();
	});

	it('are read afresh when the record has changed too much since the copy was kept', async () => {
		const cipher = await testCipher();
		const { db } = await unlockedOnce(cipher);
		await db.bulkDocs(
			Array.from({ length: 260 }, (_, i) => ({ _id: `child:child-1:note-${i}`, type: 'note' }))
		);
		const next = unlockAgain(db.name, cipher);
		const opened = vi.spyOn(cipher, 'openJson');
		const again = await caseloadSnapshot(next);
		expect(ids(again.children)).toEqual(['child:child-1', 'child:child-2']);
		// Not even opened: its sequence, kept beside it, says it is too far behind.
		expect(opened.mock.calls.map(([, context]) => context)).not.toContain(
			`${keptCaseloadId}:${db.name}`
		);
		await db.destroy();
	});

	it('are kept again, now and then, as other documents change, so the next unlock has less to catch up with', async () => {
		const cipher = await testCipher();
		const { db, raw } = await unlockedOnce(cipher);
		const keptSeq = async () => (await raw.get<{ seq: number }>(keptCaseloadId)).seq;
		const first = await keptSeq();
		const notes = (from: number, count: number) =>
			Array.from({ length: count }, (_, i) => ({
				_id: `child:child-1:note-${from + i}`,
				type: 'note'
			}));

		// A few parts typed: not worth writing the copy again.
		await db.bulkDocs(notes(0, 10));
		await caseloadSnapshot(db);
		await saveKeptCaseloadNow(db);
		expect(await keptSeq()).toBe(first);

		// Many: the same documents are kept again, up to the record's sequence.
		await db.bulkDocs(notes(10, 60));
		await caseloadSnapshot(db);
		await saveKeptCaseloadNow(db);
		expect(await keptSeq()).toBe((await db.info()).update_seq);
		await db.destroy();
	});

	it('are not kept for a caseload of thousands, which would be megabytes to write', async () => {
		const cipher = await testCipher();
		const { db, raw } = encryptedMemoryDatabase(cipher);
		await db.bulkDocs(Array.from({ length: 2_001 }, (_, i) => child(`child-${i}`)));
		keepCaseloadSealed(db, cipher);
		expect((await caseloadSnapshot(db)).children).toHaveLength(2_001);
		await saveKeptCaseloadNow(db);
		await expect(raw.get(keptCaseloadId)).rejects.toMatchObject({ status: 404 });
		await db.destroy();
	});

	it('are read from the record when the kept copy is under another key, changed, or newer than the record', async () => {
		const cipher = await testCipher();
		const { db, raw } = await unlockedOnce(cipher);

		// Another person's key on this database cannot open it: the record is read instead.
		const other = await testCipher();
		const { db: theirs } = encryptedMemoryDatabase(other);
		await theirs.bulkDocs(seed);
		const copy = await raw.get<{ sealed: string }>(keptCaseloadId);
		await encryptLocalRecord(memoryPouch(theirs.name), other).put({ ...copy, _rev: undefined });
		const read = await caseloadSnapshot(unlockAgain(theirs.name, other));
		expect(ids(read.children)).toEqual(['child:child-1', 'child:child-2']);

		// A copy newer than the record is not used: the record was made again since (a
		// withdrawal's rebuild), so what changed after the copy's sequence would be missed.
		await db.destroy();
		const rebuilt = encryptLocalRecord(memoryPouch(db.name), cipher);
		await rebuilt.bulkDocs([child('child-9')]);
		await rebuilt.put({ _id: keptCaseloadId, sealed: copy.sealed });
		const fresh = await caseloadSnapshot(unlockAgain(db.name, cipher));
		expect(ids(fresh.children)).toEqual(['child:child-9']);
		await Promise.all([theirs.destroy(), rebuilt.destroy()]);
	});
});
