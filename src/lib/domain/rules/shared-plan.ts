/**
 * What a young person's or a carer's home page says of a plan shared with them, from the PEP's
 * header alone: a carer reads no child record, so the child's name is the one on the list of
 * people invited to the meeting, which everyone who reaches the PEP reads.
 */
import type { IsoDate } from '../schemas/common';
import type { PepHeader } from '../schemas/pep';

/** The day the PEP was last shared (the date of its last move to "shared"), if it says. */
export function sharedOn(header: Pick<PepHeader, 'history'>): IsoDate | undefined {
	return header.history.findLast((change) => change.status === 'shared')?.at.slice(0, 10);
}

/** The name of the young person the PEP is about, as their meeting's invitation gives it. */
export function childNameOn(header: Pick<PepHeader, 'invitees'>): string | undefined {
	const name = header.invitees.find((invitee) => invitee.role === 'young-person')?.name.trim();
	return name ? name : undefined;
}
