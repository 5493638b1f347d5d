/**
 * What happens next with a PEP, who it is waiting for, and by when: the home screen's "what is
 * overdue" and "waiting for you". The step follows the lifecycle (lifecycle.ts); the dates follow
 * the timescales (deadlines.ts), with the rule told in words so nobody has to look it up.
 */
import type { IsoDate } from '../schemas/common';
import type { PepHeader } from '../schemas/pep';
import type { Role } from '../schemas/users';
import {
	dtSignOffDeadline,
	formatLongDate,
	isOverdue,
	nextReviewDeadline,
	post16PanelDeadline,
	vsQualityAssuranceDeadline,
	type Deadline,
	type DeadlineSettings
} from './deadlines';
import { nextStatuses } from './lifecycle';

export interface PepStep {
	/** What has to happen, as a short heading: "Designated teacher sign-off". */
	what: string;
	/** Who can do it. */
	waitingOn: Role[];
	deadline: Deadline | null;
	overdue: boolean;
	/** The deadline's rule, told in the past once it has passed; or why there is no date. */
	explanation: string;
}

type Header = Pick<PepHeader, 'status' | 'kind' | 'dueBy' | 'meeting' | 'nextPepDate' | 'chair'>;

/**
 * Who completes the plan after the social worker's sign-off: the personal adviser for a post-16
 * PETP chaired by the social worker (the young person is not in education, employment or training,
 * so there is no designated teacher); otherwise the designated teacher.
 */
export function completedBy(header: Pick<PepHeader, 'kind' | 'chair'>): Role {
	return header.kind === 'post-16' && header.chair?.role === 'social-worker'
		? 'personal-adviser'
		: 'designated-teacher';
}

/**
 * The next step of one PEP as of `today`. For a shared PEP that is the next PEP: pass
 * `isLatest: false` for an older PEP of a child, whose next PEP has already been started.
 */
export function nextStep(
	header: Header,
	today: IsoDate,
	settings: DeadlineSettings = {},
	isLatest = true
): PepStep | null {
	const meetingDate = header.meeting.date;
	switch (header.status) {
		case 'draft': {
			const deadline: Deadline = {
				due: header.dueBy,
				rule: `The PEP meeting is due by ${formatLongDate(header.dueBy)}.`,
				overdueRule: `The PEP meeting was due by ${formatLongDate(header.dueBy)} and has not been recorded as held.`
			};
			const held = meetingDate !== undefined && meetingDate <= today;
			return step(
				held ? 'Record that the meeting was held' : 'Hold the PEP meeting',
				nextStatuses('draft', header.kind)[0]!.roles,
				deadline,
				today
			);
		}
		case 'meeting-held':
		case 'sw-signed': {
			const dtDeadline = meetingDate ? dtSignOffDeadline(meetingDate, settings) : null;
			if (header.status === 'meeting-held') {
				// The designated teacher signs after the social worker, so the social worker's
				// sign-off is needed by the same date.
				const deadline = dtDeadline && {
					...dtDeadline,
					rule: `Social worker sign-off is needed first. ${dtDeadline.rule}`,
					overdueRule: `Social worker sign-off is needed first. ${dtDeadline.overdueRule}`
				};
				return step('Social worker sign-off', ['social-worker'], deadline, today);
			}
			if (completedBy(header) === 'personal-adviser') {
				// Derbyshire sets no date for the adviser, only for the panel that reviews the PETP.
				const panel = meetingDate ? post16PanelDeadline(meetingDate, settings) : null;
				const deadline = panel && {
					...panel,
					rule: `The personal adviser returns the PETP to the Virtual School first. ${panel.rule}`,
					overdueRule: `The personal adviser returns the PETP to the Virtual School first. ${panel.overdueRule}`
				};
				return step('Personal adviser sign-off', ['personal-adviser'], deadline, today);
			}
			return step('Designated teacher sign-off', ['designated-teacher'], dtDeadline, today);
		}
		case 'dt-signed':
		case 'petp-completed': {
			const deadline = meetingDate
				? header.kind === 'post-16'
					? post16PanelDeadline(meetingDate, settings)
					: vsQualityAssuranceDeadline(meetingDate, settings)
				: null;
			return step('Virtual School quality assurance', ['virtual-school'], deadline, today);
		}
		case 'qa-returned':
			return step(
				'Make the changes the Virtual School asked for',
				[completedBy(header), 'social-worker'],
				null,
				today,
				'The Virtual School returned this PEP as needing development. Its feedback says what to change.'
			);
		case 'qa-passed':
			return step(
				'Share the PEP',
				['social-worker', 'designated-teacher'],
				null,
				today,
				'The PEP has passed quality assurance and can be shared with the young person and their carers.'
			);
		case 'shared': {
			if (!isLatest) return null;
			const deadline = header.nextPepDate
				? plannedNextPep(header.nextPepDate)
				: meetingDate
					? nextReviewDeadline(meetingDate, settings)
					: null;
			return step(
				'Start the next PEP',
				['social-worker', 'designated-teacher', 'personal-adviser'],
				deadline,
				today
			);
		}
	}
}

function plannedNextPep(date: IsoDate): Deadline {
	return {
		due: date,
		rule: `The next PEP was set for ${formatLongDate(date)} at the last meeting.`,
		overdueRule: `The next PEP was set for ${formatLongDate(date)} at the last meeting, and has not been started.`
	};
}

function step(
	what: string,
	waitingOn: Role[],
	deadline: Deadline | null,
	today: IsoDate,
	noDeadline = 'There is no deadline for this step.'
): PepStep {
	const overdue = deadline !== null && isOverdue(deadline, today);
	return {
		what,
		waitingOn,
		deadline,
		overdue,
		explanation: deadline ? (overdue ? deadline.overdueRule : deadline.rule) : noDeadline
	};
}

/** Overdue first, then soonest due; steps without a date last. */
export function byUrgency(a: PepStep, b: PepStep): number {
	if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
	const [da, db] = [a.deadline?.due ?? '9999-12-31', b.deadline?.due ?? '9999-12-31'];
	return da.localeCompare(db);
}
