import { describe, expect, it } from 'vitest';
import { checkNextMeeting } from './next-meeting';

const header = {
	kind: 'school-age' as const,
	term: 'autumn' as const,
	meeting: { date: '2026-10-06', plannedMinutes: 45, mode: 'in-person' as const }
};

describe('the next PEP meeting', () => {
	it('is needed for sign-off, and says so', () => {
		expect(checkNextMeeting(header, undefined, undefined).problems.map((p) => p.message)).toEqual([
			'Enter the date of the next PEP meeting: sign-off is not possible without it.'
		]);
	});

	it('must come after this meeting', () => {
		const check = checkNextMeeting(header, '2026-10-06', '15:30');
		expect(check.problems.map((p) => p.field)).toEqual(['nextPepDate']);
		expect(check.problems[0]?.message).toBe('The next PEP meeting must be after this one.');
	});

	it('names the day, and whether the young person would be in school', () => {
		expect(checkNextMeeting(header, '2027-01-13', '15:30')).toEqual({
			problems: [],
			day: 'Wednesday 13 January 2027, a school day'
		});
		expect(checkNextMeeting(header, '2027-01-16', undefined).day).toBe(
			'Saturday 16 January 2027, a weekend'
		);
		expect(checkNextMeeting(header, '2026-12-28', undefined).day).toBe(
			'Monday 28 December 2026, a bank holiday'
		);
		expect(checkNextMeeting(header, '2026-12-23', undefined).day).toBe(
			'Wednesday 23 December 2026, in the school holidays'
		);
	});

	it('names a date that is not real, or a time that is not a time', () => {
		expect(checkNextMeeting(header, '2027-02-31', undefined)).toMatchObject({
			problems: [{ field: 'nextPepDate' }],
			day: null
		});
		expect(checkNextMeeting(header, '2027-01-13', '3.30pm').problems).toEqual([
			{
				part: 'next-meeting',
				field: 'nextPepTime',
				message: 'Enter the time on the 24-hour clock, like 15:30.'
			}
		]);
		expect(checkNextMeeting(header, '2027-01-13', ' ').problems).toEqual([]);
	});
});
