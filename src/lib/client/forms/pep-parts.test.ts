import { describe, expect, it } from 'vitest';
import { partNames } from '$lib/domain/rules/part-completion';
import { taskStatus, type FieldSpec } from './fields';
import { describeField, partSpec, partSpecs } from './pep-parts';

/** Something written in a field, as its form would write it. */
function answerTo(field: FieldSpec): unknown {
	switch (field.kind) {
		case 'date':
			return '2026-03-27';
		case 'yes-no':
			return true;
		case 'radios':
			return field.options[0]?.value;
		default:
			return 'Written';
	}
}

describe('the parts of a PEP', () => {
	it('describes each part the domain has rules for, once', () => {
		expect(partSpecs.map((spec) => spec.slug).sort()).toEqual([...partNames].sort());
	});

	it('keeps each section’s parts together, in the order of the task list', () => {
		const sections = partSpecs.map((spec) => spec.section);
		expect([...new Set(sections)]).toEqual([
			'Section A: social worker',
			'Personal education and training plan: personal adviser',
			'Carer’s views',
			'Section B: designated teacher'
		]);
		const sectionA = partSpecs.filter((spec) => spec.part === 'a').map((spec) => spec.slug);
		expect(sectionA.at(-1)).toBe('social-worker-sign-off');
		expect(sectionA[0]).toBe('personal-care');
	});

	it('gives every question its words, and every radio group its choices', () => {
		const fields = partSpecs.flatMap((spec) => spec.fields);
		for (const field of fields) expect(field.label, field.name).not.toBe('');
		const situation = partSpec('short-term-training-or-neet')?.fields.find(
			(f) => f.name === 'situation'
		);
		expect(situation).toMatchObject({
			kind: 'radios',
			label: 'Which is it?',
			options: [
				{ value: 'short-term-training', label: 'Short-term training' },
				{ value: 'neet', label: 'Not in education, employment or training (NEET)' }
			]
		});
		expect(partSpec('personal-care')?.fields[0]).toEqual({
			kind: 'date',
			name: 'checkedOn',
			label: 'When did you check the profile?',
			hint: 'For example, 27 3 2026'
		});
	});

	it('counts an answer to any question of a form as the form begun', () => {
		for (const spec of partSpecs) {
			for (const field of spec.fields) {
				const values = { [field.name]: answerTo(field) };
				const doc = spec.key === '' ? values : { [spec.key]: values };
				expect(taskStatus(doc, spec, false), `${spec.slug}: ${field.name}`).toBe('in-progress');
			}
		}
	});

	it('shows a part with a draft on this device as in progress', () => {
		expect(taskStatus(null, partSpec('personal-care')!, true)).toBe('in-progress');
		expect(taskStatus(null, partSpec('action-plan')!, true)).toBe('in-progress');
		expect(taskStatus(null, partSpec('pupil-premium-plus')!, true)).toBe('in-progress');
		expect(taskStatus(null, partSpec('personal-adviser-sign-off')!, true)).toBe('not-started');
	});

	it('names a field of a document in the words of its part', () => {
		const sectionA = 'child:child0001:pep:pep00001:a';
		expect(describeField(sectionA, ['personalCare', 'notes'])).toBe(
			'Personal and care information: Notes for this PEP'
		);
		expect(describeField('child:child0001:pep:pep00001:b', ['progressOverview', 'text'])).toBe(
			'Attainment and progress overview'
		);
		expect(describeField(sectionA, ['signOff', 'signedAt'])).toBe('signOff › signedAt');
	});
});
