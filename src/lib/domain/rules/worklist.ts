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

/** The kinds of step a worklist counts and filters by. */
export type StepKind =
	'meeting' | 'sign-off' | 'quality-assurance' | 'changes' | 'share' | 'next-pep';

/** Each kind of step, as the worklist's filter names it. */
export const stepKindNames: Record<StepKind, string> = {
	meeting: 'Meetings to hold or record',
	'sign-off': 'Sign-offs',
	'quality-assurance': 'Quality assurance',
	changes: 'Returned for changes',
	share: 'Plans to share',
	'next-pep': 'Next PEPs to start'
};

export interface PepStep {
	kind: StepKind;
	/** What has to happen, as a short heading: "Designated teacher sign-off". */
	what: string;
	/** Who can do it. */
	waitingOn: Role[];
	deadline: Deadline | null;
	overdue: boolean;
	/** The deadline's rule, told in the past once it has passed; or why there is no date. */
	explanation: string;
}

type Header = Pick<
	PepHeader,
	'status' | 'kind' | 'dueBy' | 'meeting' | 'nextPepDate' | 'chair' | 'schoolId'
>;

/**
 * Who arranges and holds the meeting: the social worker with the school (the designated teacher)
 * or, after 16, the personal adviser. The Virtual School may record it for any child, but holds
 * it only for a child with no setting, whose PEP it prepares itself (Shropshire): for every other
 * child it is not the officer's next step.
 */
function meetingRoles(header: Pick<PepHeader, 'kind' | 'schoolId'>): Role[] {
	const roles: Role[] = ['social-worker'];
	if (header.schoolId !== null) roles.push('designated-teacher');
	if (header.kind === 'post-16') roles.push('personal-adviser');
	if (header.schoolId === null) roles.push('virtual-school');
	return roles;
}

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
				'meeting',
				held ? 'Record that the meeting was held' : 'Hold the PEP meeting',
				meetingRoles(header),
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
				return step('sign-off', 'Social worker sign-off', ['social-worker'], deadline, today);
			}
			if (completedBy(header) === 'personal-adviser') {
				// Derbyshire sets no date for the adviser, only for the panel that reviews the PETP.
				const panel = meetingDate ? post16PanelDeadline(meetingDate, settings) : null;
				const deadline = panel && {
					...panel,
					rule: `The personal adviser returns the PETP to the Virtual School first. ${panel.rule}`,
					overdueRule: `The personal adviser returns the PETP to the Virtual School first. ${panel.overdueRule}`
				};
				return step('sign-off', 'Personal adviser sign-off', ['personal-adviser'], deadline, today);
			}
			return step(
				'sign-off',
				'Designated teacher sign-off',
				['designated-teacher'],
				dtDeadline,
				today
			);
		}
		case 'dt-signed':
		case 'petp-completed': {
			const deadline = meetingDate
				? header.kind === 'post-16'
					? post16PanelDeadline(meetingDate, settings)
					: vsQualityAssuranceDeadline(meetingDate, settings)
				: null;
			return step(
				'quality-assurance',
				'Virtual School quality assurance',
				['virtual-school'],
				deadline,
				today
			);
		}
		case 'qa-returned':
			return step(
				'changes',
				'Make the changes the Virtual School asked for',
				[completedBy(header), 'social-worker'],
				null,
				today,
				'The Virtual School returned this PEP as needing development. Its feedback says what to change.'
			);
		case 'qa-passed':
			return step(
				'share',
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
				'next-pep',
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
	kind: StepKind,
	what: string,
	waitingOn: Role[],
	deadline: Deadline | null,
	today: IsoDate,
	noDeadline = 'There is no deadline for this step.'
): PepStep {
	const overdue = deadline !== null && isOverdue(deadline, today);
	return {
		kind,
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

/** One PEP whose next step is this person's. */
export interface WorkItem {
	pep: PepHeader;
	step: PepStep;
}

/** Latest first: by the meeting date when there is one, else by when it is due. */
export function pepDate(pep: Pick<PepHeader, 'meeting' | 'dueBy'>): IsoDate {
	return pep.meeting.date ?? pep.dueBy;
}

/** Each child's latest PEP, by child id. */
export function latestPeps(peps: readonly PepHeader[]): Map<string, PepHeader> {
	const latest = new Map<string, PepHeader>();
	for (const pep of peps) {
		const current = latest.get(pep.childId);
		if (!current || pepDate(pep) > pepDate(current)) latest.set(pep.childId, pep);
	}
	return latest;
}

/**
 * Every PEP whose next step is this role's, most urgent first: not only each child's latest, so
 * a PEP signed off and waiting for quality assurance, or returned for changes, is on the list
 * while the child's next PEP is already being prepared. A shared PEP's step (start the next one)
 * counts only for the child's latest PEP.
 */
export function workFor(
	role: Role,
	peps: readonly PepHeader[],
	today: IsoDate,
	settings: DeadlineSettings = {}
): WorkItem[] {
	const latest = latestPeps(peps);
	return peps
		.flatMap((pep) => {
			const step = nextStep(pep, today, settings, latest.get(pep.childId) === pep);
			return step && step.waitingOn.includes(role) ? [{ pep, step }] : [];
		})
		.sort((a, b) => byUrgency(a.step, b.step));
}

/** How many of each kind of step there are, in the order of the PEP cycle; kinds with none left out. */
export function countByKind(
	items: readonly { step: PepStep }[]
): { kind: StepKind; count: number }[] {
	return (Object.keys(stepKindNames) as StepKind[])
		.map((kind) => ({ kind, count: items.filter((item) => item.step.kind === kind).length }))
		.filter((entry) => entry.count > 0);
}
