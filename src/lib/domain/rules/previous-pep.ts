/**
 * The PEP before this one: what this PEP reviews and carries forward (its targets, its subject
 * table, its meeting's actions). PEPs are ordered by their meeting's date, or the date they were
 * due where no meeting is recorded.
 */
import type { PepHeader } from '../schemas/pep';

type Dated = Pick<PepHeader, 'pepId' | 'dueBy'> & { meeting: Pick<PepHeader['meeting'], 'date'> };

const when = (pep: Dated) => pep.meeting.date ?? pep.dueBy;

/** The child's PEP just before `pepId` among `peps`, or null when it is their first. */
export function previousPep<P extends Dated>(peps: readonly P[], pepId: string): P | null {
	const self = peps.find((pep) => pep.pepId === pepId);
	if (!self) return null;
	const before = peps
		.filter((pep) => pep.pepId !== pepId && when(pep) < when(self))
		.sort((a, b) => when(b).localeCompare(when(a)));
	return before[0] ?? null;
}
