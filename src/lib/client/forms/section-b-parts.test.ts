import { describe, expect, it } from 'vitest';
import { choices, progressNames } from '$lib/domain/labels-section-b';
import { taskStatus } from './fields';
import { partSpec } from './pep-parts';

const spec = (slug: string) => {
	const found = partSpec(slug);
	if (!found) throw new Error(`No part ${slug}`);
	return found;
};

describe('Section B and the sign-offs on the task list', () => {
	it('shows the subject table as not started, in progress, then complete', () => {
		const table = spec('subject-progress');
		expect(taskStatus(null, table, false)).toBe('not-started');
		expect(taskStatus({ subjects: [] }, table, true)).toBe('in-progress');
		expect(taskStatus({ subjects: [{}] }, table, false)).toBe('in-progress');
		expect(taskStatus({ subjects: [{}], subjectsComplete: true }, table, false)).toBe('complete');
		// Marked complete while a rule is unmet: still in progress.
		const behind = {
			course: 'Maths',
			assessments: {
				autumn: { onTrack: false, workingAtGrade: '4', progress: 'less', interventions: '' }
			}
		};
		expect(taskStatus({ subjects: [behind], subjectsComplete: true }, table, false)).toBe(
			'in-progress'
		);
		const helped = {
			...behind,
			assessments: { autumn: { ...behind.assessments.autumn, interventions: 'Weekly tutoring' } }
		};
		expect(taskStatus({ subjects: [helped], subjectsComplete: true }, table, false)).toBe(
			'complete'
		);
	});

	it('shows the targets and the meeting page by their own complete flags', () => {
		expect(taskStatus({ targets: [], complete: true }, spec('targets'), false)).toBe('complete');
		expect(taskStatus({ targets: [{}] }, spec('targets'), false)).toBe('in-progress');
		const meeting = spec('meeting-page');
		expect(taskStatus({ meetingPage: { summary: '' } }, meeting, false)).toBe('not-started');
		expect(taskStatus({ meetingPage: { summary: 'Talked' } }, meeting, false)).toBe('in-progress');
		expect(taskStatus({ meetingPage: { complete: true } }, meeting, false)).toBe('complete');
	});

	it('shows a sign-off as signed once there is one', () => {
		for (const slug of ['social-worker-sign-off', 'designated-teacher-sign-off']) {
			expect(taskStatus({ signOff: null }, spec(slug), false)).toBe('not-started');
			expect(taskStatus({ signOff: { signedBy: 'user-0001' } }, spec(slug), false)).toBe('signed');
		}
	});

	it('keeps the plain-form parts on the form’s own rule', () => {
		const overview = spec('progress-overview');
		expect(taskStatus({ progressOverview: { text: 'Jamie, you are…' } }, overview, false)).toBe(
			'in-progress'
		);
		expect(spec('post-16-plan').appliesTo?.({ kind: 'school-age' })).toBe(false);
	});

	it('lists the choices of a code in the record’s order', () => {
		expect(choices(progressNames).map((c) => c.value)).toEqual(['less', 'expected', 'more']);
	});
});
