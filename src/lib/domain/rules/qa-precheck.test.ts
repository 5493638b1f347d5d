import { describe, expect, it } from 'vitest';
import { walsallPost16Case } from '../fixtures/walsall-post16';
import { precheckQa, type PrecheckInput } from './qa-precheck';

const { spring } = walsallPost16Case().peps;

function check(change: (i: PrecheckInput) => void = () => {}) {
	const input: PrecheckInput = structuredClone({
		header: spring.header,
		a: spring.a,
		b: spring.b,
		targets: spring.targets,
		voice: spring.voice,
		carer: null
	});
	change(input);
	return Object.fromEntries(precheckQa(input).map((p) => [p.item, p]));
}

describe('pre-checking the QA checklist from the record', () => {
	it('suggests Yes where the Walsall spring PEP shows it, and leaves judgements to a person', () => {
		const result = check();
		expect(result.completedWithinTimescale?.suggestion).toBe('yes');
		expect(result.careInformationComplete?.suggestion).toBe('yes');
		expect(result.childVoiceRecorded?.suggestion).toBe('yes');
		expect(result.targetsClearWithStrategies?.suggestion).toBe('yes');
		expect(result.targetsReflectDevelopment?.suggestion).toBe('yes');
		expect(result.relevantPeopleContributed?.suggestion).toBeNull();
		expect(result.strengthsAndDevelopmentIdentified?.suggestion).toBeNull();
	});

	describe('completed within timescale', () => {
		it('is No for a meeting after the due date', () => {
			const r = check((i) => (i.header.dueBy = '2024-01-31'));
			expect(r.completedWithinTimescale).toMatchObject({ suggestion: 'no' });
			expect(r.completedWithinTimescale?.reason).toMatch(
				/after the PEP was due \(31 January 2024\)/
			);
		});

		it('is No when the DT signed off more than 5 working days after the meeting', () => {
			// Meeting Friday 2 February 2024; 5 working days later is Friday 9 February.
			const r = check((i) => (i.b!.signOff!.signedAt = '2024-02-12T10:00:00.000Z'));
			expect(r.completedWithinTimescale?.reason).toMatch(
				/signed off on 12 February 2024, after 9 February 2024/
			);
		});

		it('is No with no meeting date or no DT sign-off', () => {
			expect(
				check((i) => (i.header.meeting.date = undefined)).completedWithinTimescale?.suggestion
			).toBe('no');
			expect(check((i) => (i.b!.signOff = null)).completedWithinTimescale?.reason).toMatch(
				/has not signed off/
			);
		});
	});

	describe('care information', () => {
		it('names the incomplete parts of Section A', () => {
			const r = check((i) => (i.a!.keyContacts.complete = false));
			expect(r.careInformationComplete).toMatchObject({
				suggestion: 'no',
				reason: 'Not complete in Section A: Key contacts.'
			});
		});

		it('is No with no Section A, or care information never checked', () => {
			expect(check((i) => (i.a = null)).careInformationComplete?.suggestion).toBe('no');
			expect(
				check((i) => (i.a!.personalCare.checkedOn = undefined)).careInformationComplete?.reason
			).toMatch(/not been checked/);
		});
	});

	describe('who contributed', () => {
		it('names who neither attended nor sent views', () => {
			const r = check((i) => {
				for (const inv of i.header.invitees) inv.attendance = 'did-not-attend';
				i.voice = null;
			});
			expect(r.relevantPeopleContributed?.reason).toBe(
				'No attendance or views recorded from the social worker, the designated teacher, the young person, the carer.'
			);
		});

		it('accepts the carer’s written views in place of attending', () => {
			const r = check((i) => {
				i.header.invitees.find((x) => x.role === 'carer')!.attendance = 'sent-apologies';
				i.carer = { goingWell: 'Settled', challenges: '', needsAndAspirations: '' };
			});
			expect(r.relevantPeopleContributed?.suggestion).toBeNull();
		});
	});

	describe("the child's voice", () => {
		it('is No when nothing is recorded anywhere', () => {
			expect(check((i) => (i.voice = null)).childVoiceRecorded?.suggestion).toBe('no');
		});

		it('asks a person to judge when views were shared another way', () => {
			const r = check((i) => {
				i.voice = null;
				i.b!.meetingPage.howViewsShared = 'Jamie spoke to the DT before the meeting.';
			});
			expect(r.childVoiceRecorded?.suggestion).toBeNull();
			const talk = check((i) => (i.voice = { answers: {}, preferToTalkAtMeeting: true }));
			expect(talk.childVoiceRecorded?.reason).toMatch(/chose to talk at the meeting/);
		});

		it('is Yes when the meeting page records what they said at the meeting', () => {
			const talked = check((i) => {
				i.voice = { answers: {}, preferToTalkAtMeeting: true };
				i.b!.meetingPage.youngPersonViews = 'I want to stay at this school for sixth form.';
			});
			expect(talked.childVoiceRecorded).toMatchObject({
				suggestion: 'yes',
				reason: expect.stringMatching(/records what they said/)
			});
			const noVoice = check((i) => {
				i.voice = null;
				i.b!.meetingPage.youngPersonViews = 'I like art best.';
			});
			expect(noVoice.childVoiceRecorded?.suggestion).toBe('yes');
		});
	});

	it('is No for strengths when the overview or subjects are missing', () => {
		expect(
			check((i) => (i.b!.progressOverview.text = '')).strengthsAndDevelopmentIdentified?.suggestion
		).toBe('no');
		expect(check((i) => (i.b!.subjects = [])).strengthsAndDevelopmentIdentified?.suggestion).toBe(
			'no'
		);
		expect(check((i) => (i.b = null)).strengthsAndDevelopmentIdentified?.suggestion).toBe('no');
	});

	describe('targets reflect the areas of development', () => {
		it('is No when low attendance or a red wellbeing rating has no target', () => {
			const r = check((i) => {
				i.b!.meetingPage.attendance!.percentage = 70;
				i.b!.meetingPage.wellbeingRag = 'red';
			});
			expect(r.targetsReflectDevelopment?.reason).toBe(
				'No target addresses attendance of 70%; a red wellbeing rating.'
			);
		});

		it('is No with no open targets, and a judgement with no concern or no Section B', () => {
			expect(
				check((i) => (i.targets = { targets: [] })).targetsReflectDevelopment?.suggestion
			).toBe('no');
			const calm = check((i) => {
				for (const s of i.b!.subjects)
					for (const a of Object.values(s.assessments)) a!.progress = 'expected';
				i.b!.meetingPage.wellbeingRag = 'green';
			});
			expect(calm.targetsReflectDevelopment?.suggestion).toBeNull();
			expect(check((i) => (i.b = null)).targetsReflectDevelopment?.suggestion).toBeNull();
		});
	});

	it('names the targets that fail the SMART check and the letters they miss', () => {
		const r = check((i) => {
			i.targets!.targets[1] = {
				...i.targets!.targets[1]!,
				text: 'Try harder',
				successMeasure: '',
				dueDate: undefined,
				actionsForAdults: [],
				owner: ''
			};
		});
		expect(r.targetsClearWithStrategies?.suggestion).toBe('no');
		expect(r.targetsClearWithStrategies?.reason).toMatch(
			/^target 2 is not Specific, Measurable, Achievable/
		);
		expect(check((i) => (i.targets = null)).targetsClearWithStrategies?.suggestion).toBe('no');
	});
});
