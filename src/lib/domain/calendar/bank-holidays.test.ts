import { describe, expect, it } from 'vitest';
import {
	bankHolidays,
	easterSunday,
	firstMonday,
	isBankHoliday,
	lastMonday,
	proclaimedChanges,
	toDate,
	toIsoDate
} from './bank-holidays';

const datesOf = (year: number) => bankHolidays(year).map((h) => h.date);

describe('easterSunday', () => {
	// Published dates of Easter Sunday, including the earliest (22 March) and latest (25 April).
	it.each([
		[1818, '1818-03-22'],
		[1943, '1943-04-25'],
		[2000, '2000-04-23'],
		[2008, '2008-03-23'],
		[2011, '2011-04-24'],
		[2016, '2016-03-27'],
		[2019, '2019-04-21'],
		[2023, '2023-04-09'],
		[2024, '2024-03-31'],
		[2025, '2025-04-20'],
		[2026, '2026-04-05'],
		[2027, '2027-03-28'],
		[2038, '2038-04-25'],
		[2100, '2100-03-28'],
		[2285, '2285-03-22']
	])('falls in %i on %s', (year, expected) => {
		expect(easterSunday(year)).toBe(expected);
	});

	it('refuses years before the Gregorian calendar and non-integers', () => {
		expect(() => easterSunday(1582)).toThrow(RangeError);
		expect(() => easterSunday(2025.5)).toThrow('2025.5 is not a year from 1583 to 9999');
	});
});

describe('bankHolidays: the published gov.uk lists', () => {
	it('2023, with the coronation and New Year moved off a Sunday', () => {
		expect(datesOf(2023)).toEqual([
			'2023-01-02',
			'2023-04-07',
			'2023-04-10',
			'2023-05-01',
			'2023-05-08',
			'2023-05-29',
			'2023-08-28',
			'2023-12-25',
			'2023-12-26'
		]);
	});

	it('2024', () => {
		expect(datesOf(2024)).toEqual([
			'2024-01-01',
			'2024-03-29',
			'2024-04-01',
			'2024-05-06',
			'2024-05-27',
			'2024-08-26',
			'2024-12-25',
			'2024-12-26'
		]);
	});

	it('2025, with names', () => {
		expect(bankHolidays(2025)).toEqual([
			{ date: '2025-01-01', name: 'New Year’s Day' },
			{ date: '2025-04-18', name: 'Good Friday' },
			{ date: '2025-04-21', name: 'Easter Monday' },
			{ date: '2025-05-05', name: 'Early May bank holiday' },
			{ date: '2025-05-26', name: 'Spring bank holiday' },
			{ date: '2025-08-25', name: 'Summer bank holiday' },
			{ date: '2025-12-25', name: 'Christmas Day' },
			{ date: '2025-12-26', name: 'Boxing Day' }
		]);
	});

	it('2026: Boxing Day on a Saturday moves to Monday 28 December', () => {
		expect(datesOf(2026)).toEqual([
			'2026-01-01',
			'2026-04-03',
			'2026-04-06',
			'2026-05-04',
			'2026-05-25',
			'2026-08-31',
			'2026-12-25',
			'2026-12-28'
		]);
		expect(bankHolidays(2026).at(-1)?.name).toBe('Boxing Day (substitute day)');
	});
});

describe('bankHolidays: substitute days', () => {
	it('Christmas on a Saturday: both days move, to Monday 27 and Tuesday 28 (2021)', () => {
		expect(bankHolidays(2021).slice(-2)).toEqual([
			{ date: '2021-12-27', name: 'Christmas Day (substitute day)' },
			{ date: '2021-12-28', name: 'Boxing Day (substitute day)' }
		]);
	});

	it('Christmas on a Sunday: Boxing Day keeps Monday 26, Christmas moves to Tuesday 27 (2022)', () => {
		expect(bankHolidays(2022).slice(-2)).toEqual([
			{ date: '2022-12-26', name: 'Boxing Day' },
			{ date: '2022-12-27', name: 'Christmas Day (substitute day)' }
		]);
	});

	it('New Year’s Day on a Saturday moves to Monday 3 January (2022)', () => {
		expect(bankHolidays(2022)[0]).toEqual({
			date: '2022-01-03',
			name: 'New Year’s Day (substitute day)'
		});
	});
});

describe('bankHolidays: proclaimed changes', () => {
	it('2012: spring bank holiday moved to 4 June beside the Diamond Jubilee', () => {
		expect(datesOf(2012)).toEqual([
			'2012-01-02',
			'2012-04-06',
			'2012-04-09',
			'2012-05-07',
			'2012-06-04',
			'2012-06-05',
			'2012-08-27',
			'2012-12-25',
			'2012-12-26'
		]);
	});

	it('2020: early May bank holiday moved to Friday 8 May for VE Day', () => {
		expect(datesOf(2020)).toEqual([
			'2020-01-01',
			'2020-04-10',
			'2020-04-13',
			'2020-05-08',
			'2020-05-25',
			'2020-08-31',
			'2020-12-25',
			'2020-12-28'
		]);
	});

	it('2022: Platinum Jubilee on 2 and 3 June, and the State Funeral on 19 September', () => {
		expect(datesOf(2022)).toEqual([
			'2022-01-03',
			'2022-04-15',
			'2022-04-18',
			'2022-05-02',
			'2022-06-02',
			'2022-06-03',
			'2022-08-29',
			'2022-09-19',
			'2022-12-26',
			'2022-12-27'
		]);
		expect(isBankHoliday('2022-05-30')).toBe(false);
	});

	it('applies every change in the table: its date is a holiday, the date it replaces is not', () => {
		for (const { date, replaces } of proclaimedChanges) {
			expect(isBankHoliday(date), date).toBe(true);
			if (replaces !== undefined) {
				expect(replaces.slice(0, 4), 'a move stays in its year').toBe(date.slice(0, 4));
				expect(isBankHoliday(replaces), replaces).toBe(false);
			}
		}
	});
});

describe('bankHolidays: every year', () => {
	it('has eight holidays on weekdays, in date order, in every ordinary year to 2100', () => {
		const changed = new Set(proclaimedChanges.map((c) => Number(c.date.slice(0, 4))));
		for (let year = 1978; year <= 2100; year += 1) {
			const holidays = bankHolidays(year);
			if (!changed.has(year)) expect(holidays, String(year)).toHaveLength(8);
			for (const { date } of holidays) {
				expect([0, 6]).not.toContain(toDate(date).getDay());
				expect(date.startsWith(`${year}-`)).toBe(true);
			}
			const dates = holidays.map((h) => h.date);
			expect(dates).toEqual([...dates].sort());
		}
	});

	it('refuses years before the rules began', () => {
		expect(() => bankHolidays(1977)).toThrow('1977 is not a year from 1978 to 9999');
	});

	it('gives the same frozen list on every call', () => {
		expect(bankHolidays(2025)).toBe(bankHolidays(2025));
		expect(Object.isFrozen(bankHolidays(2025))).toBe(true);
	});
});

describe('isBankHoliday', () => {
	it('knows bank holidays and ordinary days', () => {
		expect(isBankHoliday('2025-08-25')).toBe(true);
		expect(isBankHoliday('2025-08-26')).toBe(false);
		// 1 January 2022 was a Saturday: the holiday is the Monday, not the day itself.
		expect(isBankHoliday('2022-01-01')).toBe(false);
		expect(isBankHoliday('2022-01-03')).toBe(true);
	});

	it('refuses text that is not a real date', () => {
		expect(() => isBankHoliday('2025-02-30')).toThrow('"2025-02-30" is not a real date');
		expect(() => isBankHoliday('25/12/2025')).toThrow(RangeError);
		expect(() => isBankHoliday('2025-12-25T00:00')).toThrow(RangeError);
	});
});

describe('date helpers', () => {
	it('round-trips an IsoDate through a local Date', () => {
		expect(toIsoDate(toDate('2024-02-29'))).toBe('2024-02-29');
	});

	it('finds first and last Mondays of a month', () => {
		// June 2026 begins on a Monday and ends on a Tuesday (30 June).
		expect(toIsoDate(firstMonday(2026, 5))).toBe('2026-06-01');
		expect(toIsoDate(lastMonday(2026, 5))).toBe('2026-06-29');
		// August 2025 ends on Sunday 31: the last Monday is the 25th, its first Monday the 4th.
		expect(toIsoDate(firstMonday(2025, 7))).toBe('2025-08-04');
		expect(toIsoDate(lastMonday(2025, 7))).toBe('2025-08-25');
		// March 2025 ends on Monday 31.
		expect(toIsoDate(lastMonday(2025, 2))).toBe('2025-03-31');
	});
});
