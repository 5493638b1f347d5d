/**
 * Kinds of day and counting in them. Working days skip weekends and bank holidays of England and
 * Wales; school days also skip school holidays (the authority's term dates, or the default ones).
 *
 * Counting convention: "within N days of X" means by the Nth day of that kind after X. Day X itself
 * is never counted, even when it is a school day, just as "within 3 weeks of Monday" ends on a
 * Monday: the event takes up its own day, and a meeting on a Friday afternoon should not lose a
 * day of its allowance. Counting starts the day after X, so an event on a weekend or in a holiday
 * simply waits for the first day that counts. `daysBetween` is the inverse: it counts the days of
 * the kind in the half-open range (from, to], so `daysBetween(x, addDays(x, span))` is `span.days`.
 */
import { addDays as addCalendarDays, differenceInCalendarDays, isWeekend } from 'date-fns';
import { span as spanSchema, type DayType, type Span } from '../schemas/authority';
import type { IsoDate } from '../schemas/common';
import { isBankHoliday, toDate, toIsoDate } from './bank-holidays';
import { isSchoolHoliday, type TermCalendar } from './term-dates';

/**
 * More than enough for any real span (at most 365 days of any kind); stops a term calendar with
 * no school days from looping for ever. Searches throw rather than run out, so they never end empty.
 */
const SEARCH_LIMIT_DAYS = 3660;

export function isWorkingDay(date: IsoDate): boolean {
	return remembered(workingDays, date, () => !isWeekend(toDate(date)) && !isBankHoliday(date));
}

export function isSchoolDay(date: IsoDate, termDates?: TermCalendar): boolean {
	return remembered(schoolDaysOf(termDates), date, () => {
		return isWorkingDay(date) && !isSchoolHoliday(date, termDates);
	});
}

/** The day that ends a span after `date`: the Nth day of the span's kind, not counting `date`. */
export function addDays(date: IsoDate, span: Span, termDates?: TermCalendar): IsoDate {
	const { days, dayType } = spanSchema.parse(span);
	const start = toDate(date);
	if (dayType === 'calendar') return toIsoDate(addCalendarDays(start, days));
	const later = daysOfKind(start, 1, dayType, termDates);
	let due = date;
	for (let counted = 0; counted < days; counted += 1) due = later.next().value;
	return due;
}

/** The date itself when it is a day of the kind, otherwise the nearest such day before it. */
export function dayOnOrBefore(date: IsoDate, dayType: DayType, termDates?: TermCalendar): IsoDate {
	if (dayType === 'calendar' || counts(date, dayType, termDates)) return date;
	return daysOfKind(toDate(date), -1, dayType, termDates).next().value;
}

/**
 * How many days of the kind lie after `from`, up to and including `to`; negative when `to` is
 * before `from`.
 */
export function daysBetween(
	from: IsoDate,
	to: IsoDate,
	dayType: DayType,
	termDates?: TermCalendar
): number {
	const first = toDate(from);
	const distance = differenceInCalendarDays(toDate(to), first);
	if (dayType === 'calendar') return distance;
	if (distance < 0) return -daysBetween(to, from, dayType, termDates);
	let total = 0;
	for (let offset = 1; offset <= distance; offset += 1) {
		if (counts(toIsoDate(addCalendarDays(first, offset)), dayType, termDates)) total += 1;
	}
	return total;
}

/** Days of a kind after (direction 1) or before (direction -1) a date, nearest first. */
function* daysOfKind(
	from: Date,
	direction: 1 | -1,
	dayType: 'school' | 'working',
	termDates?: TermCalendar
): Generator<IsoDate, never> {
	for (let offset = 1; offset <= SEARCH_LIMIT_DAYS; offset += 1) {
		const day = toIsoDate(addCalendarDays(from, direction * offset));
		if (counts(day, dayType, termDates)) yield day;
	}
	throw new RangeError(
		`There are no ${dayType} days within ten years of ${toIsoDate(from)}: check the term dates`
	);
}

function counts(date: IsoDate, dayType: 'school' | 'working', termDates?: TermCalendar): boolean {
	return dayType === 'school' ? isSchoolDay(date, termDates) : isWorkingDay(date);
}

// Counting steps over the same days again and again, and what kind of day a date is never
// changes, so each answer is remembered: per term calendar for school days (by the array itself,
// as term-dates.ts does).
const workingDays = new Map<IsoDate, boolean>();
const defaultSchoolDays = new Map<IsoDate, boolean>();
const configuredSchoolDays = new WeakMap<TermCalendar, Map<IsoDate, boolean>>();

function schoolDaysOf(termDates: TermCalendar | undefined): Map<IsoDate, boolean> {
	if (termDates === undefined) return defaultSchoolDays;
	let answers = configuredSchoolDays.get(termDates);
	if (answers === undefined) {
		answers = new Map();
		configuredSchoolDays.set(termDates, answers);
	}
	return answers;
}

function remembered(answers: Map<IsoDate, boolean>, date: IsoDate, work: () => boolean): boolean {
	let answer = answers.get(date);
	if (answer === undefined) {
		answer = work();
		answers.set(date, answer);
	}
	return answer;
}
