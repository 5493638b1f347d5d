/**
 * Who may change a Pupil Premium Plus request, and how: the school asks, the Virtual School
 * decides. A request stays open to change or withdrawal until it is decided; a decision is the
 * Virtual School's alone, made under the name of whoever makes it, and once made it is part of
 * the record of spend: it is not changed or removed (a change of mind is a new request).
 */
import { deepEqual } from '../merge';
import type { Role } from '../roles';
import type { PpRequest } from '../schemas/pp';

type Request = Pick<PpRequest, 'requestId' | 'decision'> & Partial<PpRequest>;

/** Why this change to the requests is not allowed, or null when it is. */
export function ppChangeRefusal(
	role: Role,
	userId: string,
	before: readonly Request[],
	after: readonly Request[]
): string | null {
	const previous = new Map(before.map((request) => [request.requestId, request]));
	const next = new Map(after.map((request) => [request.requestId, request]));
	for (const old of before) {
		if (old.decision === 'pending') continue;
		const now = next.get(old.requestId);
		if (!now || !deepEqual(now, old))
			return 'A Pupil Premium Plus request that has been decided cannot be changed or removed: make a new request.';
	}
	for (const request of after) {
		const old = previous.get(request.requestId);
		if (old && old.decision !== 'pending') continue;
		const decided =
			request.decision !== 'pending' ||
			request.decidedBy !== undefined ||
			request.decidedAt !== undefined;
		if (!decided) continue;
		if (role !== 'virtual-school')
			return 'Only the Virtual School decides on a Pupil Premium Plus request.';
		if (request.decision === 'pending')
			return 'A Pupil Premium Plus request still waiting has no decision recorded.';
		if (request.decidedBy?.userId !== userId || !request.decidedAt)
			return 'A decision on Pupil Premium Plus is recorded under the name of the person making it, with when.';
	}
	return null;
}
