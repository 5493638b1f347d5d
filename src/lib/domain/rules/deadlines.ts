/**
 * Every PEP timescale in DOMAIN.md as a pure function. Each answer carries its reason in plain
 * British English, because practitioners need to see why a date is due, not just the date.
 *
 * Spans come from the authority's `Timescales` and days are counted as calendar/days.ts explains:
 * the event's own day never counts, so "within 20 school days of X" is due on the 20th school day
 * after X.
 */
import { addMonths, format } from 'date-fns';
import {
	timescales as timescalesSchema,
	type Span,
	type Term,
	type Timescales
} from '../schemas/authority';
import type { IsoDate } from '../schemas/common';
import { bankHolidays, toDate, toIsoDate } from '../calendar/bank-holidays';
import { addDays, dayOnOrBefore, isWorkingDay } from '../calendar/days';
import {
	academicYearLabel,
	academicYearOf,
	nextTermAfter,
	termContaining,
	termsForAcademicYear,
	type TermCalendar
} from '../calendar/term-dates';

/** A date something is due by (inclusive), and why. */
export interface Deadline {
	readonly due: IsoDate;
	readonly rule: string;
	/** The same rule told once the date has passed: "… was due by …". */
	readonly overdueRule: string;
}

/** What the rules need to know about the authority; leave either out for the defaults. */
export interface DeadlineSettings {
	readonly timescales?: Timescales;
	readonly termDates?: TermCalendar;
}

/** Whether a requirement is met, can still be met, or can no longer be met. */
export type RequirementStatus = 'met' | 'open' | 'missed';

export interface RequirementCheck {
	readonly requirement: ReviewRequirement;
	readonly status: RequirementStatus;
	readonly reason: string;
}

export type ReviewRequirement =
	'autumn-term' | 'spring-term' | 'summer-term' | 'spring-or-summer-term' | 'reviews-per-year';

const defaultTimescales: Timescales = timescalesSchema.parse({});

/** A date as people write it in England: '14 March 2025'. */
export function formatLongDate(date: IsoDate): string {
	return format(toDate(date), 'd MMMM yyyy');
}

/** A span in words: '20 school days', '5 working days', '3 weeks', '1 day'. */
export function describeSpan({ days, dayType }: Span): string {
	if (dayType === 'calendar') {
		return days > 0 && days % 7 === 0 ? plural(days / 7, 'week') : plural(days, 'day');
	}
	return plural(days, `${dayType} day`);
}

/** A deadline is overdue from the day after it is due; the due date itself is still in time. */
export function isOverdue(deadline: Pick<Deadline, 'due'>, today: IsoDate): boolean {
	return today > deadline.due;
}

export function initialPepDeadline(
	enteredCare: IsoDate,
	placement: 'planned' | 'emergency' = 'planned',
	settings: DeadlineSettings = {}
): Deadline {
	const { initialPep, initialPepEmergency } = timescalesOf(settings);
	return placement === 'emergency'
		? spanDeadline(
				'The initial PEP',
				initialPepEmergency,
				'entering care in an emergency placement',
				enteredCare,
				settings
			)
		: spanDeadline('The initial PEP', initialPep, 'entering care', enteredCare, settings);
}

export function newSettingPepDeadline(
	startedSetting: IsoDate,
	settings: DeadlineSettings = {}
): Deadline {
	const span = timescalesOf(settings).newSetting;
	return spanDeadline('A new PEP', span, 'starting at the new setting', startedSetting, settings);
}

export function dtSignOffDeadline(meeting: IsoDate, settings: DeadlineSettings = {}): Deadline {
	const span = timescalesOf(settings).dtSignOff;
	return spanDeadline('Designated teacher sign-off', span, 'the meeting', meeting, settings);
}

export function dtQualityCheckDeadline(
	meeting: IsoDate,
	settings: DeadlineSettings = {}
): Deadline {
	const span = timescalesOf(settings).dtQualityCheck;
	return spanDeadline(
		'The designated teacher’s quality check',
		span,
		'the meeting',
		meeting,
		settings
	);
}

export function vsQualityAssuranceDeadline(
	meeting: IsoDate,
	settings: DeadlineSettings = {}
): Deadline {
	const span = timescalesOf(settings).vsQualityAssurance;
	return spanDeadline('Virtual School quality assurance', span, 'the meeting', meeting, settings);
}

export function post16PanelDeadline(meeting: IsoDate, settings: DeadlineSettings = {}): Deadline {
	const span = timescalesOf(settings).post16Panel;
	return spanDeadline('The Post-16 scrutiny panel review', span, 'the meeting', meeting, settings);
}

/**
 * Reviews are termly, so the next PEP is due by the end of the next term: the first term that
 * starts after the meeting. A meeting held in a holiday therefore counts for the term before it,
 * which gives the earlier of the two possible deadlines.
 */
export function nextReviewDeadline(meeting: IsoDate, settings: DeadlineSettings = {}): Deadline {
	const next = nextTermAfter(meeting, settings.termDates);
	const because =
		`the end of the ${termLabel(next)}: ` +
		`PEPs are reviewed every term and the last was on ${formatLongDate(meeting)}.`;
	return {
		due: next.end,
		rule: `The next PEP is due by ${formatLongDate(next.end)}, ${because}`,
		overdueRule: `The next PEP was due by ${formatLongDate(next.end)}, ${because}`
	};
}

/** Checks the next PEP date set at a meeting: after the meeting, and by the end of the next term. */
export function checkNextPepDate(
	meeting: IsoDate,
	nextPep: IsoDate,
	settings: DeadlineSettings = {}
): { readonly met: boolean; readonly reason: string } {
	const next = nextTermAfter(meeting, settings.termDates);
	const date = `The next PEP date, ${formatLongDate(nextPep)},`;
	const endOfNextTerm = `the end of the ${termLabel(next)} (${formatLongDate(next.end)})`;
	if (nextPep <= meeting) {
		return {
			met: false,
			reason: `${date} must be after the meeting on ${formatLongDate(meeting)}.`
		};
	}
	if (nextPep > next.end) {
		return {
			met: false,
			reason: `${date} is after ${endOfNextTerm}: PEPs are termly, so hold it by then.`
		};
	}
	return { met: true, reason: `${date} is by ${endOfNextTerm}, as termly reviews need.` };
}

/**
 * School-age reviews for one academic year: a PEP in every term, and at least
 * `timescales.reviewsPerYear` in all. Pass `today` to judge a year still in progress: a requirement
 * whose term has not yet ended is then 'open' rather than 'missed'.
 */
export function checkSchoolAgeReviews(
	meetings: readonly IsoDate[],
	startYear: number,
	settings: DeadlineSettings = {},
	today?: IsoDate
): RequirementCheck[] {
	const year = yearOfReviews(meetings, startYear, settings, today);
	return [
		year.checkTerms('autumn-term', ['autumn']),
		year.checkTerms('spring-term', ['spring']),
		year.checkTerms('summer-term', ['summer']),
		year.checkCount(timescalesOf(settings).reviewsPerYear)
	];
}

/**
 * Post-16 reviews for one academic year (Derbyshire): at least `timescales.post16ReviewsPerYear`
 * PEPs, one in the autumn term and a follow-up in the spring or summer term. Pass `today` as for
 * `checkSchoolAgeReviews`.
 */
export function checkPost16Reviews(
	meetings: readonly IsoDate[],
	startYear: number,
	settings: DeadlineSettings = {},
	today?: IsoDate
): RequirementCheck[] {
	const year = yearOfReviews(meetings, startYear, settings, today);
	return [
		year.checkTerms('autumn-term', ['autumn']),
		year.checkTerms('spring-or-summer-term', ['spring', 'summer']),
		year.checkCount(timescalesOf(settings).post16ReviewsPerYear)
	];
}

export interface EhcpReviewAlignment extends Deadline {
	/** The PEP to hold the EHCP annual review with: a planned one, or a suggested date. */
	readonly alignWith: IsoDate;
	readonly alignWithPlannedPep: boolean;
}

/**
 * An EHCP is reviewed at least every `ehcpAnnualReviewMonths` months, and a PEP should coincide
 * with it. The review is due that many months after the last (29 February rolls back to 28
 * February). The PEP to pair it with is the latest planned PEP in the term the review falls due,
 * no later than the due date; without one, the suggestion is the last school day on or before the
 * due date, which is the end of the summer term when the review falls due in the summer holiday.
 */
export function ehcpAnnualReviewDeadline(
	lastReview: IsoDate,
	plannedPeps: readonly IsoDate[],
	settings: DeadlineSettings = {}
): EhcpReviewAlignment {
	const months = timescalesOf(settings).ehcpAnnualReviewMonths;
	const due = toIsoDate(addMonths(toDate(lastReview), months));
	const lastSchoolDay = dayOnOrBefore(due, 'school', settings.termDates);
	// A school day always lies in a term, so this is defined.
	const term = termContaining(lastSchoolDay, settings.termDates) as Term;
	const inTime = plannedPeps
		.filter((pep) => pep > lastReview && pep >= term.start && pep <= due)
		.sort();
	const planned = inTime.at(-1);
	const because = `${plural(months, 'month')} after the last review on ${formatLongDate(lastReview)}.`;
	const dueText = `The EHCP annual review is due by ${formatLongDate(due)}, ${because}`;
	const overdueRule = `The EHCP annual review was due by ${formatLongDate(due)}, ${because}`;
	if (planned !== undefined) {
		return {
			due,
			rule: `${dueText} Hold it with the PEP on ${formatLongDate(planned)}, in the ${term.name} term.`,
			overdueRule,
			alignWith: planned,
			alignWithPlannedPep: true
		};
	}
	return {
		due,
		rule:
			`${dueText} No PEP is planned in the ${term.name} term before then: arrange one for ` +
			`a school day no later than ${formatLongDate(lastSchoolDay)} and hold the review with it.`,
		overdueRule,
		alignWith: lastSchoolDay,
		alignWithPlannedPep: false
	};
}

function spanDeadline(
	what: string,
	span: Span,
	event: string,
	eventDate: IsoDate,
	settings: DeadlineSettings
): Deadline {
	const due = addDays(eventDate, span, settings.termDates);
	const when = span.days === 0 ? 'the same day as' : `${describeSpan(span)} after`;
	const because = `${when} ${event} on ${formatLongDate(eventDate)}.${closedDayNote(due, span)}`;
	return {
		due,
		rule: `${what} is due by ${formatLongDate(due)}, ${because}`,
		overdueRule: `${what} was due by ${formatLongDate(due)}, ${because}`
	};
}

/**
 * A span counted in working or school days always ends on such a day. One counted in calendar
 * days can end on a weekend or a bank holiday: the date stays as the rule sets it, and the
 * deadline says so and names the working day before, so nobody finds the office closed.
 */
function closedDayNote(due: IsoDate, span: Span): string {
	if (span.dayType !== 'calendar' || isWorkingDay(due)) return '';
	const holiday = bankHolidays(toDate(due).getFullYear()).find((h) => h.date === due);
	const day = holiday ? holiday.name : format(toDate(due), 'EEEE');
	const before = formatLongDate(dayOnOrBefore(due, 'working'));
	return ` That is ${holiday ? 'a bank holiday' : 'a weekend'} (${day}): the last working day before it is ${before}.`;
}

/**
 * The meetings of one academic year, and the questions both review checks ask of them. A meeting
 * in a half term counts for its term; one between terms counts only towards the number held.
 */
function yearOfReviews(
	meetings: readonly IsoDate[],
	startYear: number,
	settings: DeadlineSettings,
	today: IsoDate | undefined
) {
	const { terms } = termsForAcademicYear(startYear, settings.termDates);
	const held = meetings.filter((m) => academicYearOf(m) === startYear).sort();
	const label = academicYearLabel(startYear);
	const yearEnd = termNamed(terms, 'summer', startYear).end;
	const stillOpen = (end: IsoDate) => today !== undefined && today <= end;

	return {
		checkTerms(requirement: ReviewRequirement, names: readonly Term['name'][]): RequirementCheck {
			const inScope = names.map((name) => termNamed(terms, name, startYear));
			const where = `the ${names.join(' or ')} term`;
			const found = held.find((m) => inScope.some((t) => t.start <= m && m <= t.end));
			if (found !== undefined) {
				const reason = `A PEP was held in ${where}, on ${formatLongDate(found)}.`;
				return { requirement, status: 'met', reason };
			}
			const end = inScope.map((t) => t.end).reduce((a, b) => (a > b ? a : b));
			return stillOpen(end)
				? {
						requirement,
						status: 'open',
						reason: `No PEP has been held in ${where} yet: one is needed by ${formatLongDate(end)}.`
					}
				: { requirement, status: 'missed', reason: `No PEP was held in ${where} of ${label}.` };
		},
		checkCount(needed: number): RequirementCheck {
			const requirement = 'reviews-per-year';
			const count = plural(held.length, 'PEP');
			const one = held.length === 1;
			const need = `at least ${needed} ${needed === 1 ? 'is' : 'are'} needed`;
			const heldInYear = `${count} ${one ? 'was' : 'were'} held in ${label}; ${need}.`;
			if (held.length >= needed) return { requirement, status: 'met', reason: heldInYear };
			return stillOpen(yearEnd)
				? {
						requirement,
						status: 'open',
						reason:
							`${count} ${one ? 'has' : 'have'} been held in ${label} so far; ` +
							`${need} by ${formatLongDate(yearEnd)}.`
					}
				: { requirement, status: 'missed', reason: heldInYear };
		}
	};
}

function termNamed(terms: readonly Term[], name: Term['name'], startYear: number): Term {
	const term = terms.find((t) => t.name === name);
	if (term === undefined) {
		throw new RangeError(`The term dates for ${academicYearLabel(startYear)} have no ${name} term`);
	}
	return term;
}

function termLabel(term: Term & { startYear: number }): string {
	return `${term.name} term of ${academicYearLabel(term.startYear)}`;
}

function timescalesOf(settings: DeadlineSettings): Timescales {
	return settings.timescales ?? defaultTimescales;
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
