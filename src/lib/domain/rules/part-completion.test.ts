import { describe, expect, it } from 'vitest';
import { carerViews } from '../schemas/carer';
import { petp } from '../schemas/petp';
import { pupilPremiumPlus, type PpRequest } from '../schemas/pp';
import { sectionA, sectionAPartNames, type SignOff } from '../schemas/section-a';
import { sectionB, type SubjectRow } from '../schemas/section-b';
import { targets, type Target } from '../schemas/targets';
import {
	actionPlanCompletion,
	carerViewsCompletion,
	meetingPageCompletion,
	partApplies,
	partCompletion,
	partNames,
	petpCompletion,
	postSixteenPlanCompletion,
	progressOverviewCompletion,
	pupilPremiumPlusCompletion,
	sectionAPartCompletion,
	signOffCompletion,
	subjectProgressCompletion,
	targetsCompletion,
	type PlanOf
} from './part-completion';

/** Each document as a new PEP has it: parsed, with every default. */
const stamps = {
	_id: 'child:child0001:pep:pep00001:part',
	childId: 'child0001',
	authorityId: 'auth0001',
	updated: { by: 'user0001', at: '2026-03-27T10:00:00.000Z' },
	schemaVersion: 1,
	pepId: 'pep00001'
};
const newA = () => sectionA.parse({ ...stamps, type: 'pep-a' });
const newB = () => sectionB.parse({ ...stamps, type: 'pep-b', term: 'autumn' });
const newTargets = () => targets.parse({ ...stamps, type: 'pep-targets' });
const newPp = () => pupilPremiumPlus.parse({ ...stamps, type: 'pep-pp' });
const newPetp = () => petp.parse({ ...stamps, type: 'pep-petp' });
const newCarer = () => carerViews.parse({ ...stamps, type: 'pep-carer' });

const signed: SignOff = {
	signedBy: 'user0001',
	signedByName: 'Sam Carter',
	signedAt: '2026-03-27T10:00:00.000Z',
	nextPepDate: '2026-07-10'
};

const maths = (progress: 'less' | 'expected', interventions = ''): SubjectRow => ({
	subjectId: 'subj-maths',
	course: 'Maths',
	level: 'gcse',
	qualification: 'GCSE (9–1) Mathematics',
	core: 'maths',
	targetEndOfKeyStage: '5',
	assessments: {
		autumn: { onTrack: progress !== 'less', workingAtGrade: '4', progress, interventions }
	}
});

const target: Target = {
	targetId: 'target01',
	horizon: 'short',
	area: 'academic',
	text: 'Read for twenty minutes each evening',
	successMeasure: '',
	owner: '',
	actionsForAdults: [],
	setOn: '2026-03-27',
	status: 'open',
	reviews: []
};

const request = (decision: PpRequest['decision']): PpRequest => ({
	requestId: `request-${decision}`,
	description: 'Tuition in maths',
	amountPence: 30_000,
	requestedBy: 'user0001',
	requestedAt: '2026-03-27T10:00:00.000Z',
	decision,
	decisionNotes: ''
});

describe('a part whose document is not there yet', () => {
	it('is not started, whichever part it is', () => {
		for (const part of partNames) expect(partCompletion(part, {}), part).toBe('not-started');
	});
});

describe('the forms a person marks complete', () => {
	it('holds each Section A part not started, in progress once anything is written, then complete', () => {
		for (const name of sectionAPartNames) {
			const a = newA();
			expect(sectionAPartCompletion(a, name), name).toBe('not-started');
			a[name].complete = true;
			expect(sectionAPartCompletion(a, name), name).toBe('complete');
		}
		const a = newA();
		a.personalCare.notes = 'Moved placement in January.';
		expect(sectionAPartCompletion(a, 'personalCare')).toBe('in-progress');
		a.keyContacts.checkedOn = '2026-03-20';
		expect(sectionAPartCompletion(a, 'keyContacts')).toBe('in-progress');
	});

	it('counts “applies: yes” as an answer, but not “no” or spaces alone', () => {
		const a = newA();
		a.socialWorkerInformation.history = '   ';
		expect(sectionAPartCompletion(a, 'socialWorkerInformation')).toBe('not-started');
		expect(sectionAPartCompletion(a, 'custodyAndRemand')).toBe('not-started');
		a.custodyAndRemand.applicable = true;
		expect(sectionAPartCompletion(a, 'custodyAndRemand')).toBe('in-progress');
		expect(partCompletion('custody-and-remand', { 'pep-a': a })).toBe('in-progress');
	});

	it('holds the overview and the post-16 plan the same way', () => {
		const b = newB();
		expect(progressOverviewCompletion(b)).toBe('not-started');
		expect(postSixteenPlanCompletion(b)).toBe('not-started');
		b.progressOverview.text = 'Jamie, you are…';
		b.postSixteenPlan.entryRequirementsMet = 'not-known';
		expect(progressOverviewCompletion(b)).toBe('in-progress');
		expect(postSixteenPlanCompletion(b)).toBe('in-progress');
		b.progressOverview.complete = true;
		b.postSixteenPlan.complete = true;
		expect(partCompletion('progress-overview', { 'pep-b': b })).toBe('complete');
		expect(partCompletion('post-16-plan', { 'pep-b': b })).toBe('complete');
	});

	it('holds the PETP form by its own answers, not its action plan', () => {
		const plan = newPetp();
		plan.neetOptions = [{ option: 'careers-guidance', details: '' }];
		expect(petpCompletion(plan)).toBe('not-started');
		plan.hopesAndAspirations = 'To train as an electrician.';
		expect(petpCompletion(plan)).toBe('in-progress');
		plan.complete = true;
		expect(partCompletion('petp', { 'pep-petp': plan })).toBe('complete');
	});

	it('holds the carer’s views the same way', () => {
		const carer = newCarer();
		expect(carerViewsCompletion(carer)).toBe('not-started');
		carer.challenges = 'Mornings.';
		expect(carerViewsCompletion(carer)).toBe('in-progress');
		carer.complete = true;
		expect(partCompletion('carers-views', { 'pep-carer': carer })).toBe('complete');
	});
});

describe('the subject progress table', () => {
	it('is begun by its first subject and complete once marked', () => {
		const b = newB();
		expect(subjectProgressCompletion(b)).toBe('not-started');
		b.subjects = [maths('expected')];
		expect(subjectProgressCompletion(b)).toBe('in-progress');
		b.subjectsComplete = true;
		expect(partCompletion('subject-progress', { 'pep-b': b })).toBe('complete');
	});

	it('stays in progress when marked complete with a rule unmet, until the rule is met', () => {
		const b = newB();
		b.subjects = [maths('less')];
		b.subjectsComplete = true;
		expect(subjectProgressCompletion(b)).toBe('in-progress');
		b.subjects = [maths('less', 'Weekly tutoring')];
		expect(subjectProgressCompletion(b)).toBe('complete');
	});
});

describe('the meeting page', () => {
	it('is begun by its summary or by recording whether the young person came', () => {
		const b = newB();
		expect(meetingPageCompletion(b)).toBe('not-started');
		b.meetingPage.summary = '  ';
		expect(meetingPageCompletion(b)).toBe('not-started');
		b.meetingPage.youngPersonAttended = 'part';
		expect(meetingPageCompletion(b)).toBe('in-progress');
		const summarised = newB();
		summarised.meetingPage.summary = 'We talked about Year 11.';
		expect(meetingPageCompletion(summarised)).toBe('in-progress');
		summarised.meetingPage.complete = true;
		expect(partCompletion('meeting-page', { 'pep-b': summarised })).toBe('complete');
	});
});

describe('the SMART targets', () => {
	it('are begun by the first target and complete once marked', () => {
		const list = newTargets();
		expect(targetsCompletion(list)).toBe('not-started');
		list.targets = [target];
		expect(targetsCompletion(list)).toBe('in-progress');
		list.complete = true;
		expect(partCompletion('targets', { 'pep-targets': list })).toBe('complete');
	});
});

describe('Pupil Premium Plus', () => {
	it('waits while any request is pending, and is complete once each is decided', () => {
		const pp = newPp();
		expect(pupilPremiumPlusCompletion(pp)).toBe('not-started');
		pp.requests = [request('approved'), request('pending')];
		expect(pupilPremiumPlusCompletion(pp)).toBe('in-progress');
		pp.requests = [request('approved'), request('declined')];
		expect(partCompletion('pupil-premium-plus', { 'pep-pp': pp })).toBe('complete');
	});
});

describe('the PETP’s action plan', () => {
	it('is complete once the adults have an action, with nothing in between', () => {
		const plan = newPetp();
		expect(actionPlanCompletion(plan)).toBe('not-started');
		// Written answers elsewhere in the PETP do not begin it.
		plan.celebration = 'Passed the driving theory test.';
		expect(actionPlanCompletion(plan)).toBe('not-started');
		plan.actionsForAdults = [{ action: 'Book a careers interview', owner: 'Personal adviser' }];
		expect(partCompletion('action-plan', { 'pep-petp': plan })).toBe('complete');
	});
});

describe('the sign-offs', () => {
	it('are signed once there is a sign-off, and not started until then', () => {
		const a = newA();
		const b = newB();
		const plan = newPetp();
		expect(signOffCompletion(a)).toBe('not-started');
		expect(partCompletion('designated-teacher-sign-off', { 'pep-b': b })).toBe('not-started');
		a.signOff = signed;
		b.signOff = signed;
		plan.signOff = signed;
		expect(partCompletion('social-worker-sign-off', { 'pep-a': a })).toBe('signed');
		expect(partCompletion('designated-teacher-sign-off', { 'pep-b': b })).toBe('signed');
		expect(partCompletion('personal-adviser-sign-off', { 'pep-petp': plan })).toBe('signed');
	});
});

describe('which parts a PEP has', () => {
	const partsOf = (pep: PlanOf) => partNames.filter((part) => partApplies(part, pep));
	const sectionAParts = [
		'personal-care',
		'social-worker-information',
		'education',
		'short-term-training-or-neet',
		'custody-and-remand',
		'additional-needs',
		'key-contacts',
		'social-worker-sign-off'
	];
	const schoolParts = [
		'progress-overview',
		'subject-progress',
		'pupil-premium-plus',
		'meeting-page',
		'designated-teacher-sign-off'
	];

	it('gives a school-age PEP Section A, Section B, the targets and the carer’s views', () => {
		expect(partsOf({ kind: 'school-age' }).sort()).toEqual(
			[...sectionAParts, ...schoolParts, 'targets', 'carers-views'].sort()
		);
	});

	it('gives a post-16 PEP in education the PETP and the post-16 plan, signed by the school', () => {
		const parts = partsOf({ kind: 'post-16', chair: { role: 'designated-teacher' } });
		expect(parts).toEqual(expect.arrayContaining(['petp', 'action-plan', 'post-16-plan']));
		expect(parts).toEqual(expect.arrayContaining(schoolParts));
		expect(parts).not.toContain('personal-adviser-sign-off');
	});

	it('gives the PETP of a NEET young person to the personal adviser, without the school’s parts', () => {
		// Chaired by the social worker: there is no designated teacher.
		const parts = partsOf({ kind: 'post-16', chair: { role: 'social-worker' } });
		expect(parts.sort()).toEqual(
			[
				...sectionAParts,
				'petp',
				'action-plan',
				'personal-adviser-sign-off',
				'targets',
				'carers-views'
			].sort()
		);
	});
});
