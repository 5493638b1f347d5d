import { describe, expect, it } from 'vitest';
import type { Invitee } from '../schemas/pep';
import {
	preparationChecklist,
	preparationProgress,
	type PreparationInput,
	type PreparationItemKey
} from './meeting-preparation';

const invitee = (name: string, role: Invitee['role'], attendance: Invitee['attendance']) =>
	({ inviteeId: `inv-${name.toLowerCase()}`, name, role, attendance }) as Invitee;

const assessment = {
	onTrack: true,
	workingAtGrade: '5',
	progress: 'expected' as const,
	interventions: ''
};

const ready: PreparationInput = {
	header: {
		term: 'spring',
		meeting: { plannedMinutes: 45, mode: 'in-person', preparation: { attendanceConfirmed: true } },
		invitees: [
			invitee('Alex', 'young-person', 'confirmed'),
			invitee('Sam', 'carer', 'confirmed'),
			invitee('Priya', 'social-worker', 'confirmed')
		]
	},
	voice: {
		answers: { goingWell: 'Art club', worries: '' },
		preferToTalkAtMeeting: false,
		talkAtMeeting: ['worries']
	},
	b: {
		subjects: [
			{ assessments: { spring: assessment } },
			{ assessments: { autumn: assessment, spring: assessment } }
		],
		meetingPage: { attendance: { percentage: 94 } }
	},
	pepAttachments: [{ kind: 'progress-report', title: 'Spring progress report' }],
	childAttachments: [],
	sen: { status: 'none' }
};

const item = (input: PreparationInput, key: PreparationItemKey) =>
	preparationChecklist(input).find((i) => i.key === key)!;

describe('the preparation checklist before the meeting', () => {
	it('lists the four checks of the guidance, in its order, ticked when all is ready', () => {
		const items = preparationChecklist(ready);
		expect(items.map((i) => i.key)).toEqual([
			'attendanceConfirmed',
			'pupilVoice',
			'dataToHand',
			'documentsAttached'
		]);
		expect(items.every((i) => i.done)).toBe(true);
		expect(preparationProgress(items)).toBe('4 of 4 checks done');
	});

	it('leaves attendance to the person, and says who has replied', () => {
		const header = {
			...ready.header,
			meeting: { ...ready.header.meeting, preparation: undefined },
			invitees: [
				invitee('Alex', 'young-person', 'confirmed'),
				invitee('Sam', 'carer', 'sent-apologies'),
				invitee('Priya', 'social-worker', 'invited')
			]
		};
		const attendance = item({ ...ready, header }, 'attendanceConfirmed');
		expect(attendance).toMatchObject({ done: false, decidedBy: 'person' });
		expect(attendance.explanation).toBe('Coming: Alex. Not coming: Sam. Not replied yet: Priya.');
		expect(
			item({ ...ready, header: { ...header, invitees: [] } }, 'attendanceConfirmed').explanation
		).toMatch(/Nobody is on the invitation list/);
	});

	it('reads the young person’s views from My Voice, or their choice to talk at the meeting', () => {
		expect(item(ready, 'pupilVoice')).toMatchObject({
			done: true,
			decidedBy: 'record',
			explanation:
				'My Voice has answers to 1 question, and 1 question to talk about at the meeting.'
		});
		expect(item({ ...ready, voice: null }, 'pupilVoice')).toMatchObject({
			done: false,
			explanation: 'My Voice has not been started.'
		});
		const empty = { answers: { aboutMe: '  ' }, preferToTalkAtMeeting: false, talkAtMeeting: [] };
		expect(item({ ...ready, voice: empty }, 'pupilVoice')).toMatchObject({
			done: false,
			explanation: 'My Voice has no answers yet.'
		});
		expect(
			item({ ...ready, voice: { ...empty, preferToTalkAtMeeting: true } }, 'pupilVoice')
		).toMatchObject({
			done: true,
			explanation: 'The young person would rather talk about their views at the meeting.'
		});
	});

	it('needs attendance and this term’s assessment of every subject for the data to be to hand', () => {
		expect(item(ready, 'dataToHand').explanation).toBe(
			'Attendance of 94% is recorded. 2 of 2 subjects assessed for the spring term.'
		);
		const noAttendance = { ...ready, b: { ...ready.b!, meetingPage: {} } };
		expect(item(noAttendance, 'dataToHand')).toMatchObject({
			done: false,
			explanation: 'Attendance is not recorded yet. 2 of 2 subjects assessed for the spring term.'
		});
		const behind = {
			...ready,
			b: { ...ready.b!, subjects: [...ready.b!.subjects, { assessments: { autumn: assessment } }] }
		};
		expect(item(behind, 'dataToHand')).toMatchObject({
			done: false,
			explanation: 'Attendance of 94% is recorded. 2 of 3 subjects assessed for the spring term.'
		});
		expect(item({ ...ready, b: null }, 'dataToHand')).toMatchObject({
			done: false,
			explanation: 'Attendance is not recorded yet. No subjects are in the progress table yet.'
		});
	});

	it('needs documents attached, and the SEN documents of a young person with SEN', () => {
		expect(item(ready, 'documentsAttached').explanation).toBe(
			'1 document attached to this PEP: Spring progress report.'
		);
		expect(item({ ...ready, pepAttachments: [] }, 'documentsAttached')).toMatchObject({
			done: false,
			explanation: 'No documents are attached to this PEP yet.'
		});
		const ehcp = { ...ready, sen: { status: 'ehcp' as const } };
		expect(item(ehcp, 'documentsAttached')).toMatchObject({
			done: false,
			explanation:
				'1 document attached to this PEP: Spring progress report. The young person has an EHCP: attach their SEN documents.'
		});
		// An EHCP kept on the child's record counts for every PEP.
		const kept = { ...ehcp, childAttachments: [{ kind: 'ehcp' as const, title: 'EHCP 2026' }] };
		expect(item(kept, 'documentsAttached')).toMatchObject({
			done: true,
			explanation:
				'1 document attached to this PEP: Spring progress report. The young person has an EHCP, and their SEN documents are attached.'
		});
	});
});
