import { describe, expect, it } from 'vitest';
import { timescales } from '../schemas/authority';
import type { TermCalendar } from '../calendar/term-dates';
import { isWorkingDay } from '../calendar/days';
import {
	checkNextPepDate,
	checkPost16Reviews,
	checkSchoolAgeReviews,
	describeSpan,
	dtQualityCheckDeadline,
	dtSignOffDeadline,
	ehcpAnnualReviewDeadline,
	formatLongDate,
	initialPepDeadline,
	isOverdue,
	newSettingPepDeadline,
	post16PanelDeadline,
	vsQualityAssuranceDeadline,
	nextReviewDeadline
} from './deadlines';

/**
 * Default terms used below, worked out in term-dates.test.ts:
 * 2024/25 autumn 2 Sep – 20 Dec (half term 28 Oct – 1 Nov), spring 6 Jan – 11 Apr (17–21 Feb),
 * summer 28 Apr – 22 Jul (26–30 May).
 * 2025/26 autumn 1 Sep – 19 Dec (27–31 Oct), spring 5 Jan – 27 Mar (16–20 Feb),
 * summer 13 Apr – 22 Jul (25–29 May).
 */

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

describe('formatLongDate and describeSpan', () => {
	it('writes dates as people in England do', () => {
		expect(formatLongDate('2025-03-14')).toBe('14 March 2025');
		expect(formatLongDate('2024-02-29')).toBe('29 February 2024');
	});

	it('writes spans in words, in weeks when whole', () => {
		expect(describeSpan({ days: 20, dayType: 'school' })).toBe('20 school days');
		expect(describeSpan({ days: 1, dayType: 'working' })).toBe('1 working day');
		expect(describeSpan({ days: 21, dayType: 'calendar' })).toBe('3 weeks');
		expect(describeSpan({ days: 7, dayType: 'calendar' })).toBe('1 week');
		expect(describeSpan({ days: 10, dayType: 'calendar' })).toBe('10 days');
		expect(describeSpan({ days: 0, dayType: 'calendar' })).toBe('0 days');
	});
});

describe('initialPepDeadline', () => {
	it('is 20 school days after entering care', () => {
		// After Mon 8 Sep 2025: 9–12 (4), 15–19 (9), 22–26 (14), 29 Sep – 3 Oct (19), Mon 6 Oct.
		expect(initialPepDeadline('2025-09-08')).toMatchObject({
			due: '2025-10-06',
			rule: 'The initial PEP is due by 6 October 2025, 20 school days after entering care on 8 September 2025.'
		});
	});

	it('is 10 school days after an emergency placement', () => {
		// After Mon 8 Sep 2025: 9–12 (4), 15–19 (9), Mon 22 Sep (10).
		expect(initialPepDeadline('2025-09-08', 'emergency')).toMatchObject({
			due: '2025-09-22',
			rule: 'The initial PEP is due by 22 September 2025, 10 school days after entering care in an emergency placement on 8 September 2025.'
		});
	});

	it('runs across the Easter holidays', () => {
		// After Mon 16 Mar 2026: 17–20 (4), 23–27 (9); Easter holiday 30 Mar – 10 Apr; 13–17 Apr
		// (14), 20–24 (19), Mon 27 Apr (20).
		expect(initialPepDeadline('2026-03-16').due).toBe('2026-04-27');
	});

	it('can count working days instead, as the statutory guidance words it', () => {
		// After Mon 16 Mar 2026 in working days: 17–20 (4), 23–27 (9), 30 Mar – 2 Apr (13), Good
		// Friday, Easter Monday, 7–10 Apr (17), 13–15 Apr (20).
		const workingDays = timescales.parse({ initialPep: { days: 20, dayType: 'working' } });
		expect(initialPepDeadline('2026-03-16', 'planned', { timescales: workingDays })).toMatchObject({
			due: '2026-04-15',
			rule: 'The initial PEP is due by 15 April 2026, 20 working days after entering care on 16 March 2026.'
		});
	});
});

describe('newSettingPepDeadline', () => {
	it('starts counting on Monday when the child starts at the weekend', () => {
		// Sat 11 Jan 2025: 13–17 Jan (5), 20–24 (10), 27–31 (15), 3–7 Feb (20).
		expect(newSettingPepDeadline('2025-01-11')).toMatchObject({
			due: '2025-02-07',
			rule: 'A new PEP is due by 7 February 2025, 20 school days after starting at the new setting on 11 January 2025.'
		});
	});
});

describe('after the meeting', () => {
	it('designated teacher sign-off: 5 working days', () => {
		// After Fri 7 Mar 2025: Mon 10 … Fri 14 March.
		expect(dtSignOffDeadline('2025-03-07')).toEqual({
			due: '2025-03-14',
			rule: 'Designated teacher sign-off is due by 14 March 2025, 5 working days after the meeting on 7 March 2025.',
			overdueRule:
				'Designated teacher sign-off was due by 14 March 2025, 5 working days after the meeting on 7 March 2025.'
		});
	});

	it('designated teacher sign-off skips a bank holiday Monday', () => {
		// After Wed 20 May 2026: 21 (1), 22 (2), Mon 25 spring bank holiday, 26 (3), 27 (4), 28 (5).
		expect(dtSignOffDeadline('2026-05-20').due).toBe('2026-05-28');
	});

	it('designated teacher sign-off over 29 February', () => {
		// After Mon 26 Feb 2024: 27 (1), 28 (2), 29 (3), 1 Mar (4), Mon 4 Mar (5).
		expect(dtSignOffDeadline('2024-02-26').due).toBe('2024-03-04');
	});

	it('designated teacher quality check: 10 school days, by the default or configured terms', () => {
		// Default, after Thu 16 Oct 2025: 17 (1), 20–24 (6), half term, 3–6 Nov (10).
		expect(dtQualityCheckDeadline('2025-10-16')).toMatchObject({
			due: '2025-11-06',
			rule: 'The designated teacher’s quality check is due by 6 November 2025, 10 school days after the meeting on 16 October 2025.'
		});
		// Configured: 17 (1), two-week half term, 3–7 Nov (6), INSET 10 Nov, 11–14 Nov (10).
		expect(dtQualityCheckDeadline('2025-10-16', { termDates: configured }).due).toBe('2025-11-14');
	});

	it('Virtual School quality assurance: 20 school days, across Christmas', () => {
		// After Mon 15 Dec 2025: 16–19 Dec (4); 5–9 Jan (9), 12–16 (14), 19–23 (19), Mon 26 Jan.
		expect(vsQualityAssuranceDeadline('2025-12-15')).toMatchObject({
			due: '2026-01-26',
			rule: 'Virtual School quality assurance is due by 26 January 2026, 20 school days after the meeting on 15 December 2025.'
		});
	});

	it('Post-16 scrutiny panel: 3 weeks, over 29 February', () => {
		// 15 Feb 2024 + 21 days = 36 Feb = 7 March (February 2024 has 29 days).
		expect(post16PanelDeadline('2024-02-15')).toMatchObject({
			due: '2024-03-07',
			rule: 'The Post-16 scrutiny panel review is due by 7 March 2024, 3 weeks after the meeting on 15 February 2024.'
		});
	});

	it('a deadline in calendar days that falls on a bank holiday or a weekend says so', () => {
		// 4 December 2026 + 21 days = Christmas Day.
		expect(post16PanelDeadline('2026-12-04')).toMatchObject({
			due: '2026-12-25',
			rule: 'The Post-16 scrutiny panel review is due by 25 December 2026, 3 weeks after the meeting on 4 December 2026. That is a bank holiday (Christmas Day): the last working day before it is 24 December 2026.'
		});
		// 13 March 2025 + 21 days = Thursday 3 April; 15 March (a Saturday) + 21 = Saturday 5 April.
		expect(post16PanelDeadline('2025-03-13').rule).not.toContain('That is');
		expect(post16PanelDeadline('2025-03-15').rule).toContain(
			'That is a weekend (Saturday): the last working day before it is 4 April 2025.'
		);
	});

	it('a deadline in working or school days never falls on a bank holiday or a weekend', () => {
		for (let day = 1; day <= 31; day++) {
			const meeting = `2026-12-${String(day).padStart(2, '0')}`;
			expect(isWorkingDay(dtSignOffDeadline(meeting).due)).toBe(true);
			expect(isWorkingDay(vsQualityAssuranceDeadline(meeting).due)).toBe(true);
		}
	});

	it('a span of no days is due the same day', () => {
		const sameDay = timescales.parse({ dtSignOff: { days: 0, dayType: 'working' } });
		expect(dtSignOffDeadline('2025-03-07', { timescales: sameDay }).rule).toBe(
			'Designated teacher sign-off is due by 7 March 2025, the same day as the meeting on 7 March 2025.'
		);
	});
});

describe('isOverdue', () => {
	it('is overdue only after the due date', () => {
		const deadline = dtSignOffDeadline('2025-03-07'); // due 14 March 2025
		expect(isOverdue(deadline, '2025-03-14')).toBe(false);
		expect(isOverdue(deadline, '2025-03-15')).toBe(true);
	});
});

describe('nextReviewDeadline and checkNextPepDate', () => {
	it('is due by the end of the next term', () => {
		expect(nextReviewDeadline('2025-10-08')).toMatchObject({
			due: '2026-03-27',
			rule: 'The next PEP is due by 27 March 2026, the end of the spring term of 2025/26: PEPs are reviewed every term and the last was on 8 October 2025.'
		});
		// From the summer term, the next term is the following autumn: 2026/27's ends Fri 18 Dec.
		expect(nextReviewDeadline('2026-06-10').due).toBe('2026-12-18');
	});

	it('counts a meeting in a holiday for the term before it, so the next is due this coming term', () => {
		expect(nextReviewDeadline('2025-08-05').due).toBe('2025-12-19');
	});

	it('accepts a next PEP date by the end of the next term', () => {
		expect(checkNextPepDate('2025-10-08', '2026-03-10')).toEqual({
			met: true,
			reason:
				'The next PEP date, 10 March 2026, is by the end of the spring term of 2025/26 (27 March 2026), as termly reviews need.'
		});
		expect(checkNextPepDate('2025-10-08', '2026-03-27').met).toBe(true);
	});

	it('refuses a next PEP date after the next term, such as one after Easter', () => {
		expect(checkNextPepDate('2025-10-08', '2026-04-20')).toEqual({
			met: false,
			reason:
				'The next PEP date, 20 April 2026, is after the end of the spring term of 2025/26 (27 March 2026): PEPs are termly, so hold it by then.'
		});
	});

	it('refuses a next PEP date on or before the meeting', () => {
		expect(checkNextPepDate('2025-10-08', '2025-10-08')).toEqual({
			met: false,
			reason: 'The next PEP date, 8 October 2025, must be after the meeting on 8 October 2025.'
		});
	});
});

describe('checkPost16Reviews', () => {
	it('finds both requirements unmet with only one PEP, in the autumn term', () => {
		expect(checkPost16Reviews(['2025-10-08'], 2025)).toEqual([
			{
				requirement: 'autumn-term',
				status: 'met',
				reason: 'A PEP was held in the autumn term, on 8 October 2025.'
			},
			{
				requirement: 'spring-or-summer-term',
				status: 'missed',
				reason: 'No PEP was held in the spring or summer term of 2025/26.'
			},
			{
				requirement: 'reviews-per-year',
				status: 'missed',
				reason: '1 PEP was held in 2025/26; at least 2 are needed.'
			}
		]);
	});

	it('leaves requirements open while there is still time', () => {
		expect(checkPost16Reviews(['2025-10-08'], 2025, {}, '2025-11-01').slice(1)).toEqual([
			{
				requirement: 'spring-or-summer-term',
				status: 'open',
				reason:
					'No PEP has been held in the spring or summer term yet: one is needed by 22 July 2026.'
			},
			{
				requirement: 'reviews-per-year',
				status: 'open',
				reason: '1 PEP has been held in 2025/26 so far; at least 2 are needed by 22 July 2026.'
			}
		]);
	});

	it('is met by an autumn PEP and a summer one', () => {
		const checks = checkPost16Reviews(['2025-11-20', '2026-06-10'], 2025);
		expect(checks.map((c) => c.status)).toEqual(['met', 'met', 'met']);
		expect(checks[2]?.reason).toBe('2 PEPs were held in 2025/26; at least 2 are needed.');
	});

	it('misses the autumn term when both PEPs are later, and ignores other years', () => {
		// 5 January 2026 is in the spring term; 10 October 2026 belongs to 2026/27.
		const checks = checkPost16Reviews(['2026-01-05', '2026-05-05', '2026-10-10'], 2025);
		expect(checks[0]).toEqual({
			requirement: 'autumn-term',
			status: 'missed',
			reason: 'No PEP was held in the autumn term of 2025/26.'
		});
		expect(checks[2]?.status).toBe('met');
	});

	it('counts a PEP in a holiday towards the number but not towards a term', () => {
		// 30 December 2025 is in the Christmas holiday.
		const checks = checkPost16Reviews(['2025-10-08', '2025-12-30'], 2025);
		expect(checks.map((c) => c.status)).toEqual(['met', 'missed', 'met']);
	});

	it('uses the configured terms: a PEP in the configured half term still counts for autumn', () => {
		const checks = checkPost16Reviews(['2025-10-21', '2026-02-02'], 2025, {
			termDates: configured
		});
		expect(checks.map((c) => c.status)).toEqual(['met', 'met', 'met']);
	});

	it('asks for as many reviews as the authority sets', () => {
		const three = timescales.parse({ post16ReviewsPerYear: 3 });
		const checks = checkPost16Reviews(['2025-10-08', '2026-06-10'], 2025, { timescales: three });
		expect(checks[2]?.reason).toBe('2 PEPs were held in 2025/26; at least 3 are needed.');
	});
});

describe('checkSchoolAgeReviews', () => {
	it('needs a PEP in every term', () => {
		const checks = checkSchoolAgeReviews(['2025-10-08', '2026-06-10'], 2025);
		expect(checks.map((c) => [c.requirement, c.status])).toEqual([
			['autumn-term', 'met'],
			['spring-term', 'missed'],
			['summer-term', 'met'],
			['reviews-per-year', 'missed']
		]);
	});

	it('is met by one PEP a term, and says the count in words', () => {
		const checks = checkSchoolAgeReviews(['2025-10-08', '2026-02-03', '2026-06-10'], 2025);
		expect(checks.every((c) => c.status === 'met')).toBe(true);
		expect(checks[3]?.reason).toBe('3 PEPs were held in 2025/26; at least 3 are needed.');
	});

	it('with no PEPs yet early in the year, everything is open', () => {
		const checks = checkSchoolAgeReviews([], 2025, {}, '2025-09-10');
		expect(checks.map((c) => c.status)).toEqual(['open', 'open', 'open', 'open']);
		expect(checks[3]?.reason).toBe(
			'0 PEPs have been held in 2025/26 so far; at least 3 are needed by 22 July 2026.'
		);
	});

	it('says "is needed" for a single review a year', () => {
		const one = timescales.parse({ reviewsPerYear: 1 });
		expect(checkSchoolAgeReviews([], 2025, { timescales: one })[3]?.reason).toBe(
			'0 PEPs were held in 2025/26; at least 1 is needed.'
		);
	});

	it('refuses term dates that list a term twice and miss one', () => {
		const noSummer: TermCalendar = [
			{
				startYear: 2025,
				terms: [
					{ name: 'autumn', start: '2025-09-03', end: '2025-12-19' },
					{ name: 'spring', start: '2026-01-05', end: '2026-03-27' },
					{ name: 'spring', start: '2026-04-13', end: '2026-07-22' }
				]
			}
		];
		expect(() => checkSchoolAgeReviews([], 2025, { termDates: noSummer })).toThrow(
			'must list each of the autumn, spring and summer terms once'
		);
	});
});

describe('ehcpAnnualReviewDeadline', () => {
	it('is due 12 months on, and pairs with the latest planned PEP in that term', () => {
		// Last review 29 Feb 2024 (leap day) + 12 months = 28 Feb 2025, a Friday in the spring
		// term. PEPs: 10 Feb 2025 is in time; 10 Mar 2025 would make the review late.
		expect(ehcpAnnualReviewDeadline('2024-02-29', ['2025-03-10', '2025-02-10'])).toMatchObject({
			due: '2025-02-28',
			rule: 'The EHCP annual review is due by 28 February 2025, 12 months after the last review on 29 February 2024. Hold it with the PEP on 10 February 2025, in the spring term.',
			alignWith: '2025-02-10',
			alignWithPlannedPep: true
		});
	});

	it('suggests the last school day before it when it falls due in the summer holiday', () => {
		// 15 Aug 2024 + 12 months = 15 Aug 2025, in the holiday; the summer term ended Tue 22 Jul.
		// The PEP on 5 March 2025 is in an earlier term, so it does not count.
		expect(ehcpAnnualReviewDeadline('2024-08-15', ['2025-03-05'])).toMatchObject({
			due: '2025-08-15',
			rule: 'The EHCP annual review is due by 15 August 2025, 12 months after the last review on 15 August 2024. No PEP is planned in the summer term before then: arrange one for a school day no later than 22 July 2025 and hold the review with it.',
			alignWith: '2025-07-22',
			alignWithPlannedPep: false
		});
	});

	it('follows the authority’s review interval', () => {
		// 6 months after Mon 3 Nov 2025 is Sun 3 May 2026; Mon 4 May is a bank holiday anyway, and
		// the last school day on or before 3 May is Fri 1 May 2026.
		const sixMonthly = timescales.parse({ ehcpAnnualReviewMonths: 6 });
		const alignment = ehcpAnnualReviewDeadline('2025-11-03', [], { timescales: sixMonthly });
		expect(alignment.due).toBe('2026-05-03');
		expect(alignment.alignWith).toBe('2026-05-01');
		expect(alignment.rule).toContain('6 months after the last review on 3 November 2025');
	});
});
