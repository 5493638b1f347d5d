/**
 * The date and time of the next PEP meeting, agreed at the end of this one. It is kept on the
 * PEP's header (`nextPepDate`, `nextPepTime`), where both sign-offs read it and where the next
 * review's deadline comes from. The date must come after this meeting; a day when the young
 * person would be out of school anyway is said in words, as the guidance asks for a time that
 * does not take them out of lessons unless it must.
 */
import { format, isWeekend } from 'date-fns';
import { isBankHoliday, toDate } from '../calendar/bank-holidays';
import { isSchoolDay } from '../calendar/days';
import type { TermCalendar } from '../calendar/term-dates';
import { isoDate, timeOfDay } from '../schemas/common';
import type { PepHeader } from '../schemas/pep';
import type { Blocker } from './reasons';
import { nextPepDateBlockers } from './sign-off';

export interface NextMeetingCheck {
	/** What must be put right before the date can be used for sign-off. */
	problems: Blocker[];
	/** The day in words, e.g. "Wednesday 14 October 2026, a school day". */
	day: string | null;
}

export function checkNextMeeting(
	header: Pick<PepHeader, 'kind' | 'term' | 'meeting'>,
	date: string | undefined,
	time: string | undefined,
	termDates?: TermCalendar
): NextMeetingCheck {
	if (date !== undefined && !isoDate.safeParse(date).success) {
		return {
			problems: [
				{
					part: 'next-meeting',
					field: 'nextPepDate',
					message: 'Enter the date of the next PEP meeting as a real date, like 14 10 2026.'
				}
			],
			day: null
		};
	}
	const problems = nextPepDateBlockers(header, date).map((b) => ({ ...b, part: 'next-meeting' }));
	if (time !== undefined && time.trim() !== '' && !timeOfDay.safeParse(time).success) {
		problems.push({
			part: 'next-meeting',
			field: 'nextPepTime',
			message: 'Enter the time on the 24-hour clock, like 15:30.'
		});
	}
	return { problems, day: date ? dayInWords(date, termDates) : null };
}

function dayInWords(date: string, termDates?: TermCalendar): string {
	const named = format(toDate(date), 'EEEE d MMMM yyyy');
	if (isWeekend(toDate(date))) return `${named}, a weekend`;
	if (isBankHoliday(date)) return `${named}, a bank holiday`;
	if (!isSchoolDay(date, termDates)) return `${named}, in the school holidays`;
	return `${named}, a school day`;
}
