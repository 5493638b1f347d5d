/**
 * Signing off a section as one step: what stands in the way (the section's own rules, then the
 * lifecycle's: the PEP's status and who may move it), and what to write — the section's sign-off
 * with the next PEP date, and the header's new status with a line of history. Screens show the
 * blockers as reasons and write the two documents only when there are none.
 */
import type { PepHeader, PepStatus } from '../schemas/pep';
import type { Petp } from '../schemas/petp';
import type { SectionA, SignOff } from '../schemas/section-a';
import type { SectionB } from '../schemas/section-b';
import type { Targets } from '../schemas/targets';
import type { Role } from '../schemas/users';
import type { Voice } from '../schemas/voice';
import { transitionBlockers } from './lifecycle';
import type { Blocker } from './reasons';
import {
	designatedTeacherSignOffBlockers,
	personalAdviserSignOffBlockers,
	socialWorkerSignOffBlockers
} from './sign-off';
import { statusChange } from './status-change';

export type Signer = 'social-worker' | 'designated-teacher' | 'personal-adviser';

export const signedStatus: Record<Signer, PepStatus> = {
	'social-worker': 'sw-signed',
	'designated-teacher': 'dt-signed',
	'personal-adviser': 'petp-completed'
};

export interface SignOffInput {
	who: Signer;
	person: { userId: string; role: Role; name: string };
	header: PepHeader;
	a: SectionA | null;
	b: SectionB | null;
	petp?: Petp | null;
	/** The young person is not in education, employment or training (for the PETP). */
	neet?: boolean;
	targets: Pick<Targets, 'targets' | 'complete'> | null;
	voice: Pick<Voice, 'answers' | 'preferToTalkAtMeeting'> | null;
	nextPepDate: string | undefined;
	/** Now, as an ISO date and time; `today` is the same day in England. */
	at: string;
	today: string;
	attendanceThreshold?: number;
}

export interface SignOffPlan {
	blockers: Blocker[];
	signOff: SignOff;
	header: Partial<PepHeader>;
}

export function planSignOff(input: SignOffInput): SignOffPlan {
	const { who, person, header, nextPepDate, at, today } = input;
	const signOff: SignOff = {
		signedBy: person.userId,
		signedByName: person.name,
		signedAt: at,
		nextPepDate: nextPepDate ?? ''
	};
	const to = signedStatus[who];
	const lifecycle = transitionBlockers(to, person.role, {
		header,
		a: who === 'social-worker' ? { signOff } : input.a,
		b: who === 'designated-teacher' ? { signOff } : input.b,
		petp: who === 'personal-adviser' ? { signOff } : input.petp,
		today
	});
	const section = sectionBlockers(input);
	return {
		blockers: [...lifecycle, ...section],
		signOff,
		header: statusChange(header, { to, by: person.userId, at, nextPepDate })
	};
}

function sectionBlockers(input: SignOffInput): Blocker[] {
	const { who, header, a, b, nextPepDate } = input;
	if (who === 'social-worker') {
		if (!a) return [{ part: 'a', message: 'Section A is not on this device yet.' }];
		return socialWorkerSignOffBlockers(header, a, nextPepDate);
	}
	if (who === 'personal-adviser') {
		if (!input.petp) return [{ part: 'petp', message: 'The PETP form has not been started.' }];
		return personalAdviserSignOffBlockers({
			header,
			petp: input.petp,
			targets: input.targets ?? { targets: [], complete: false },
			neet: input.neet ?? false,
			nextPepDate
		});
	}
	if (!b) return [{ part: 'b', message: 'Section B has not been started.' }];
	return designatedTeacherSignOffBlockers({
		header,
		b,
		targets: input.targets ?? { targets: [], complete: false },
		voice: input.voice,
		nextPepDate,
		attendanceThreshold: input.attendanceThreshold
	});
}
