import { describe, expect, it } from 'vitest';
import { ppRequest, type PpRequest } from '../schemas/pp';
import { decidePpRequest, formatPence } from './pp-decision';

const request = (requestId: string, decision: PpRequest['decision'] = 'pending') =>
	ppRequest.parse({
		requestId,
		description: 'Club fees and kit',
		amountPence: 15_000,
		requestedBy: 'teacher-1',
		requestedAt: '2026-11-12T16:00:00.000Z',
		decision
	});
const head = { userId: 'vs-head', name: 'Pat Head' };

describe('Pupil Premium Plus decisions', () => {
	it('records the decision on the one request, with who and when', () => {
		const decided = decidePpRequest(
			[request('req-1'), request('req-2')],
			'req-2',
			'approved',
			head,
			'2026-11-23T10:00:00.000Z',
			' Fine '
		);
		expect(decided[0]!.decision).toBe('pending');
		expect(decided[1]).toMatchObject({
			decision: 'approved',
			decidedBy: head,
			decidedAt: '2026-11-23T10:00:00.000Z',
			decisionNotes: 'Fine'
		});
	});

	it('does not decide again a request already decided', () => {
		const decided = decidePpRequest(
			[request('req-1', 'declined')],
			'req-1',
			'approved',
			head,
			'2026-11-23T10:00:00.000Z'
		);
		expect(decided[0]!.decision).toBe('declined');
	});

	it('shows pence as pounds', () => {
		expect(formatPence(15_000)).toBe('£150.00');
	});
});
