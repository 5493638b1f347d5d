/**
 * A PEP still open for the term a new one would be for. PEPs are termly: one per term, so before
 * a second is started for the same term the person is told of the one already under way. A PEP
 * is open until it is shared: being prepared, held, signed off, with the Virtual School or back
 * with the school for changes, it is still that term's PEP.
 */
import type { PepHeader, PepStatus } from '../schemas/pep';

type Term = Pick<PepHeader, 'academicYear' | 'term'>;
type Open = Term &
	Pick<PepHeader, 'pepId' | 'dueBy' | 'status'> & { meeting: Pick<PepHeader['meeting'], 'date'> };

/** Still open: every status before the PEP is shared with the young person and carers. */
export function isOpen(status: PepStatus): boolean {
	return status !== 'shared';
}

const when = (pep: Open) => pep.meeting.date ?? pep.dueBy;

/**
 * The child's PEP still open for the same academic year and term as `starting`, the latest by its
 * meeting (or, with no meeting date, the date it is due) when there are several; null when none.
 */
export function openPepForTerm<P extends Open>(peps: readonly P[], starting: Term): P | null {
	const open = peps
		.filter(
			(pep) =>
				isOpen(pep.status) &&
				pep.academicYear === starting.academicYear &&
				pep.term === starting.term
		)
		.sort((a, b) => when(b).localeCompare(when(a)));
	return open[0] ?? null;
}
