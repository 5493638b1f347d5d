import { describe, expect, it } from 'vitest';
import {
	isMeetingStep,
	meetingStep,
	meetingStepSlugs,
	meetingSteps,
	stepAfter,
	stepBefore,
	stepPosition,
	type MeetingStep
} from './meeting-agenda';

describe('the PEP meeting’s agenda', () => {
	it('runs in the order of the guidance: preparation, welcome, the young person first, carer, school, outcomes, next meeting', () => {
		expect(meetingSteps.map((s) => s.title)).toEqual([
			'Before the meeting',
			'Welcome and introductions',
			'The young person’s views',
			'The carer’s views',
			'The school’s view',
			'Outcomes and actions',
			'Next meeting'
		]);
		expect(meetingSteps.map((s) => s.slug)).toEqual([...meetingStepSlugs]);
	});

	it('goes forward and back one step at a time, from the first to the last', () => {
		const forward: string[] = [];
		for (let s: MeetingStep | null = meetingSteps[0]!; s; s = stepAfter(s.slug))
			forward.push(s.slug);
		expect(forward).toEqual([...meetingStepSlugs]);
		const back: string[] = [];
		for (let s: MeetingStep | null = meetingSteps.at(-1)!; s; s = stepBefore(s.slug))
			back.push(s.slug);
		expect(back).toEqual([...meetingStepSlugs].reverse());
		expect(stepBefore('preparation')).toBeNull();
		expect(stepAfter('next-meeting')).toBeNull();
	});

	it('numbers the agenda’s items from the welcome, after the preparation', () => {
		expect(stepPosition('preparation')).toBe('Preparation');
		expect(stepPosition('welcome')).toBe('Agenda item 1 of 6');
		expect(stepPosition('next-meeting')).toBe('Agenda item 6 of 6');
	});

	it('says what to record in every step, and knows its own steps', () => {
		for (const step of meetingSteps) {
			expect(step.prompts.length).toBeGreaterThan(0);
			expect(step.record.length).toBeGreaterThan(0);
		}
		expect(isMeetingStep('carer')).toBe(true);
		expect(isMeetingStep('coffee')).toBe(false);
		expect(isMeetingStep(undefined)).toBe(false);
		expect(meetingStep('school').title).toBe('The school’s view');
	});
});
