import { describe, expect, it } from 'vitest';
import { withStatus } from './status-change';

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
