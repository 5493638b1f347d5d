import { describe, expect, it, vi } from 'vitest';
import { memoryDatabase } from './data/testing';
import { pepAndChild } from './queries';

describe('a PEP and its child', () => {
	it('reads the PEP’s documents and the child’s profile, and none of the child’s other PEPs', async () => {
		const db = memoryDatabase('queries');
		await db.bulkDocs([
			{ _id: 'child:child-1', type: 'child', person: { givenName: 'Lily' } },
			{ _id: 'child:child-1:pep:pep-1', type: 'pep' },
			{ _id: 'child:child-1:pep:pep-1:a', type: 'pep-a' },
			{ _id: 'child:child-1:pep:pep-2', type: 'pep' },
			{ _id: 'child:child-1:pep:pep-2:a', type: 'pep-a' }
		]);
		const allDocs = vi.spyOn(db, 'allDocs');
		const { docs, child } = await pepAndChild(db, 'child-1', 'pep-1');
		expect(child?.person.givenName).toBe('Lily');
		expect([...docs.keys()].sort()).toEqual(['pep', 'pep-a']);
		expect([...docs.values()].map((d) => d._id).sort()).toEqual([
			'child:child-1:pep:pep-1',
			'child:child-1:pep:pep-1:a'
		]);
		expect(allDocs).toHaveBeenCalledTimes(1);
		await db.destroy();
	});

	it('has no child where the profile is not on the device', async () => {
		const db = memoryDatabase('queries');
		await db.put({ _id: 'child:child-2:pep:pep-1', type: 'pep' });
		const { docs, child } = await pepAndChild(db, 'child-2', 'pep-1');
		expect(child).toBeNull();
		expect(docs.get('pep')?._id).toBe('child:child-2:pep:pep-1');
		await db.destroy();
	});
});
