import { describe, expect, it } from 'vitest';
import { generateAuthority } from '../fixtures/generator';
import { fieldErrors } from './errors';
import { sectionA } from './section-a';

// A Section A as the generator makes it, with its conditional parts taken back to new.
const made = generateAuthority({
	seed: 3,
	children: 2,
	years: 1,
	today: '2026-11-23'
}).documents.find((d) => d.type === 'pep-a')!;
const stamps = Object.fromEntries(
	Object.entries(made).filter(
		([key]) => !['shortTermTrainingOrNeet', 'custodyAndRemand', 'additionalNeeds'].includes(key)
	)
);

describe('Section A’s parts that apply only to some young people', () => {
	it('start with no answer chosen for the person', () => {
		const fresh = sectionA.parse(stamps);
		expect(fresh.additionalNeeds.applicable).toBeUndefined();
		expect(fresh.custodyAndRemand.applicable).toBeUndefined();
		expect(fresh.shortTermTrainingOrNeet.applicable).toBeUndefined();
	});

	it('cannot be marked complete until the question is answered, and can once it is', () => {
		const unanswered = sectionA.safeParse({ ...stamps, additionalNeeds: { complete: true } });
		expect(unanswered.success).toBe(false);
		expect(fieldErrors(unanswered.error!)).toEqual([
			{
				field: 'additionalNeeds.applicable',
				message: 'answer this before you mark the part complete'
			}
		]);
		const answered = sectionA.safeParse({
			...stamps,
			additionalNeeds: { complete: true, applicable: false }
		});
		expect(answered.success).toBe(true);
	});
});

describe('a choice', () => {
	it('not made is said as a person would; a wrong one names what may be chosen', () => {
		const unknown = sectionA.safeParse({
			...stamps,
			shortTermTrainingOrNeet: { complete: false, applicable: true, situation: 'unknown' }
		});
		expect(fieldErrors(unknown.error!)[0]!.message).toMatch(/^must be one of/);
	});
});
