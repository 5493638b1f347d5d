/**
 * A PEP's move from one status to the next, as written to its header: the new status, and the
 * move appended to its history (who, when, and why when there is a reason), which is how the
 * designated teacher learns a PEP came back and the auditor sees every step.
 */
import type { PepHeader, PepStatus } from '../schemas/pep';

export function withStatus(
	header: Pick<PepHeader, 'history'>,
	to: PepStatus,
	by: string,
	at: string,
	note?: string
): Pick<PepHeader, 'status' | 'history'> {
	const trimmed = note?.trim();
	return {
		status: to,
		history: [
			...header.history,
			{ status: to, at, by, ...(trimmed ? { note: trimmed.slice(0, 2_000) } : {}) }
		]
	};
}
