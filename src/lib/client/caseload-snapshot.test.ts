import { describe, expect, it, vi } from 'vitest';
import { caseloadSnapshot, listCaseloadEarly } from './caseload-snapshot';
import { memoryDatabase } from './data/testing';

const ids = (docs: { _id: string }[]) => docs.map((d) => d._id).sort();

describe('the home screen’s documents', () => {
	it('are read once, then kept up to date from the changes alone', async () => {
		const db = memoryDatabase('snapshot');
		await db.bulkDocs([
			{ _id: 'authority:auth-1', type: 'authority', attendanceThreshold: 90 },
			{ _id: 'child:child-1', type: 'child' },
			{ _id: 'child:child-1:pep:pep-1', type: 'pep' },
			{ _id: 'child:child-1:pep:pep-1:a', type: 'pep-a' },
			{ _id: 'child:child-2', type: 'child' }
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
			{ _id: 'child:child-1:pep:pep-2', type: 'pep' },
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
		await db.bulkDocs([
			{ _id: 'child:child-1', type: 'child' },
			{ _id: 'child:child-1:pep:pep-1', type: 'pep' }
		]);
		listCaseloadEarly(db);
		await new Promise((done) => setTimeout(done, 20));
		// A change after the listing (here, written on the same handle) is not lost.
		await db.put({ _id: 'child:child-2', type: 'child' });
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

	it('are read afresh for another database, as after locking and unlocking', async () => {
		const one = memoryDatabase('snapshot');
		const other = memoryDatabase('snapshot');
		await one.put({ _id: 'child:child-1', type: 'child' });
		await other.put({ _id: 'child:child-9', type: 'child' });
		expect(ids((await caseloadSnapshot(one)).children)).toEqual(['child:child-1']);
		expect(ids((await caseloadSnapshot(other)).children)).toEqual(['child:child-9']);
		await Promise.all([one.destroy(), other.destroy()]);
	});
});
