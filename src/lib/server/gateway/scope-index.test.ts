import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDatabases } from '../testing/temp-databases';
import { ScopeIndex } from './scope-index';

let db: ReturnType<typeof tempDatabases>;
beforeEach(() => {
	db = tempDatabases();
});
afterEach(async () => {
	await db.close();
});

const child = (childId: string, schoolId: string | undefined, authorityId = 'walsall') => ({
	_id: `child:${childId}`,
	type: 'child',
	childId,
	authorityId,
	...(schoolId ? { schoolId } : {})
});

async function put(doc: Record<string, unknown> & { _id: string }) {
	const existing = await db.record.get(doc._id).catch(() => null);
	return db.record.put({ ...doc, ...(existing ? { _rev: existing._rev } : {}) });
}

describe('the scope index', () => {
	it('finds the children at a school and in an authority', async () => {
		await put(child('c001', 'oak'));
		await put(child('c002', 'elm'));
		await put(child('c003', undefined, 'dudley'));
		const index = new ScopeIndex(db.record);
		await index.catchUp();
		expect(index.childrenIn([['school', 'oak']])).toEqual(new Set(['c001']));
		expect(index.childrenIn([['authority', 'walsall']])).toEqual(new Set(['c001', 'c002']));
		expect(
			index.childrenIn([
				['school', 'oak'],
				['authority', 'dudley']
			])
		).toEqual(new Set(['c001', 'c003']));
		expect(index.childrenIn([['school', 'nowhere']])).toEqual(new Set());
	});

	it('follows a child who moves school, and forgets a deleted child', async () => {
		await put(child('c001', 'oak'));
		const index = new ScopeIndex(db.record);
		await index.catchUp();
		await put(child('c001', 'elm'));
		await index.catchUp();
		expect(index.childrenIn([['school', 'oak']])).toEqual(new Set());
		expect(index.childrenIn([['school', 'elm']])).toEqual(new Set(['c001']));

		const stored = await db.record.get('child:c001');
		await db.record.remove(stored);
		await index.catchUp();
		expect(
			index.childrenIn([
				['school', 'elm'],
				['authority', 'walsall']
			])
		).toEqual(new Set());
	});

	it('knows which PEPs are shared, and stops when one is not', async () => {
		const pep = { _id: 'child:c001:pep:p001', type: 'pep', childId: 'c001', pepId: 'p001' };
		await put({ ...pep, status: 'shared' });
		await put({
			_id: 'child:c001:pep:p002',
			type: 'pep',
			childId: 'c001',
			pepId: 'p002',
			status: 'draft'
		});
		const index = new ScopeIndex(db.record);
		await index.catchUp();
		expect(index.sharedPeps(['c001', 'c002'])).toEqual(new Set(['p001']));
		await put({ ...pep, status: 'qa-returned' });
		await index.catchUp();
		expect(index.sharedPeps(['c001'])).toEqual(new Set());
	});

	it('answers every caller with what was written before they asked, even while catching up', async () => {
		const index = new ScopeIndex(db.record);
		for (let i = 0; i < 1_200; i++) await put(child(`kid${i}`, 'oak'));
		const first = index.catchUp();
		await put(child('late1', 'oak'));
		const second = index.catchUp();
		await Promise.all([first, second]);
		expect(index.childrenIn([['school', 'oak']]).has('late1')).toBe(true);
		expect(index.childrenIn([['school', 'oak']]).size).toBe(1_201);
	});
});
