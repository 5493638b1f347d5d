import fc from 'fast-check';
import { addDays as addCalendarDays, nextSaturday } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DayType } from '../schemas/authority';
import { toDate, toIsoDate } from './bank-holidays';
import { addDays, dayOnOrBefore, daysBetween, isSchoolDay, isWorkingDay } from './days';
import type { TermCalendar } from './term-dates';

/** 2025/26 with a two-week autumn half term (20–31 October) and an INSET day on 10 November. */
const configured: TermCalendar = [
	{
		startYear: 2025,
		terms: [
			{
				name: 'autumn',
				start: '2025-09-03',
				end: '2025-12-19',
				halfTermStart: '2025-10-20',
				halfTermEnd: '2025-10-31'
			},
			{ name: 'spring', start: '2026-01-05', end: '2026-03-27' },
			{ name: 'summer', start: '2026-04-13', end: '2026-07-22' }
		],
		closures: ['2025-11-10']
	}
];

const school = (days: number) => ({ days, dayType: 'school' as const });
const working = (days: number) => ({ days, dayType: 'working' as const });
const calendar = (days: number) => ({ days, dayType: 'calendar' as const });

describe('isWorkingDay and isSchoolDay', () => {
	it('working days skip weekends and bank holidays only', () => {
		expect(isWorkingDay('2025-08-22')).toBe(true); // a Friday in the summer holiday
		expect(isWorkingDay('2025-08-23')).toBe(false); // Saturday
		expect(isWorkingDay('2025-08-25')).toBe(false); // summer bank holiday
	});

	it('school days also skip school holidays', () => {
		expect(isSchoolDay('2025-08-22')).toBe(false);
		expect(isSchoolDay('2025-10-24')).toBe(true);
		expect(isSchoolDay('2025-10-27')).toBe(false); // autumn half term
		expect(isSchoolDay('2026-05-04')).toBe(false); // early May bank holiday, in term
		expect(isSchoolDay('2025-10-20', configured)).toBe(false);
	});
});

describe('addDays', () => {
	it('counts school days across the Christmas holidays', () => {
		// After Mon 15 Dec 2025: 16–19 Dec (4); the default spring term opens Mon 5 Jan 2026:
		// 5–9 Jan (9), 12–16 (14), 19–23 (19), Mon 26 Jan (20).
		expect(addDays('2025-12-15', school(20))).toBe('2026-01-26');
	});

	it('counts school days across the Easter holidays', () => {
		// After Mon 16 Mar 2026: 17–20 Mar (4), 23–27 (9); Easter holiday 30 Mar – 10 Apr holds
		// Good Friday 3 Apr and Easter Monday 6 Apr; 13–17 Apr (14), 20–24 (19), Mon 27 Apr (20).
		expect(addDays('2026-03-16', school(20))).toBe('2026-04-27');
	});

	it('skips a bank holiday Monday when counting working days', () => {
		// After Wed 20 May 2026: Thu 21 (1), Fri 22 (2), Mon 25 spring bank holiday, Tue 26 (3),
		// Wed 27 (4), Thu 28 (5).
		expect(addDays('2026-05-20', working(5))).toBe('2026-05-28');
		// After Thu 2 Apr 2026: Good Friday and Easter Monday skipped; Tue 7 … Fri 10 (4), Mon 13 (5).
		expect(addDays('2026-04-02', working(5))).toBe('2026-04-13');
	});

	it('handles 29 February in a leap year', () => {
		// 15 Feb 2024 + 21 days: February 2024 has 29 days, so 15 + 21 − 29 = 7 March.
		expect(addDays('2024-02-15', calendar(21))).toBe('2024-03-07');
		// After Mon 26 Feb 2024: 27 (1), 28 (2), 29 (3), Fri 1 Mar (4), Mon 4 Mar (5).
		expect(addDays('2024-02-26', working(5))).toBe('2024-03-04');
		// After Mon 19 Feb 2024 (half term was 12–16 Feb): 20–23 (4), 26–29 (8), 1 Mar (9), 4 Mar (10).
		expect(addDays('2024-02-19', school(10))).toBe('2024-03-04');
	});

	it('counts an emergency placement’s 10 school days', () => {
		// After Mon 8 Sep 2025: 9–12 (4), 15–19 (9), Mon 22 (10); 20 days reach Mon 6 Oct.
		expect(addDays('2025-09-08', school(10))).toBe('2025-09-22');
		expect(addDays('2025-09-08', school(20))).toBe('2025-10-06');
	});

	it('starts counting on the first day that counts when the start is at a weekend', () => {
		// Sat 11 Jan 2025: 13–17 Jan (5), 20–24 (10), 27–31 (15), 3–7 Feb (20).
		expect(addDays('2025-01-11', school(20))).toBe('2025-02-07');
		// Sun 9 Mar 2025: Mon 10 … Fri 14 March.
		expect(addDays('2025-03-09', working(5))).toBe('2025-03-14');
	});

	it('follows a configured term calendar over the default', () => {
		// Default, after Thu 16 Oct 2025: Fri 17 (1), 20–24 (6), half term 27–31, 3–6 Nov (10).
		expect(addDays('2025-10-16', school(10))).toBe('2025-11-06');
		// Configured: Fri 17 (1), two-week half term, 3–7 Nov (6), INSET Mon 10 Nov, 11–14 (10).
		expect(addDays('2025-10-16', school(10), configured)).toBe('2025-11-14');
	});

	it('returns the start date for a span of no days', () => {
		expect(addDays('2025-08-23', school(0))).toBe('2025-08-23');
		expect(addDays('2025-08-23', calendar(0))).toBe('2025-08-23');
	});

	it('refuses a span the schema refuses', () => {
		expect(() => addDays('2025-01-01', school(-1))).toThrow('must not be negative');
		expect(() => addDays('2025-01-01', school(1.5))).toThrow();
	});

	it('stops with a clear error when a term calendar has no school days for years', () => {
		// Every term of 2030/31 to 2040/41 is a single Saturday.
		const noSchool: TermCalendar = Array.from({ length: 11 }, (_, i) => {
			const saturday = toIsoDate(nextSaturday(new Date(2030 + i, 9, 1)));
			const term = { start: saturday, end: saturday };
			return {
				startYear: 2030 + i,
				terms: [
					{ name: 'autumn', ...term },
					{ name: 'spring', ...term },
					{ name: 'summer', ...term }
				]
			};
		});
		expect(() => addDays('2030-09-01', school(1), noSchool)).toThrow(
			'There are no school days within ten years of 2030-09-01: check the term dates'
		);
		expect(() => dayOnOrBefore('2041-08-31', 'school', noSchool)).toThrow(RangeError);
	});
});

describe('daysBetween', () => {
	it('counts days after the first date up to and including the second', () => {
		expect(daysBetween('2025-12-15', '2026-01-26', 'school')).toBe(20);
		expect(daysBetween('2024-02-15', '2024-03-07', 'calendar')).toBe(21);
		// After Fri 19 Dec 2025: 22–24 Dec (3), Christmas and Boxing Day, 29–31 Dec (6), New
		// Year's Day, Fri 2 Jan 2026 (7).
		expect(daysBetween('2025-12-19', '2026-01-02', 'working')).toBe(7);
		expect(daysBetween('2025-12-19', '2025-12-19', 'working')).toBe(0);
	});

	it('is negative when the second date is earlier', () => {
		expect(daysBetween('2026-01-26', '2025-12-15', 'school')).toBe(-20);
		expect(daysBetween('2024-03-07', '2024-02-15', 'calendar')).toBe(-21);
	});

	it('uses a configured calendar', () => {
		expect(daysBetween('2025-10-16', '2025-11-14', 'school', configured)).toBe(10);
	});

	it('counts a default school year of 190 to 200 days, and 196 in 2024/25', () => {
		// 2024/25 by hand: autumn 2 Sep – 20 Dec is 16 weeks less half term, 75; spring 6 Jan –
		// 11 Apr is 14 weeks less half term, 65; summer 28 Apr – Tue 22 Jul is 12 weeks and 2 days
		// less half term and the 5 May bank holiday, 56. 75 + 65 + 56 = 196.
		expect(daysBetween('2024-08-31', '2025-08-31', 'school')).toBe(196);
		for (let year = 2000; year <= 2099; year += 1) {
			const days = daysBetween(`${year}-08-31`, `${year + 1}-08-31`, 'school');
			expect(days, String(year)).toBeGreaterThanOrEqual(190);
			expect(days, String(year)).toBeLessThanOrEqual(200);
		}
	});

	it('undoes addDays for any date, span and kind of day', () => {
		const isoDates = fc
			.date({ min: new Date(2020, 0, 1), max: new Date(2035, 11, 31), noInvalidDate: true })
			.map(toIsoDate);
		const dayTypes = fc.constantFrom<DayType>('school', 'working', 'calendar');
		fc.assert(
			fc.property(isoDates, fc.integer({ min: 0, max: 80 }), dayTypes, (start, days, dayType) => {
				const due = addDays(start, { days, dayType });
				expect(daysBetween(start, due, dayType)).toBe(days);
				if (days > 0 && dayType !== 'calendar') {
					expect(dayType === 'school' ? isSchoolDay(due) : isWorkingDay(due)).toBe(true);
				}
			})
		);
	});
});

describe('dayOnOrBefore', () => {
	it('keeps a day of the kind, otherwise steps back to the nearest one', () => {
		expect(dayOnOrBefore('2025-10-24', 'school')).toBe('2025-10-24');
		expect(dayOnOrBefore('2025-10-26', 'school')).toBe('2025-10-24'); // Sunday → Friday
		expect(dayOnOrBefore('2025-08-15', 'school')).toBe('2025-07-22'); // summer holiday
		expect(dayOnOrBefore('2025-08-25', 'working')).toBe('2025-08-22'); // bank holiday Monday
		expect(dayOnOrBefore('2025-08-24', 'calendar')).toBe('2025-08-24');
	});
});

describe('is fast enough to call thousands of times', () => {
	it('works out 5,000 school-day deadlines quickly', () => {
		const started = performance.now();
		for (let i = 0; i < 5000; i += 1) {
			addDays(toIsoDate(addCalendarDays(toDate('2024-09-01'), i % 700)), school(20));
		}
		expect(performance.now() - started).toBeLessThan(2000);
	});
});

/**
 * Dates are local-midnight `Date`s inside and strings outside, so answers must not depend on the
 * device's zone. Each zone gets fresh modules (and so empty caches) to recompute everything.
 * Zones: DST at 01:00 (London), none (UTC), DST at midnight (São Paulo, 4 Nov 2018), far ahead of
 * and behind UTC, and a half-hour DST shift (Lord Howe).
 */
describe.each([
	'Europe/London',
	'UTC',
	'America/Sao_Paulo',
	'Pacific/Kiritimati',
	'Pacific/Pago_Pago',
	'Australia/Lord_Howe'
])('in the time zone %s', (zone) => {
	const originalZone = process.env.TZ;
	beforeAll(() => {
		process.env.TZ = zone;
		vi.resetModules();
	});
	afterAll(() => {
		process.env.TZ = originalZone;
		vi.resetModules();
	});

	it('gives the same answers', async () => {
		const days = await import('./days');
		const { bankHolidays } = await import('./bank-holidays');
		expect(days.addDays('2025-12-15', school(20))).toBe('2026-01-26');
		expect(days.addDays('2026-03-16', school(20))).toBe('2026-04-27');
		expect(days.addDays('2025-03-29', calendar(1))).toBe('2025-03-30'); // London clocks forward
		expect(days.addDays('2025-10-25', calendar(1))).toBe('2025-10-26'); // London clocks back
		expect(days.addDays('2018-11-03', calendar(1))).toBe('2018-11-04'); // São Paulo midnight
		expect(days.addDays('2018-11-02', working(1))).toBe('2018-11-05');
		expect(days.daysBetween('2025-03-01', '2025-11-01', 'calendar')).toBe(245);
		expect(bankHolidays(2026).map((h) => h.date)).toContain('2026-12-28');
	});
});
