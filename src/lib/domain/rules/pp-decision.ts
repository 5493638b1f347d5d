/**
 * The Virtual School head's decision on a Pupil Premium Plus request. A decision is recorded with
 * who made it and when; a request already decided is not decided again here (a change of mind is
 * a new request), so the record of spend stays trustworthy.
 */
import type { PpRequest } from '../schemas/pp';

export type PpDecision = 'approved' | 'declined';

export function decidePpRequest(
	requests: readonly PpRequest[],
	requestId: string,
	decision: PpDecision,
	decidedBy: { userId: string; name: string },
	decidedAt: string,
	notes = ''
): PpRequest[] {
	return requests.map((request) =>
		request.requestId === requestId && request.decision === 'pending'
			? { ...request, decision, decidedBy, decidedAt, decisionNotes: notes.trim() }
			: request
	);
}

/** £150.00, from whole pence. */
export function formatPence(pence: number): string {
	return new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(pence / 100);
}
