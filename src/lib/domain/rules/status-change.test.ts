import { describe, expect, it } from 'vitest';
import { statusChange, withStatus } from './status-change';

const header = {
	status: 'draft' as const,
	history: [],
	meeting: { date: '2026-11-23', plannedMinutes: 45, mode: 'in-person' as const },
	nextPepDate: undefined
};

describe('statusChange', () => {
	it('records when the meeting was held, and who said so, in the history', () => {
		const at = '2026-11-23T15:00:00.000Z';
		const fields = statusChange(header, { to: 'meeting-held', by: 'user-dt01', at });
		expect(fields.status).toBe('meeting-held');
		expect(fields.meeting?.heldAt).toBe(at);
		expect(fields.meeting?.date).toBe('2026-11-23');
		expect(fields.history).toEqual([{ status: 'meeting-held', at, by: 'user-dt01' }]);
	});

	it('keeps the earlier history and sets the next PEP date at a sign-off', () => {
		const held = {
			...header,
			status: 'meeting-held' as const,
			history: [
				{ status: 'meeting-held' as const, at: '2026-11-23T15:00:00.000Z', by: 'user-dt01' }
			]
		};
		const fields = statusChange(held, {
			to: 'sw-signed',
			by: 'user-sw01',
			at: '2026-11-24T09:00:00.000Z',
			nextPepDate: '2027-03-10',
			note: 'Signed at the office'
		});
		expect(fields.history).toHaveLength(2);
		expect(fields.history?.[1]).toMatchObject({
			status: 'sw-signed',
			by: 'user-sw01',
			note: 'Signed at the office'
		});
		expect(fields.nextPepDate).toBe('2027-03-10');
		expect(fields.meeting).toBeUndefined();
	});
});

describe('a change of status', () => {
	it('appends the move to the history, with a note only when there is one', () => {
		const first = withStatus(
			{ history: [] },
			'qa-returned',
			'vs-officer',
			'2026-11-23T10:00:00.000Z',
			' Add a target '
		);
		expect(first).toEqual({
			status: 'qa-returned',
			history: [
				{
					status: 'qa-returned',
					at: '2026-11-23T10:00:00.000Z',
					by: 'vs-officer',
					note: 'Add a target'
				}
			]
		});
		const second = withStatus(first, 'dt-signed', 'teacher-1', '2026-11-24T10:00:00.000Z', '  ');
		expect(second.history).toHaveLength(2);
		expect(second.history[1]).not.toHaveProperty('note');
	});
});
