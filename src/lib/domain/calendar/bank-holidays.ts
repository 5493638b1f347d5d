/**
 * Bank holidays of England and Wales, computed for any year from 1978 (the first year with an
 * early May bank holiday) rather than typed in, so the app never runs out of them. The few changes
 * made by royal proclamation cannot be computed and are kept as data in `proclaimedChanges`.
 *
 * Dates cross every calendar API as `IsoDate` strings. Inside, they become `Date`s at local
 * midnight (what date-fns expects) and are only ever read back with local getters, never UTC
 * ones, so the result is the same whatever the device's time zone is.
 */
import { addDays, isMonday, isWeekend, lastDayOfMonth, nextMonday, previousMonday } from 'date-fns';
import type { IsoDate } from '../schemas/common';

export interface BankHoliday {
	readonly date: IsoDate;
	readonly name: string;
}

/**
 * A change to one year's bank holidays made by royal proclamation. `replaces` names the date the
 * rules give when the holiday was moved; leave it out for an extra holiday. Extend this table when
 * a new proclamation is made: nothing else needs to change.
 */
export interface ProclaimedChange {
	readonly date: IsoDate;
	readonly name: string;
	readonly replaces?: IsoDate;
}

export const proclaimedChanges: readonly ProclaimedChange[] = [
	{ date: '2011-04-29', name: 'Royal wedding bank holiday' },
	// The Diamond Jubilee: the spring bank holiday moved to a Monday next to the extra Tuesday.
	{ date: '2012-06-04', name: 'Spring bank holiday', replaces: '2012-05-28' },
	{ date: '2012-06-05', name: 'Queen’s Diamond Jubilee' },
	// The 75th anniversary of VE Day: the early May bank holiday moved from Monday to Friday.
	{ date: '2020-05-08', name: 'Early May bank holiday (VE Day)', replaces: '2020-05-04' },
	// The Platinum Jubilee: the spring bank holiday moved to a Thursday next to the extra Friday.
	{ date: '2022-06-02', name: 'Spring bank holiday', replaces: '2022-05-30' },
	{ date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
	{ date: '2022-09-19', name: 'Bank Holiday for the State Funeral of Queen Elizabeth II' },
	{ date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' }
];

/** The earliest year the current rules describe. */
export const FIRST_COMPUTED_YEAR = 1978;

/**
 * Reads an `IsoDate` as local midnight; refuses anything that is not a real calendar date.
 * Written by hand rather than with date-fns `parseISO`/`format`, which are some forty times
 * slower, because deadline counting converts every day it steps over.
 */
export function toDate(date: IsoDate): Date {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (match !== null) {
		const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
		// setFullYear, unlike the Date constructor, does not read years 0–99 as 1900–1999.
		const local = new Date(2000, 0, 1);
		local.setFullYear(year, month - 1, day);
		// A date such as 30 February rolls over into March, which the check below catches.
		if (local.getMonth() === month - 1 && local.getDate() === day) return local;
	}
	throw new RangeError(`"${date}" is not a real date written as YYYY-MM-DD`);
}

/** Writes a `Date` as an `IsoDate`, reading it in the same local zone `toDate` used. */
export function toIsoDate(date: Date): IsoDate {
	const pad = (value: number, width: number) => String(value).padStart(width, '0');
	return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

/**
 * Easter Sunday in the Gregorian calendar, by the anonymous algorithm (Meeus/Jones/Butcher).
 * The single-letter names follow the published algorithm so it can be checked line by line.
 */
export function easterSunday(year: number): IsoDate {
	assertYear(year, 1583);
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return toIsoDate(new Date(year, month - 1, day));
}

interface YearOfHolidays {
	readonly list: readonly BankHoliday[];
	readonly dates: ReadonlySet<IsoDate>;
}

// Deadlines ask about the same few years thousands of times; the answer never changes.
const cache = new Map<number, YearOfHolidays>();

/** The bank holidays of England and Wales in a calendar year, in date order. */
export function bankHolidays(year: number): readonly BankHoliday[] {
	return holidaysOf(year).list;
}

export function isBankHoliday(date: IsoDate): boolean {
	return holidaysOf(toDate(date).getFullYear()).dates.has(date);
}

function holidaysOf(year: number): YearOfHolidays {
	let holidays = cache.get(year);
	if (holidays === undefined) {
		const list = Object.freeze(computeBankHolidays(year).map((h) => Object.freeze(h)));
		holidays = { list, dates: new Set(list.map((h) => h.date)) };
		cache.set(year, holidays);
	}
	return holidays;
}

function computeBankHolidays(year: number): BankHoliday[] {
	assertYear(year, FIRST_COMPUTED_YEAR);
	const easter = toDate(easterSunday(year));
	const byRule: BankHoliday[] = [
		...withSubstituteDays([{ date: new Date(year, 0, 1), name: 'New Year’s Day' }]),
		{ date: toIsoDate(addDays(easter, -2)), name: 'Good Friday' },
		{ date: toIsoDate(addDays(easter, 1)), name: 'Easter Monday' },
		{ date: toIsoDate(firstMonday(year, 4)), name: 'Early May bank holiday' },
		{ date: toIsoDate(lastMonday(year, 4)), name: 'Spring bank holiday' },
		{ date: toIsoDate(lastMonday(year, 7)), name: 'Summer bank holiday' },
		...withSubstituteDays([
			{ date: new Date(year, 11, 25), name: 'Christmas Day' },
			{ date: new Date(year, 11, 26), name: 'Boxing Day' }
		])
	];
	const changes = proclaimedChanges.filter((c) => c.date.startsWith(`${year}-`));
	const replaced = new Set(changes.map((c) => c.replaces));
	return [
		...byRule.filter((h) => !replaced.has(h.date)),
		...changes.map(({ date, name }) => ({ date, name }))
	].sort((x, y) => x.date.localeCompare(y.date));
}

/**
 * A fixed-date holiday that falls on a weekday keeps its date. One that falls at a weekend moves
 * to the next weekday that is not already a holiday: so when Christmas Day is a Sunday, Boxing Day
 * keeps Monday and Christmas moves to Tuesday, as the published lists show.
 */
function withSubstituteDays(fixed: { date: Date; name: string }[]): BankHoliday[] {
	const taken = new Set(fixed.filter((h) => !isWeekend(h.date)).map((h) => toIsoDate(h.date)));
	return fixed.map(({ date, name }) => {
		if (!isWeekend(date)) return { date: toIsoDate(date), name };
		let substitute = date;
		while (isWeekend(substitute) || taken.has(toIsoDate(substitute))) {
			substitute = addDays(substitute, 1);
		}
		taken.add(toIsoDate(substitute));
		return { date: toIsoDate(substitute), name: `${name} (substitute day)` };
	});
}

/** `monthIndex` counts from 0 for January, as `Date` does. */
export function firstMonday(year: number, monthIndex: number): Date {
	const first = new Date(year, monthIndex, 1);
	return isMonday(first) ? first : nextMonday(first);
}

export function lastMonday(year: number, monthIndex: number): Date {
	const last = lastDayOfMonth(new Date(year, monthIndex, 1));
	return isMonday(last) ? last : previousMonday(last);
}

function assertYear(year: number, earliest: number): void {
	if (!Number.isInteger(year) || year < earliest || year > 9999) {
		throw new RangeError(`${year} is not a year from ${earliest} to 9999`);
	}
}
