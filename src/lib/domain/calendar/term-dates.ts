/**
 * School terms. An authority sets its own term dates (`Authority.termDates`); for any academic
 * year it has not set, a default is computed from the pattern most English authorities follow, so
 * school-day deadlines can always be worked out. Authorities that want exact INSET days and
 * holidays should configure them.
 *
 * The default pattern, for the academic year starting in September of `startYear`:
 * - Autumn term starts on the first weekday on or after 1 September, skipping a Friday (no school
 *   opens for one day before a weekend). The first day may be an INSET day: counting it makes a
 *   deadline a day early at worst, never late.
 * - Autumn half term is the week beginning the fourth Monday of October (22–28 October), the
 *   most common half term in each year from 2022 to 2027.
 * - Christmas holiday is the two weeks before the first Monday on or after 2 January, so it
 *   always covers 25 December to 1 January. The autumn term ends on the Friday before it and the
 *   spring term starts on that Monday (or the next day, when the Monday is a bank holiday).
 * - Spring half term is the week beginning the first Monday on or after 12 February.
 * - Easter holiday is the week before and the week after Easter Sunday, Monday to Friday, so it
 *   holds Good Friday and Easter Monday. The summer term starts on the Monday after it (or the
 *   next day, when that is the early May bank holiday).
 * - Summer half term is the week of the spring bank holiday (the last Monday of May).
 * - Summer term ends on the last weekday on or before 22 July.
 * That gives about 195 days a year, as the 190 teaching days plus 5 INSET days do.
 */
import { z } from 'zod';
import { addDays, isFriday, isMonday, isWeekend, nextMonday } from 'date-fns';
import { academicYearTerms, type AcademicYearTerms, type Term } from '../schemas/authority';
import type { IsoDate } from '../schemas/common';
import {
	easterSunday,
	firstMonday,
	isBankHoliday,
	lastMonday,
	toDate,
	toIsoDate
} from './bank-holidays';

/** An authority's configured term dates, as stored or as typed (closures may be left out). */
export type TermCalendar = readonly z.input<typeof academicYearTerms>[];

/** A term together with the academic year it belongs to. */
export type TermOfYear = Term & { readonly startYear: number };

/** The academic year a date belongs to, named by its starting calendar year (1 September). */
export function academicYearOf(date: IsoDate): number {
	const day = toDate(date);
	return day.getMonth() >= 8 ? day.getFullYear() : day.getFullYear() - 1;
}

/** 2025 → '2025/26', as academic years are written. */
export function academicYearLabel(startYear: number): string {
	return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The authority's terms for an academic year if it has set them, otherwise the default. */
export function termsForAcademicYear(
	startYear: number,
	configured?: TermCalendar
): AcademicYearTerms {
	return structuredClone(yearOfTerms(startYear, configured).asGiven);
}

/**
 * True on a day when schools are closed for a holiday: between terms, in a half term, or on a
 * closure day the authority listed. Weekends and bank holidays in term time are not school
 * holidays (`isSchoolDay` in days.ts excludes them separately).
 */
export function isSchoolHoliday(date: IsoDate, configured?: TermCalendar): boolean {
	const term = termContaining(date, configured);
	return (
		term === undefined ||
		isInHalfTerm(date, term) ||
		yearOfTerms(term.startYear, configured).closures.has(date)
	);
}

/**
 * The term whose first-to-last-day span holds the date, half term included; undefined between
 * terms. The next academic year is checked too, for an autumn term that starts in August.
 */
export function termContaining(date: IsoDate, configured?: TermCalendar): TermOfYear | undefined {
	const year = academicYearOf(date);
	const holds = (t: TermOfYear) => t.start <= date && date <= t.end;
	return (
		yearOfTerms(year, configured).terms.find(holds) ??
		yearOfTerms(year + 1, configured).terms.find(holds)
	);
}

/** The earliest term that starts after the date (the next term, when the date is in a term). */
export function nextTermAfter(date: IsoDate, configured?: TermCalendar): TermOfYear {
	// Each academic year's terms are in date order, every year has terms, and those of the year
	// after the date's start after it, so this returns by the second year.
	for (let year = academicYearOf(date); ; year += 1) {
		const next = yearOfTerms(year, configured).terms.find((t) => t.start > date);
		if (next !== undefined) return next;
	}
}

function isInHalfTerm(date: IsoDate, term: Term): boolean {
	const { halfTermStart, halfTermEnd } = term;
	return (
		halfTermStart !== undefined &&
		halfTermEnd !== undefined &&
		halfTermStart <= date &&
		date <= halfTermEnd
	);
}

/** One academic year's terms, shaped for the lookups above. */
interface YearOfTerms {
	readonly asGiven: AcademicYearTerms;
	/** In date order, each knowing its academic year. */
	readonly terms: readonly TermOfYear[];
	readonly closures: ReadonlySet<IsoDate>;
}

// School-day counting asks about the same few years thousands of times. Default years are
// computed once each; a configured calendar is validated once, on first use, and remembered by
// the array itself (so configured term dates must not be changed in place once passed in).
const defaultYears = new Map<number, YearOfTerms>();
const configuredCalendars = new WeakMap<TermCalendar, ReadonlyMap<number, YearOfTerms>>();

function yearOfTerms(startYear: number, configured: TermCalendar | undefined): YearOfTerms {
	const own = configured === undefined ? undefined : validated(configured).get(startYear);
	if (own !== undefined) return own;
	let computed = defaultYears.get(startYear);
	if (computed === undefined) {
		computed = shaped(defaultTermsForAcademicYear(startYear));
		defaultYears.set(startYear, computed);
	}
	return computed;
}

/** Validates configured term dates where they enter the calendar, with the authority schema. */
function validated(configured: TermCalendar): ReadonlyMap<number, YearOfTerms> {
	const known = configuredCalendars.get(configured);
	if (known !== undefined) return known;
	const parsed = academicYearTerms.array().safeParse(configured);
	if (!parsed.success) {
		throw new RangeError(`The term dates are not valid:\n${z.prettifyError(parsed.error)}`);
	}
	const years = new Map<number, YearOfTerms>();
	for (const year of parsed.data) {
		if (years.has(year.startYear)) {
			throw new RangeError(
				`The term dates list the academic year ${academicYearLabel(year.startYear)} twice`
			);
		}
		years.set(year.startYear, shaped(year));
	}
	configuredCalendars.set(configured, years);
	return years;
}

function shaped(asGiven: AcademicYearTerms): YearOfTerms {
	const terms = asGiven.terms
		.map((t) => ({ ...t, startYear: asGiven.startYear }))
		.sort((x, y) => x.start.localeCompare(y.start));
	return { asGiven, terms, closures: new Set(asGiven.closures) };
}

/** The default terms described at the top of this file. */
export function defaultTermsForAcademicYear(startYear: number): AcademicYearTerms {
	const autumnHalfTerm = addDays(firstMonday(startYear, 9), 21);
	const afterChristmas = mondayOnOrAfter(new Date(startYear + 1, 0, 2));
	const springHalfTerm = mondayOnOrAfter(new Date(startYear + 1, 1, 12));
	const easter = toDate(easterSunday(startYear + 1));
	const summerHalfTerm = lastMonday(startYear + 1, 4);
	return {
		startYear,
		terms: [
			{
				name: 'autumn',
				start: toIsoDate(autumnStart(startYear)),
				end: toIsoDate(addDays(afterChristmas, -17)),
				...weekFrom(autumnHalfTerm)
			},
			{
				name: 'spring',
				start: toIsoDate(firstWorkingDayFrom(afterChristmas)),
				end: toIsoDate(addDays(easter, -9)),
				...weekFrom(springHalfTerm)
			},
			{
				name: 'summer',
				start: toIsoDate(firstWorkingDayFrom(addDays(easter, 8))),
				end: toIsoDate(lastWeekdayOnOrBefore(new Date(startYear + 1, 6, 22))),
				...weekFrom(summerHalfTerm)
			}
		],
		closures: []
	};
}

function autumnStart(startYear: number): Date {
	let day = new Date(startYear, 8, 1);
	while (isWeekend(day) || isFriday(day)) day = addDays(day, 1);
	return day;
}

function mondayOnOrAfter(day: Date): Date {
	return isMonday(day) ? day : nextMonday(day);
}

/** A term never opens on a bank holiday, such as the substitute day for New Year's Day. */
function firstWorkingDayFrom(day: Date): Date {
	let candidate = day;
	while (isWeekend(candidate) || isBankHoliday(toIsoDate(candidate))) {
		candidate = addDays(candidate, 1);
	}
	return candidate;
}

function lastWeekdayOnOrBefore(day: Date): Date {
	let candidate = day;
	while (isWeekend(candidate)) candidate = addDays(candidate, -1);
	return candidate;
}

function weekFrom(monday: Date): { halfTermStart: IsoDate; halfTermEnd: IsoDate } {
	return { halfTermStart: toIsoDate(monday), halfTermEnd: toIsoDate(addDays(monday, 4)) };
}
