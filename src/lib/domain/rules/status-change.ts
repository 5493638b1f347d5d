/**
 * The fields of a PEP header that change when it moves along its lifecycle: the new status, one
 * more line of history saying who moved it, when and why (how the designated teacher learns a
 * PEP came back, and how an auditor sees every step), and what the step itself records (when the
 * meeting was held; the date of the next PEP at sign-off). The gateway accepts a status change
 * only one step at a time and only from a role allowed to make it (lifecycle.ts), so screens
 * check `transitionBlockers` first and write exactly this.
 */
import type { PepHeader, PepStatus } from '../schemas/pep';

type Header = Pick<PepHeader, 'status' | 'history' | 'meeting' | 'nextPepDate'>;

export interface StatusChangeInput {
	to: PepStatus;
	/** Who made the change: the signed-in person's user id. */
	by: string;
	/** When, as an ISO date and time with a zone. */
	at: string;
	note?: string;
	/** At a sign-off: the date agreed for the next PEP meeting. */
	nextPepDate?: string;
}

/** The history's line for a move, with its note only when there is one. */
function historyLine(to: PepStatus, by: string, at: string, note?: string) {
	const trimmed = note?.trim();
	return { status: to, at, by, ...(trimmed ? { note: trimmed.slice(0, 2_000) } : {}) };
}

export function statusChange(header: Header, input: StatusChangeInput): Partial<PepHeader> {
	const { to, by, at, note, nextPepDate } = input;
	const fields: Partial<PepHeader> = {
		status: to,
		history: [...header.history, historyLine(to, by, at, note)]
	};
	if (to === 'meeting-held') fields.meeting = { ...header.meeting, heldAt: at };
	if (nextPepDate) fields.nextPepDate = nextPepDate;
	return fields;
}

/** A move that records nothing but itself (a quality-assurance decision, sharing). */
export function withStatus(
	header: Pick<PepHeader, 'history'>,
	to: PepStatus,
	by: string,
	at: string,
	note?: string
): Pick<PepHeader, 'status' | 'history'> {
	return { status: to, history: [...header.history, historyLine(to, by, at, note)] };
}
