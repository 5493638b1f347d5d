import { describe, expect, it } from 'vitest';
import type { PepHeader } from '../schemas/pep';
import { childNameOn, sharedOn } from './shared-plan';

const change = (status: PepHeader['status'], at: string) => ({ status, at, by: 'sw-1' });
const invitee = (role: PepHeader['invitees'][number]['role'], name: string) => ({
	inviteeId: `${role}-1`,
	name,
	role,
	attendance: 'invited' as const
});

describe('the day a plan was shared', () => {
	it('is the day of its last move to shared, not of the meeting', () => {
		const history = [
			change('meeting-held', '2026-11-03T10:00:00.000Z'),
			change('shared', '2026-12-01T09:00:00.000Z'),
			change('qa-returned', '2026-12-02T09:00:00.000Z'),
			change('shared', '2026-12-03T16:45:00.000Z')
		];
		expect(sharedOn({ history })).toBe('2026-12-03');
	});

	it('is not known when the history does not say', () => {
		expect(sharedOn({ history: [change('draft', '2026-11-03T10:00:00.000Z')] })).toBeUndefined();
		expect(sharedOn({ history: [] })).toBeUndefined();
	});
});

describe('the name of the child a PEP is about, as a carer reads it', () => {
	it('is the young person invited to the meeting', () => {
		const invitees = [invitee('carer', 'Pat Jones'), invitee('young-person', ' Sam Smith ')];
		expect(childNameOn({ invitees })).toBe('Sam Smith');
	});

	it('is not known when no young person is on the list', () => {
		expect(childNameOn({ invitees: [invitee('carer', 'Pat Jones')] })).toBeUndefined();
		expect(childNameOn({ invitees: [invitee('young-person', '  ')] })).toBeUndefined();
	});
});
