/**
 * What must be true before the social worker, the designated teacher or (for a post-16 PETP) the
 * personal adviser can sign off their section. All need the date of the next PEP (Walsall: "It
 * will only allow you to mark it complete with a date for the next PEP"); each needs its parts
 * complete.
 */
import type { PepHeader } from '../schemas/pep';
import type { Petp } from '../schemas/petp';
import { sectionAPartNames, type SectionA, type SectionAPartName } from '../schemas/section-a';
import type { SectionB } from '../schemas/section-b';
import type { Targets } from '../schemas/targets';
import type { Voice } from '../schemas/voice';
import { attendanceBlockers, defaultAttendanceThreshold } from './attendance';
import { missingAssessments, progressBlockers } from './progress';
import type { Blocker } from './reasons';

export const sectionAPartTitles: Record<SectionAPartName, string> = {
	personalCare: 'Personal and care information',
	socialWorkerInformation: 'Social worker information',
	education: 'Education, employment or apprenticeship',
	shortTermTrainingOrNeet: 'Short-term training or NEET',
	custodyAndRemand: 'Custody and remand',
	additionalNeeds: 'Additional needs',
	keyContacts: 'Key contacts'
};

type Header = Pick<PepHeader, 'kind' | 'term' | 'meeting'>;

export function nextPepDateBlockers(header: Header, nextPepDate: string | undefined): Blocker[] {
	if (!nextPepDate) {
		return [
			{
				part: 'sign-off',
				field: 'nextPepDate',
				message: 'Enter the date of the next PEP meeting: sign-off is not possible without it.'
			}
		];
	}
	const meetingDate = header.meeting.date;
	if (meetingDate && nextPepDate <= meetingDate) {
		return [
			{
				part: 'sign-off',
				field: 'nextPepDate',
				message: 'The next PEP meeting must be after this one.'
			}
		];
	}
	return [];
}

export function socialWorkerSignOffBlockers(
	header: Header,
	a: SectionA,
	nextPepDate: string | undefined
): Blocker[] {
	const incomplete = sectionAPartNames
		.filter((name) => !a[name].complete)
		.map((name) => ({
			part: name,
			message: `Mark "${sectionAPartTitles[name]}" as complete.`
		}));
	return [...incomplete, ...nextPepDateBlockers(header, nextPepDate)];
}

export interface DesignatedTeacherSignOffInput {
	header: Header;
	b: SectionB;
	targets: Pick<Targets, 'targets' | 'complete'>;
	voice: Pick<Voice, 'answers' | 'preferToTalkAtMeeting'> | null;
	nextPepDate: string | undefined;
	attendanceThreshold?: number;
}

export function designatedTeacherSignOffBlockers(input: DesignatedTeacherSignOffInput): Blocker[] {
	const { header, b, targets, voice, nextPepDate } = input;
	const threshold = input.attendanceThreshold ?? defaultAttendanceThreshold;
	const blockers: Blocker[] = [];
	const need = (done: boolean, part: string, message: string) => {
		if (!done) blockers.push({ part, message });
	};

	need(
		b.progressOverview.complete && b.progressOverview.text.trim().length > 0,
		'progress',
		'Write the attainment and progress overview and mark it as complete.'
	);
	need(b.subjects.length > 0, 'subjects', 'Add a row for each subject or course being studied.');
	need(b.subjectsComplete, 'subjects', 'Mark the subject progress table as complete.');
	blockers.push(...missingAssessments(b.subjects, header.term));
	blockers.push(...progressBlockers(b.subjects));
	need(b.meetingPage.complete, 'meeting', 'Complete the PEP meeting page and mark it as complete.');
	need(
		b.meetingPage.youngPersonAttended !== undefined,
		'meeting',
		'Record whether the young person attended the meeting.'
	);
	if (b.meetingPage.youngPersonAttended === 'no') {
		need(
			b.meetingPage.notAttendedReason.trim().length > 0,
			'meeting',
			'Say why the young person did not attend.'
		);
		need(
			b.meetingPage.howViewsShared.trim().length > 0,
			'meeting',
			"Say how the young person's views were shared."
		);
	}
	blockers.push(...attendanceBlockers(b.meetingPage, targets.targets, threshold));
	need(
		targets.targets.some((t) => t.status === 'open'),
		'targets',
		'Set at least one SMART target.'
	);
	need(targets.complete, 'targets', 'Mark the SMART targets as complete.');
	need(
		voice !== null && hasVoice(voice),
		'voice',
		"Record the young person's views, or that they would rather talk about it at the meeting."
	);
	if (header.kind === 'post-16') {
		need(b.postSixteenPlan.complete, 'post-16-plan', 'Complete the post-16 plan.');
	}
	blockers.push(...nextPepDateBlockers(header, nextPepDate));
	return blockers;
}

function hasVoice(voice: Pick<Voice, 'answers' | 'preferToTalkAtMeeting'>): boolean {
	return (
		voice.preferToTalkAtMeeting ||
		Object.values(voice.answers).some((answer) => (answer ?? '').trim().length > 0)
	);
}

export interface PersonalAdviserSignOffInput {
	header: Header;
	petp: Pick<
		Petp,
		'complete' | 'hopesAndAspirations' | 'celebration' | 'actionsForAdults' | 'neetOptions'
	>;
	targets: Pick<Targets, 'targets' | 'complete'>;
	/** The young person is not in education, employment or training. */
	neet: boolean;
	nextPepDate: string | undefined;
}

/**
 * Derbyshire's PETP: "around three" SMART targets, actions for the adults, a celebration of
 * achievements and a hopes and aspirations page; for a NEET young person, the options explored
 * ("visiting provisions, engaging with Virtual School programmes").
 */
export function personalAdviserSignOffBlockers(input: PersonalAdviserSignOffInput): Blocker[] {
	const { header, petp, targets, neet, nextPepDate } = input;
	const blockers: Blocker[] = [];
	const need = (done: boolean, part: string, message: string) => {
		if (!done) blockers.push({ part, message });
	};
	need(
		petp.celebration.trim().length > 0,
		'petp',
		'Write what the meeting celebrated: the young person’s achievements.'
	);
	need(
		petp.hopesAndAspirations.trim().length > 0,
		'petp',
		'Write the young person’s hopes and aspirations.'
	);
	need(petp.complete, 'petp', 'Mark the PETP form as complete.');
	need(
		petp.actionsForAdults.length > 0,
		'actions-for-adults',
		'Agree at least one action for the adults who support the young person.'
	);
	if (neet) {
		need(
			petp.neetOptions.length > 0,
			'neet-options',
			'Record the options for education, employment or training the young person will explore.'
		);
	}
	need(
		targets.targets.some((t) => t.status === 'open'),
		'targets',
		'Set at least one SMART target.'
	);
	need(targets.complete, 'targets', 'Mark the SMART targets as complete.');
	blockers.push(...nextPepDateBlockers(header, nextPepDate));
	return blockers;
}
