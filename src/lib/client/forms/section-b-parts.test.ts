import { describe, expect, it } from 'vitest';
import { choices, progressNames } from '$lib/domain/labels-section-b';
import { sectionB, type SubjectRow } from '$lib/domain/schemas/section-b';
import { taskStatus } from './fields';
import { partSpec } from './pep-parts';

/** Section B as the task list reads it: parsed, with every default, and these changes. */
const sectionBWith = (changes: Record<string, unknown>) =>
	sectionB.parse({
		_id: 'child:child0001:pep:pep00001:b',
		type: 'pep-b',
		schemaVersion: 1,
		pepId: 'pep00001',
		childId: 'child0001',
		authorityId: 'auth0001',
		updated: { by: 'user0001', at: '2026-03-27T10:00:00.000Z' },
		term: 'autumn',
		...changes
	});

const maths = (interventions: string): SubjectRow => ({
	subjectId: 'subj-maths',
	course: 'Maths',
	level: 'gcse',
	targetEndOfKeyStage: '5',
	assessments: {
		autumn: { onTrack: false, workingAtGrade: '4', progress: 'less', interventions }
	}
});

const spec = (slug: string) => {
	const found = partSpec(slug);
	if (!found) throw new Error(`No part ${slug}`);
	return found;
};

describe('Section B and the sign-offs on the task list', () => {
	it('shows the subject table as not started, in progress, then complete', () => {
		const table = spec('subject-progress');
		expect(taskStatus(null, table, false)).toBe('not-started');
		expect(taskStatus(sectionBWith({}), table, true)).toBe('in-progress');
		const helped = maths('Weekly tutoring');
		expect(taskStatus(sectionBWith({ subjects: [helped] }), table, false)).toBe('in-progress');
		expect(
			taskStatus(sectionBWith({ subjects: [helped], subjectsComplete: true }), table, false)
		).toBe('complete');
		// Marked complete while a rule is unmet: still in progress.
		expect(
			taskStatus(sectionBWith({ subjects: [maths('')], subjectsComplete: true }), table, false)
		).toBe('in-progress');
	});

	it('shows the targets and the meeting page by their own complete flags', () => {
		expect(taskStatus({ targets: [], complete: true }, spec('targets'), false)).toBe('complete');
		expect(taskStatus({ targets: [], complete: false }, spec('targets'), true)).toBe('in-progress');
		const meeting = spec('meeting-page');
		const page = (changes: Record<string, unknown>) =>
			sectionBWith({ meetingPage: { summary: '', ...changes } });
		expect(taskStatus(page({}), meeting, false)).toBe('not-started');
		expect(taskStatus(page({ summary: 'Talked' }), meeting, false)).toBe('in-progress');
		expect(taskStatus(page({ complete: true }), meeting, false)).toBe('complete');
	});

	it('shows a sign-off as signed once there is one', () => {
		for (const slug of ['social-worker-sign-off', 'designated-teacher-sign-off']) {
			expect(taskStatus({ signOff: null }, spec(slug), false)).toBe('not-started');
			// There is nothing to draft in a sign-off: a draft does not begin it.
			expect(taskStatus({ signOff: null }, spec(slug), true)).toBe('not-started');
			expect(taskStatus({ signOff: { signedBy: 'user-0001' } }, spec(slug), false)).toBe('signed');
		}
	});

	it('keeps the plain-form parts on the form’s own rule', () => {
		const overview = spec('progress-overview');
		const written = sectionBWith({ progressOverview: { text: 'Jamie, you are…' } });
		expect(taskStatus(written, overview, false)).toBe('in-progress');
		expect(spec('post-16-plan').appliesTo?.({ kind: 'school-age' })).toBe(false);
	});

	it('lists the choices of a code in the record’s order', () => {
		expect(choices(progressNames).map((c) => c.value)).toEqual(['less', 'expected', 'more']);
	});
});
