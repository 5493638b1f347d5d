import { describe, expect, it } from 'vitest';
import type { PpRequest } from '../schemas/pp';
import { ppChangeRefusal } from './pp-requests';

const asked: PpRequest = {
	requestId: 'req-1',
	description: 'A reading tutor, one hour a week for the spring term',
	amountPence: 45_000,
	requestedBy: 'teacher-1',
	requestedAt: '2026-11-20T10:00:00.000Z',
	decision: 'pending',
	decisionNotes: ''
};
const approved: PpRequest = {
	...asked,
	decision: 'approved',
	decidedBy: { userId: 'officer-1', name: 'Priya Shah' },
	decidedAt: '2026-11-22T09:00:00.000Z'
};

describe('changes to Pupil Premium Plus requests', () => {
	it('let the school ask, change and withdraw a request still waiting', () => {
		expect(ppChangeRefusal('designated-teacher', 'teacher-1', [], [asked])).toBeNull();
		expect(
			ppChangeRefusal(
				'designated-teacher',
				'teacher-1',
				[asked],
				[{ ...asked, amountPence: 40_000 }]
			)
		).toBeNull();
		expect(ppChangeRefusal('designated-teacher', 'teacher-1', [asked], [])).toBeNull();
	});

	it('let only the Virtual School decide, under its own name', () => {
		expect(ppChangeRefusal('virtual-school', 'officer-1', [asked], [approved])).toBeNull();
		expect(ppChangeRefusal('designated-teacher', 'teacher-1', [asked], [approved])).toMatch(
			/Only the Virtual School decides/
		);
		expect(ppChangeRefusal('designated-teacher', 'teacher-1', [], [approved])).toMatch(
			/Only the Virtual School decides/
		);
		expect(ppChangeRefusal('virtual-school', 'officer-2', [asked], [approved])).toMatch(
			/under the name of the person making it/
		);
	});

	it('keep a decision once made, for everyone', () => {
		for (const role of ['designated-teacher', 'virtual-school'] as const) {
			expect(ppChangeRefusal(role, 'officer-1', [approved], [])).toMatch(
				/cannot be changed or removed/
			);
			expect(
				ppChangeRefusal(role, 'officer-1', [approved], [{ ...approved, amountPence: 90_000 }])
			).toMatch(/cannot be changed or removed/);
			expect(ppChangeRefusal(role, 'officer-1', [approved], [approved])).toBeNull();
		}
	});
});
