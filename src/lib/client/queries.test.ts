import { describe, expect, it, vi } from 'vitest';
import { generateAuthority } from '$lib/domain/fixtures/generator';
import { RecordReader } from './data/record-reader';
import { memoryDatabase } from './data/testing';
import { childRecordOf, pepDocumentsOf } from './queries';

// A child with two PEPs, and a second child whose id starts with the first one's.
const demo = generateAuthority({ seed: 5, children: 1, years: 1, today: '2026-11-23' });
const template = (type: string): object => demo.documents.find((d) => d.type === type)!;
const child = (childId: string) => ({ ...template('child'), _id: `child:${childId}`, childId });
const pep = (childId: string, pepId: string) => ({
	...template('pep'),
	_id: `child:${childId}:pep:${pepId}`,
	childId,
	pepId
});
const partA = (childId: string, pepId: string) => ({
	...template('pep-a'),
	_id: `child:${childId}:pep:${pepId}:a`,
	childId,
	pepId
});

async function record() {
	const db = memoryDatabase('queries');
	await db.bulkDocs([
		child('child-1'),
		pep('child-1', 'pep-1'),
		partA('child-1', 'pep-1'),
		pep('child-1', 'pep-12'),
		partA('child-1', 'pep-12'),
		child('child-12'),
		pep('child-12', 'pep-1')
	]);
	return db;
}

describe('one PEP’s documents', () => {
	it('are this PEP’s alone, parsed, not a PEP whose id starts with its own', async () => {
		const db = await record();
		const reader = new RecordReader(db);
		const docs = await pepDocumentsOf(reader, 'child-1', 'pep-1');
		expect([...docs.keys()].sort()).toEqual(['pep', 'pep-a']);
		expect([...docs.values()].map((d) => d._id).sort()).toEqual([
			'child:child-1:pep:pep-1',
			'child:child-1:pep:pep-1:a'
		]);
		// A part of this PEP's added later reads the screen again.
		expect(reader.reads('child:child-1:pep:pep-1:b')).toBe(true);
		await db.destroy();
	});
});

describe('a child’s record', () => {
	it('is the profile, PEP headers and files, without the PEPs’ parts or another child’s', async () => {
		const db = await record();
		const allDocs = vi.spyOn(db, 'allDocs');
		const found = await childRecordOf(new RecordReader(db), 'child-1');
		expect(found.child?._id).toBe('child:child-1');
		expect(found.peps.map((p) => p._id).sort()).toEqual([
			'child:child-1:pep:pep-1',
			'child:child-1:pep:pep-12'
		]);
		expect(found.attachments).toEqual([]);
		// The parts are listed by id (clear and cheap), never read.
		const keys = allDocs.mock.calls.flatMap(([options]) =>
			options && 'keys' in options ? options.keys : []
		);
		expect(keys.some((id) => id.endsWith(':a'))).toBe(false);
		await db.destroy();
	});

	it('fails, naming the document, where a profile on the device does not fit its schema', async () => {
		const db = memoryDatabase('queries');
		await db.put({ ...child('child-1'), person: null });
		await expect(childRecordOf(new RecordReader(db), 'child-1')).rejects.toThrow(/child:child-1/);
		await db.destroy();
	});
});
