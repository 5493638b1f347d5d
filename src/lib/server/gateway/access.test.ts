/**
 * Who reaches which children, and what each role may read of them, against a real on-disk
 * PouchDB. The same rules are exercised over HTTP by tests/integration.
 */
import { describe, expect, it } from 'vitest';
import { ids } from '$lib/domain/ids';
import { useGeneratedAuthority } from '../testing/generated-authority';
import { mayRead, resolveAccess } from './access';

const fixture = useGeneratedAuthority();
const { demo, userOf, accessOf, assigned, docsOf } = fixture;

describe('who reaches which children', () => {
	it('a social worker reaches exactly their caseload', async () => {
		const access = await accessOf('social-worker');
		expect([...access.childIds].sort()).toEqual([...assigned(access.userId).childIds].sort());
	});

	it('a designated teacher reaches the children at their schools', async () => {
		const access = await accessOf('designated-teacher');
		const schools = assigned(access.userId).schoolIds;
		const expected = demo.children
			.filter((c) => c.schoolId && schools.includes(c.schoolId))
			.map((c) => c.childId);
		expect([...access.childIds].sort()).toEqual(expected.sort());
	});

	it('the Virtual School reaches every child in its authority', async () => {
		expect((await accessOf('virtual-school')).childIds.size).toBe(demo.children.length);
	});

	it('an administrator reaches no child', async () => {
		const admin = await resolveAccess(
			fixture.db.record,
			{ userId: 'nobody-assigned', role: 'admin' },
			'x'
		);
		expect(admin.childIds.size).toBe(0);
	});
});

describe('what each role may read of a child it reaches', () => {
	it('a young person: the PEP headers, their voice and their targets, nothing else', async () => {
		const access = await accessOf('young-person');
		const childId = [...access.childIds][0]!;
		const readable = docsOf(childId)
			.filter((d) => mayRead(access, d._id!))
			.map((d) => d.type);
		expect(new Set(readable)).toEqual(new Set(['pep', 'pep-voice', 'pep-targets']));
		expect(mayRead(access, ids.child(childId))).toBe(false);
	});

	it('a carer: their own views, and the plan only once the PEP is shared', async () => {
		const access = await accessOf('carer');
		const childId = [...access.childIds][0]!;
		for (const doc of docsOf(childId)) {
			const pepId = 'pepId' in doc ? doc.pepId : undefined;
			const shared = demo.documents.some(
				(d) => d.type === 'pep' && d.pepId === pepId && d.status === 'shared'
			);
			if (doc.type === 'pep-b') expect(mayRead(access, doc._id!), doc._id).toBe(shared);
			if (doc.type === 'pep-qa' || doc.type === 'child')
				expect(mayRead(access, doc._id!)).toBe(false);
			if (doc.type === 'pep-carer' || doc.type === 'pep')
				expect(mayRead(access, doc._id!)).toBe(true);
		}
	});

	it('nobody reads design documents, unknown ids or another person’s assignment', async () => {
		const access = await accessOf('virtual-school');
		expect(mayRead(access, '_design/gateway')).toBe(false);
		expect(mayRead(access, 'secret')).toBe(false);
		expect(mayRead(access, ids.assignment(userOf('social-worker').userId))).toBe(false);
		expect(mayRead(access, ids.assignment(access.userId))).toBe(true);
		expect(mayRead(access, ids.authority(demo.authority.authorityId))).toBe(true);
		expect(mayRead(access, ids.authority('another-authority'))).toBe(false);
	});
});
