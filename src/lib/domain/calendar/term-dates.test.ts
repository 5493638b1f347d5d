import { describe, expect, it } from 'vitest';
import { easterSunday, toDate, toIsoDate } from './bank-holidays';
import {
	academicYearOf,
	defaultTermsForAcademicYear,
	isSchoolHoliday,
	nextTermAfter,
	termContaining,
	termsForAcademicYear,
	type TermCalendar
} from './term-dates';
import { addDays } from 'date-fns';

/**
 * An authority calendar for 2025/26 unlike the default: a two-week autumn half term (as some
 * authorities have), pupils back on Wednesday 3 September, and an INSET day on Monday 10 November.
 */
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

describe('academicYearOf', () => {
	it('turns over on 1 September', () => {
		expect(academicYearOf('2025-08-31')).toBe(2024);
		expect(academicYearOf('2025-09-01')).toBe(2025);
		expect(academicYearOf('2026-01-15')).toBe(2025);
		expect(academicYearOf('2025-12-31')).toBe(2025);
	});
});

describe('defaultTermsForAcademicYear', () => {
	it('2024/25, worked by hand', () => {
		// 1 Sep 2024 is a Sunday → Monday 2 Sep. Fourth Monday of October: 7, 14, 21, 28 → 28 Oct.
		// First Monday on or after 2 Jan 2025 is 6 Jan; the autumn term ends 17 days earlier,
		// Friday 20 Dec. First Monday on or after 12 Feb 2025 is 17 Feb. Easter is 20 Apr 2025:
		// holiday Mon 14 – Fri 25 Apr, so spring ends Fri 11 Apr and summer starts Mon 28 Apr.
		// Last Monday of May 2025 is 26 May. 22 July 2025 is a Tuesday.
		expect(defaultTermsForAcademicYear(2024)).toEqual({
			startYear: 2024,
			terms: [
				{
					name: 'autumn',
					start: '2024-09-02',
					end: '2024-12-20',
					halfTermStart: '2024-10-28',
					halfTermEnd: '2024-11-01'
				},
				{
					name: 'spring',
					start: '2025-01-06',
					end: '2025-04-11',
					halfTermStart: '2025-02-17',
					halfTermEnd: '2025-02-21'
				},
				{
					name: 'summer',
					start: '2025-04-28',
					end: '2025-07-22',
					halfTermStart: '2025-05-26',
					halfTermEnd: '2025-05-30'
				}
			],
			closures: []
		});
	});

	it('2025/26, worked by hand', () => {
		// 1 Sep 2025 is a Monday. Mondays of October: 6, 13, 20, 27. 2 Jan 2026 is a Friday → Mon
		// 5 Jan; autumn ends Fri 19 Dec. Mondays of Feb 2026: 2, 9, 16 → 16 Feb. Easter 5 Apr 2026:
		// holiday 30 Mar – 10 Apr. Last Monday of May 2026 is the 25th. 22 July 2026 is a Wednesday.
		const { terms } = defaultTermsForAcademicYear(2025);
		expect(terms.map((t) => [t.start, t.halfTermStart, t.halfTermEnd, t.end])).toEqual([
			['2025-09-01', '2025-10-27', '2025-10-31', '2025-12-19'],
			['2026-01-05', '2026-02-16', '2026-02-20', '2026-03-27'],
			['2026-04-13', '2026-05-25', '2026-05-29', '2026-07-22']
		]);
	});

	it('does not open the autumn term on a Friday 1 September (2023 → Monday 4 September)', () => {
		expect(defaultTermsForAcademicYear(2023).terms[0]?.start).toBe('2023-09-04');
		// Thursday 1 September 2022 is fine.
		expect(defaultTermsForAcademicYear(2022).terms[0]?.start).toBe('2022-09-01');
	});

	it('opens the spring term after the New Year substitute day (Mon 2 Jan 2023 → Tue 3 Jan)', () => {
		const { terms } = defaultTermsForAcademicYear(2022);
		expect(terms[1]?.start).toBe('2023-01-03');
		// The autumn term still ends 17 days before that Monday: Friday 16 December 2022.
		expect(terms[0]?.end).toBe('2022-12-16');
	});

	it('opens the summer term after the early May bank holiday when Easter is late (2038)', () => {
		// Easter 25 April 2038: the Monday after the holiday is 3 May, the early May bank holiday.
		expect(defaultTermsForAcademicYear(2037).terms[2]?.start).toBe('2038-05-04');
	});

	it('holds Christmas to New Year and Good Friday to Easter Monday in holidays, 2000 to 2099', () => {
		for (let year = 2000; year <= 2099; year += 1) {
			const [autumn, spring, summer] = defaultTermsForAcademicYear(year).terms;
			expect(autumn!.end < `${year}-12-25`, String(year)).toBe(true);
			expect(spring!.start > `${year + 1}-01-01`, String(year)).toBe(true);
			const easter = toDate(easterSunday(year + 1));
			expect(spring!.end < toIsoDate(addDays(easter, -2)), String(year)).toBe(true);
			expect(summer!.start > toIsoDate(addDays(easter, 1)), String(year)).toBe(true);
			expect(spring!.halfTermEnd! < spring!.end, String(year)).toBe(true);
			expect(summer!.end <= `${year + 1}-07-22`, String(year)).toBe(true);
		}
	});
});

describe('termsForAcademicYear', () => {
	it('gives the configured year when the authority has set it', () => {
		expect(termsForAcademicYear(2025, configured).terms[0]?.start).toBe('2025-09-03');
		expect(termsForAcademicYear(2025, configured).closures).toEqual(['2025-11-10']);
	});

	it('falls back to the default for a year the authority has not set', () => {
		expect(termsForAcademicYear(2026, configured)).toEqual(defaultTermsForAcademicYear(2026));
		expect(termsForAcademicYear(2026)).toEqual(defaultTermsForAcademicYear(2026));
	});

	it('fills in missing closures, as the schema does', () => {
		const withoutClosures: TermCalendar = [{ ...configured[0]!, closures: undefined }];
		expect(termsForAcademicYear(2025, withoutClosures).closures).toEqual([]);
	});

	it('returns a copy that callers cannot use to change the calendar', () => {
		const copy = termsForAcademicYear(2024);
		copy.terms[0]!.start = '2024-01-01';
		expect(termsForAcademicYear(2024).terms[0]?.start).toBe('2024-09-02');
	});

	it('refuses configured term dates that break the schema, saying why', () => {
		const backwards: TermCalendar = [
			{
				startYear: 2025,
				terms: [
					{ name: 'autumn', start: '2025-12-19', end: '2025-09-03' },
					{ name: 'spring', start: '2026-01-05', end: '2026-03-27' },
					{ name: 'summer', start: '2026-04-13', end: '2026-07-22' }
				]
			}
		];
		expect(() => termsForAcademicYear(2025, backwards)).toThrow(
			/term dates are not valid[\s\S]*must start on or before its end/
		);
	});

	it('refuses an academic year listed twice', () => {
		const twice: TermCalendar = [configured[0]!, configured[0]!];
		expect(() => termsForAcademicYear(2025, twice)).toThrow(
			'The term dates list the academic year 2025/26 twice'
		);
	});
});

describe('isSchoolHoliday', () => {
	it('is true in half term, between terms and in the summer holiday', () => {
		expect(isSchoolHoliday('2025-10-28')).toBe(true); // default autumn half term 27–31 Oct
		expect(isSchoolHoliday('2025-12-29')).toBe(true); // Christmas holiday
		expect(isSchoolHoliday('2026-04-01')).toBe(true); // Easter holiday
		expect(isSchoolHoliday('2025-08-15')).toBe(true); // summer holiday
	});

	it('is false in term time, weekends and bank holidays included', () => {
		expect(isSchoolHoliday('2025-10-24')).toBe(false); // Friday before half term
		expect(isSchoolHoliday('2025-11-08')).toBe(false); // a Saturday in term
		expect(isSchoolHoliday('2026-05-04')).toBe(false); // early May bank holiday, in term
	});

	it('follows a configured calendar over the default', () => {
		// 20 October 2025 is a school day by default but in the configured two-week half term.
		expect(isSchoolHoliday('2025-10-20')).toBe(false);
		expect(isSchoolHoliday('2025-10-20', configured)).toBe(true);
		// 1 and 2 September are default term days but before the configured term starts.
		expect(isSchoolHoliday('2025-09-02', configured)).toBe(true);
		expect(isSchoolHoliday('2025-09-03', configured)).toBe(false);
		// Listed closures are holidays too.
		expect(isSchoolHoliday('2025-11-10', configured)).toBe(true);
		expect(isSchoolHoliday('2025-11-11', configured)).toBe(false);
	});

	it('finds an autumn term that an authority starts in August', () => {
		const earlyStart: TermCalendar = [
			{
				startYear: 2026,
				terms: [
					{ name: 'autumn', start: '2026-08-27', end: '2026-12-18' },
					{ name: 'spring', start: '2027-01-04', end: '2027-03-19' },
					{ name: 'summer', start: '2027-04-05', end: '2027-07-22' }
				]
			}
		];
		expect(isSchoolHoliday('2026-08-27', earlyStart)).toBe(false);
		expect(isSchoolHoliday('2026-08-27')).toBe(true);
	});
});

describe('termContaining and nextTermAfter', () => {
	it('names the term a date is in, half term included, and none between terms', () => {
		expect(termContaining('2025-10-28')).toMatchObject({ name: 'autumn', startYear: 2025 });
		expect(termContaining('2026-07-22')).toMatchObject({ name: 'summer', startYear: 2025 });
		expect(termContaining('2026-07-23')).toBeUndefined();
	});

	it('finds the next term from inside a term', () => {
		expect(nextTermAfter('2025-10-08')).toMatchObject({ name: 'spring', end: '2026-03-27' });
	});

	it('finds the coming term from a holiday', () => {
		expect(nextTermAfter('2025-08-05')).toMatchObject({ name: 'autumn', startYear: 2025 });
		expect(nextTermAfter('2025-12-25')).toMatchObject({ name: 'spring', startYear: 2025 });
	});

	it('moves into the next academic year from the summer term', () => {
		// Summer 2026 belongs to 2025/26; the next term is autumn 2026, ending Friday 18 December
		// (17 days before Monday 4 January 2027).
		expect(nextTermAfter('2026-06-10')).toMatchObject({
			name: 'autumn',
			startYear: 2026,
			end: '2026-12-18'
		});
	});
});
