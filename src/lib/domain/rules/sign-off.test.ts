import { describe, expect, it } from 'vitest';
import { walsallPost16Case } from '../fixtures/walsall-post16';
import { sectionA } from '../schemas/section-a';
import {
	designatedTeacherSignOffBlockers,
	nextPepDateBlockers,
	personalAdviserSignOffBlockers,
	socialWorkerSignOffBlockers,
	type DesignatedTeacherSignOffInput,
	type PersonalAdviserSignOffInput
} from './sign-off';

const { summer } = walsallPost16Case().peps;

function dtInput(change: (i: DesignatedTeacherSignOffInput) => void = () => {}) {
	const input: DesignatedTeacherSignOffInput = structuredClone({
		header: summer.header,
		b: summer.b,
		targets: summer.targets,
		voice: summer.voice,
		nextPepDate: '2024-10-11'
	});
	change(input);
	return designatedTeacherSignOffBlockers(input).map((b) => b.message);
}

describe('sign-off needs the next PEP date', () => {
	it('refuses without one, and says so', () => {
		expect(nextPepDateBlockers(summer.header, undefined)[0]?.message).toBe(
			'Enter the date of the next PEP meeting: sign-off is not possible without it.'
		);
	});

	it('refuses a next date on or before this meeting', () => {
		expect(nextPepDateBlockers(summer.header, '2024-05-17')[0]?.message).toBe(
			'The next PEP meeting must be after this one.'
		);
		expect(nextPepDateBlockers(summer.header, '2024-05-18')).toEqual([]);
	});

	it('accepts any date when the meeting date is not yet set', () => {
		expect(
			nextPepDateBlockers(
				{ ...summer.header, meeting: { ...summer.header.meeting, date: undefined } },
				'2024-01-01'
			)
		).toEqual([]);
	});
});

describe('social worker sign-off', () => {
	it('is possible for the Walsall case', () => {
		expect(socialWorkerSignOffBlockers(summer.header, summer.a, '2024-10-11')).toEqual([]);
	});

	it('names every part not yet complete, then the missing date', () => {
		const fresh = sectionA.parse({
			...summer.a,
			personalCare: undefined,
			custodyAndRemand: undefined
		});
		expect(
			socialWorkerSignOffBlockers(summer.header, fresh, undefined).map((b) => b.message)
		).toEqual([
			'Mark "Personal and care information" as complete.',
			'Mark "Custody and remand" as complete.',
			'Enter the date of the next PEP meeting: sign-off is not possible without it.'
		]);
	});
});

describe('designated teacher sign-off', () => {
	it('is possible for the Walsall case', () => {
		expect(dtInput()).toEqual([]);
	});

	it('needs the progress overview written, not just ticked', () => {
		expect(dtInput((i) => (i.b.progressOverview.text = ' '))).toEqual([
			'Write the attainment and progress overview and mark it as complete.'
		]);
	});

	it('needs subjects, with this term assessed', () => {
		expect(dtInput((i) => (i.b.subjects = []))).toContain(
			'Add a row for each subject or course being studied.'
		);
		expect(
			dtInput((i) => {
				i.b.subjectsComplete = false;
				delete i.b.subjects[0]!.assessments.summer;
			})
		).toEqual([
			'Mark the subject progress table as complete.',
			"Sociology: record this term's assessment (on track, working-at grade and progress)."
		]);
	});

	it('needs an intervention wherever progress is less than expected', () => {
		expect(
			dtInput((i) => {
				i.b.subjects[2]!.assessments.autumn!.interventions = '';
			})
		).toEqual([
			'Psychology: progress in the autumn term is less than expected, so say what interventions are in place.'
		]);
	});

	it('needs the meeting page, and why the young person was absent and how their views were shared', () => {
		expect(
			dtInput((i) => {
				i.b.meetingPage.complete = false;
				i.b.meetingPage.youngPersonAttended = 'no';
			})
		).toEqual([
			'Complete the PEP meeting page and mark it as complete.',
			'Say why the young person did not attend.',
			"Say how the young person's views were shared."
		]);
		expect(dtInput((i) => (i.b.meetingPage.youngPersonAttended = undefined))).toEqual([
			'Record whether the young person attended the meeting.'
		]);
	});

	it('enforces the attendance rule at the authority threshold', () => {
		const low = dtInput((i) => (i.b.meetingPage.attendance!.percentage = 75));
		expect(low).toHaveLength(3);
		expect(low[0]).toMatch(/^Attendance is 75%, below 80%/);
		expect(
			designatedTeacherSignOffBlockers({
				header: summer.header,
				b: summer.b,
				targets: summer.targets,
				voice: summer.voice,
				nextPepDate: '2024-10-11',
				attendanceThreshold: 97
			})
		).toHaveLength(3);
	});

	it('needs open targets, marked complete', () => {
		expect(
			dtInput((i) => {
				i.targets.complete = false;
				for (const t of i.targets.targets) t.status = 'achieved';
			})
		).toEqual(['Set at least one SMART target.', 'Mark the SMART targets as complete.']);
	});

	it("needs the young person's voice, or their choice to talk at the meeting", () => {
		const missing =
			"Record the young person's views, or that they would rather talk about it at the meeting.";
		expect(dtInput((i) => (i.voice = null))).toEqual([missing]);
		expect(
			dtInput((i) => (i.voice = { answers: { aboutMe: '  ' }, preferToTalkAtMeeting: false }))
		).toEqual([missing]);
		expect(dtInput((i) => (i.voice = { answers: {}, preferToTalkAtMeeting: true }))).toEqual([]);
	});

	it('needs the post-16 plan for a post-16 PEP only', () => {
		expect(dtInput((i) => (i.b.postSixteenPlan.complete = false))).toEqual([
			'Complete the post-16 plan.'
		]);
		expect(
			dtInput((i) => {
				i.b.postSixteenPlan.complete = false;
				i.header.kind = 'school-age';
			})
		).toEqual([]);
	});

	it('needs the next PEP date', () => {
		expect(dtInput((i) => (i.nextPepDate = undefined))).toEqual([
			'Enter the date of the next PEP meeting: sign-off is not possible without it.'
		]);
	});
});

describe('the personal adviser signs off a PETP', () => {
	const petp = {
		complete: true,
		celebration: 'Passed the Level 1 English functional skills.',
		hopesAndAspirations: 'To train as a mechanic.',
		actionsForAdults: [{ action: 'Arrange a visit to the college', owner: 'Pat Adviser' }],
		neetOptions: [{ option: 'visit-provision' as const, details: 'Motor vehicle taster day' }]
	};
	const input = (over: Partial<PersonalAdviserSignOffInput> = {}): PersonalAdviserSignOffInput => ({
		header: summer.header,
		petp,
		targets: summer.targets,
		neet: true,
		nextPepDate: '2024-10-11',
		...over
	});

	it('can sign off a complete PETP with the next date', () => {
		expect(personalAdviserSignOffBlockers(input())).toEqual([]);
	});

	it('names each thing still missing, and where it is', () => {
		const blockers = personalAdviserSignOffBlockers(
			input({
				petp: {
					...petp,
					complete: false,
					hopesAndAspirations: ' ',
					actionsForAdults: [],
					neetOptions: []
				},
				nextPepDate: undefined
			})
		);
		expect(blockers.map((b) => [b.part, b.message])).toEqual([
			['petp', 'Write the young person’s hopes and aspirations.'],
			['petp', 'Mark the PETP form as complete.'],
			[
				'actions-for-adults',
				'Agree at least one action for the adults who support the young person.'
			],
			[
				'neet-options',
				'Record the options for education, employment or training the young person will explore.'
			],
			['sign-off', 'Enter the date of the next PEP meeting: sign-off is not possible without it.']
		]);
	});

	it('asks for options to explore only when the young person is NEET', () => {
		expect(
			personalAdviserSignOffBlockers(input({ neet: false, petp: { ...petp, neetOptions: [] } }))
		).toEqual([]);
	});
});
