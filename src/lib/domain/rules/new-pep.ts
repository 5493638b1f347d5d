/**
 * Starting a PEP: what kind it is and when its meeting is due, from the rules. An initial PEP is
 * due within 20 school days of entering care (10 in an emergency placement), one for a new
 * setting within 20 school days of starting there, and a review by the date set at the last
 * meeting, or else by the end of the next term.
 */
import { keyStageOf, type ChildProfile } from '../schemas/child';
import type { IsoDate } from '../schemas/common';
import type { PepHeader, PepKind, PepReason, TermName } from '../schemas/pep';
import { nextTermAfter, termContaining } from '../calendar/term-dates';
import {
	formatLongDate,
	initialPepDeadline,
	newSettingPepDeadline,
	nextReviewDeadline,
	type Deadline,
	type DeadlineSettings
} from './deadlines';

export interface PepPlan {
	kind: PepKind;
	reason: PepReason;
	dueBy: IsoDate;
	/** Why it is due then, in words. */
	rule: string;
	academicYear: number;
	term: TermName;
}

export type PlanResult = { ok: true; plan: PepPlan } | { ok: false; reason: string };

/** Early years up to Reception, Post-16 PETP from Year 12, a school-age PEP between. */
export function pepKindFor(child: Pick<ChildProfile, 'yearGroup'>): PepKind {
	const stage = keyStageOf(child.yearGroup);
	if (stage === 'early-years') return 'early-years';
	if (stage === 'KS5') return 'post-16';
	return 'school-age';
}

type Previous = Pick<PepHeader, 'meeting' | 'nextPepDate' | 'status'>;

export function planPep(
	child: Pick<ChildProfile, 'yearGroup' | 'dateIntoCare' | 'placement' | 'setting'>,
	reason: PepReason,
	previous: Previous[],
	today: IsoDate,
	settings: DeadlineSettings = {}
): PlanResult {
	const deadline = deadlineFor(child, reason, previous, settings);
	if ('reason' in deadline) return { ok: false, reason: deadline.reason };
	const term =
		termContaining(deadline.due, settings.termDates) ??
		nextTermAfter(deadline.due, settings.termDates);
	return {
		ok: true,
		plan: {
			kind: pepKindFor(child),
			reason,
			dueBy: deadline.due,
			rule: deadline.due < today ? deadline.overdueRule : deadline.rule,
			academicYear: term.startYear,
			term: term.name
		}
	};
}

function deadlineFor(
	child: Pick<ChildProfile, 'dateIntoCare' | 'placement' | 'setting'>,
	reason: PepReason,
	previous: Previous[],
	settings: DeadlineSettings
): Deadline | { reason: string } {
	switch (reason) {
		case 'initial':
			return initialPepDeadline(
				child.dateIntoCare,
				child.placement.emergency ? 'emergency' : 'planned',
				settings
			);
		case 'new-setting':
			if (!child.setting.startDate) {
				return {
					reason:
						'Add the date the child started at their new setting to their profile first: the PEP is due 20 school days after it.'
				};
			}
			return newSettingPepDeadline(child.setting.startDate, settings);
		case 'review': {
			const held = previous
				.filter((p) => p.meeting.date !== undefined && p.status !== 'draft')
				.sort((a, b) => a.meeting.date!.localeCompare(b.meeting.date!))
				.at(-1);
			if (!held) {
				return {
					reason:
						'There is no earlier PEP meeting to review. Start an initial PEP, or one for a new setting.'
				};
			}
			if (held.nextPepDate) {
				return {
					due: held.nextPepDate,
					rule: `The review is due by ${formatLongDate(held.nextPepDate)}, the date set at the last meeting.`,
					overdueRule: `The review was due by ${formatLongDate(held.nextPepDate)}, the date set at the last meeting.`
				};
			}
			return nextReviewDeadline(held.meeting.date!, settings);
		}
	}
}
