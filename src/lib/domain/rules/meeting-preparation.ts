/**
 * The preparation checklist before a PEP meeting (Bracknell Forest): attendance confirmed, the
 * young person's views collected, attendance and progress data to hand, documents attached.
 * Only a person can say that everyone has confirmed they are coming; the rest is read from the
 * record, ticked or not with the reason in words, so nobody ticks a box the record contradicts.
 */
import type { Attachment, AttachmentKind } from '../schemas/attachment';
import type { ChildProfile } from '../schemas/child';
import type { PepHeader } from '../schemas/pep';
import type { SectionB } from '../schemas/section-b';
import type { Voice } from '../schemas/voice';
import { termNames } from '../labels';
import { voiceCount } from './my-voice';

export type PreparationItemKey =
	'attendanceConfirmed' | 'pupilVoice' | 'dataToHand' | 'documentsAttached';

export interface PreparationItem {
	key: PreparationItemKey;
	label: string;
	done: boolean;
	/** Whether a person ticks it, or the record decides it. */
	decidedBy: 'person' | 'record';
	/** Why it is ticked or not, from the record. */
	explanation: string;
}

export interface PreparationInput {
	header: Pick<PepHeader, 'invitees' | 'meeting' | 'term'>;
	voice: Pick<Voice, 'answers' | 'preferToTalkAtMeeting' | 'talkAtMeeting'> | null;
	b: {
		subjects: Pick<SectionB['subjects'][number], 'assessments'>[];
		meetingPage: { attendance?: { percentage: number } };
	} | null;
	/** Files attached to this PEP. */
	pepAttachments: Pick<Attachment, 'kind' | 'title'>[];
	/** Files attached to the child's record (an EHCP is often kept there, not on each PEP). */
	childAttachments: Pick<Attachment, 'kind' | 'title'>[];
	sen: Pick<ChildProfile['sen'], 'status'> | null;
}

const senDocumentKinds: AttachmentKind[] = ['ehcp', 'sen-support-plan', 'iep'];

export function preparationChecklist(input: PreparationInput): PreparationItem[] {
	return [attendanceConfirmed(input), pupilVoice(input), dataToHand(input), documents(input)];
}

/** How many of the checklist's items are ticked. */
export function preparationProgress(items: readonly PreparationItem[]): string {
	const done = items.filter((item) => item.done).length;
	return `${done} of ${items.length} checks done`;
}

function attendanceConfirmed({ header }: PreparationInput): PreparationItem {
	const done = header.meeting.preparation?.attendanceConfirmed === true;
	const names = (states: string[]) =>
		header.invitees.filter((i) => states.includes(i.attendance)).map((i) => i.name);
	const parts: string[] = [];
	const coming = names(['confirmed', 'attended']);
	const apologies = names(['sent-apologies', 'views-sent', 'did-not-attend']);
	const waiting = names(['invited']);
	if (coming.length) parts.push(`Coming: ${coming.join(', ')}.`);
	if (apologies.length) parts.push(`Not coming: ${apologies.join(', ')}.`);
	if (waiting.length) parts.push(`Not replied yet: ${waiting.join(', ')}.`);
	return {
		key: 'attendanceConfirmed',
		label: 'Everyone has confirmed whether they are coming',
		done,
		decidedBy: 'person',
		explanation:
			parts.length > 0
				? parts.join(' ')
				: 'Nobody is on the invitation list on this device: tick this once everyone has replied.'
	};
}

function pupilVoice({ voice }: PreparationInput): PreparationItem {
	const label = 'The young person’s views have been collected';
	if (!voice) {
		return {
			key: 'pupilVoice',
			label,
			done: false,
			decidedBy: 'record',
			explanation: 'My Voice has not been started.'
		};
	}
	const { answered, atMeeting } = voiceCount(voice);
	const questions = (n: number) => `${n} question${n === 1 ? '' : 's'}`;
	const parts: string[] = [];
	if (answered > 0) parts.push(`My Voice has answers to ${questions(answered)}`);
	if (atMeeting > 0) parts.push(`${questions(atMeeting)} to talk about at the meeting`);
	if (voice.preferToTalkAtMeeting && parts.length === 0) {
		parts.push('The young person would rather talk about their views at the meeting');
	}
	const done = parts.length > 0;
	return {
		key: 'pupilVoice',
		label,
		done,
		decidedBy: 'record',
		explanation: done ? `${parts.join(', and ')}.` : 'My Voice has no answers yet.'
	};
}

function dataToHand({ header, b }: PreparationInput): PreparationItem {
	const term = termNames[header.term].toLowerCase();
	const attendance = b?.meetingPage.attendance;
	const subjects = b?.subjects ?? [];
	const assessed = subjects.filter((s) => s.assessments[header.term] !== undefined).length;
	const attendanceWords = attendance
		? `Attendance of ${attendance.percentage}% is recorded.`
		: 'Attendance is not recorded yet.';
	const subjectWords =
		subjects.length === 0
			? 'No subjects are in the progress table yet.'
			: `${assessed} of ${subjects.length} subject${subjects.length === 1 ? '' : 's'} assessed for the ${term}.`;
	return {
		key: 'dataToHand',
		label: 'Attendance, progress and attainment data are to hand',
		done: attendance !== undefined && subjects.length > 0 && assessed === subjects.length,
		decidedBy: 'record',
		explanation: `${attendanceWords} ${subjectWords}`
	};
}

function documents({ pepAttachments, childAttachments, sen }: PreparationInput): PreparationItem {
	const parts: string[] = [];
	const count = pepAttachments.length;
	parts.push(
		count === 0
			? 'No documents are attached to this PEP yet.'
			: `${count} document${count === 1 ? '' : 's'} attached to this PEP: ${pepAttachments.map((a) => a.title).join(', ')}.`
	);
	const needsSen = sen?.status === 'ehcp' || sen?.status === 'sen-support';
	const senAttached = [...pepAttachments, ...childAttachments].some((a) =>
		senDocumentKinds.includes(a.kind)
	);
	if (needsSen) {
		const plan = sen.status === 'ehcp' ? 'an EHCP' : 'SEN support';
		parts.push(
			senAttached
				? `The young person has ${plan}, and their SEN documents are attached.`
				: `The young person has ${plan}: attach their SEN documents.`
		);
	}
	return {
		key: 'documentsAttached',
		label: 'Key documents are attached',
		done: count > 0 && (!needsSen || senAttached),
		decidedBy: 'record',
		explanation: parts.join(' ')
	};
}
