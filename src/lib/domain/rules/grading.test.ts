import { describe, expect, it } from 'vitest';
import { qaChecklist, qaChecklistItems } from '../schemas/qa';
import { checklistOutcome, lowestGrade, overallGrade, suggestedGrade } from './grading';

const allYes = qaChecklist.parse(Object.fromEntries(qaChecklistItems.map((i) => [i, 'yes'])));

describe("Walsall's checklist", () => {
	it('meets the expected standard when every item is Yes', () => {
		expect(checklistOutcome(allYes)).toBe('meets');
	});

	it('does not meet it when any item is No', () => {
		expect(checklistOutcome({ ...allYes, childVoiceRecorded: 'no' })).toBe('does-not-meet');
	});

	it('has no outcome while an item is unanswered', () => {
		expect(checklistOutcome({ ...allYes, targetsReflectDevelopment: null })).toBeNull();
	});

	it('suggests the grade only under the meets-standard scheme', () => {
		expect(suggestedGrade('meets-standard', allYes)).toEqual({
			scheme: 'meets-standard',
			value: 'meets'
		});
		expect(suggestedGrade('meets-standard', qaChecklist.parse({}))).toBeNull();
		expect(suggestedGrade('rag', allYes)).toBeNull();
	});
});

describe('the overall grade under each scheme', () => {
	it('rolls Gold/Green/Amber/Red up to the lowest section', () => {
		expect(lowestGrade(['gold', 'green', 'amber', 'gold'])).toBe('amber');
		expect(
			overallGrade({
				scheme: 'gold-green-amber-red',
				sections: { a: 'gold', b: 'green', voice: 'red', targets: 'gold' }
			})
		).toEqual({ label: 'Red', needsDevelopment: true });
		expect(
			overallGrade({
				scheme: 'gold-green-amber-red',
				sections: { a: 'gold', b: 'gold', voice: 'gold', targets: 'gold' }
			})
		).toEqual({ label: 'Gold', needsDevelopment: false });
	});

	it('marks the grades that need development', () => {
		expect(overallGrade({ scheme: 'meets-standard', value: 'does-not-meet' })).toEqual({
			label: 'Does not meet the expected standard',
			needsDevelopment: true
		});
		expect(overallGrade({ scheme: 'graded', value: 'needs-improvement' }).needsDevelopment).toBe(
			true
		);
		expect(overallGrade({ scheme: 'graded', value: 'good' }).needsDevelopment).toBe(false);
		expect(overallGrade({ scheme: 'rag', value: 'amber' })).toEqual({
			label: 'Amber',
			needsDevelopment: false
		});
	});
});
