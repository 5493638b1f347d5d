/**
 * Every PEP part that is a plain form, described for `PartForm`. The words follow the councils'
 * forms (../shared/seeds), written plainly. Parts that are tables (subjects, targets, attendance)
 * have their own pages.
 */
import { parseId } from '$lib/domain/ids';
import { sectionAPartTitles } from '$lib/domain/rules/sign-off';
import type { PartSpec } from './fields';

const applies = (values: Record<string, unknown>) => values.applicable === true;

const sectionA = (spec: Omit<PartSpec, 'section' | 'part' | 'kind' | 'completable'>): PartSpec => ({
	...spec,
	section: 'Section A: social worker',
	part: 'a',
	kind: 'pep-a',
	completable: true
});

export const partSpecs: PartSpec[] = [
	sectionA({
		slug: 'personal-care',
		key: 'personalCare',
		title: sectionAPartTitles.personalCare,
		description:
			'Check the child’s details, legal status, placement and carers on their profile are up to date, and add anything this PEP needs to know.',
		fields: [
			{
				kind: 'date',
				name: 'checkedOn',
				label: 'When did you check the profile?',
				hint: 'For example, 27 3 2026'
			},
			{ kind: 'textarea', name: 'notes', label: 'Notes for this PEP', hint: 'Optional.' }
		]
	}),
	sectionA({
		slug: 'social-worker-information',
		key: 'socialWorkerInformation',
		title: sectionAPartTitles.socialWorkerInformation,
		fields: [
			{
				kind: 'textarea',
				name: 'history',
				label: 'Social worker information',
				hint: 'History that will help the school or college understand and meet the child’s needs.',
				rows: 10
			}
		]
	}),
	sectionA({
		slug: 'education',
		key: 'education',
		title: sectionAPartTitles.education,
		description: 'The setting itself is on the child’s profile.',
		fields: [
			{
				kind: 'textarea',
				name: 'notes',
				label: 'Education, employment or apprenticeship',
				hint: 'How the placement supports education, and anything the setting should know.'
			}
		]
	}),
	sectionA({
		slug: 'short-term-training-or-neet',
		key: 'shortTermTrainingOrNeet',
		title: sectionAPartTitles.shortTermTrainingOrNeet,
		fields: [
			{
				kind: 'yes-no',
				name: 'applicable',
				label:
					'Is the young person on short-term training, or not in education, employment or training?'
			},
			{
				kind: 'radios',
				name: 'situation',
				label: 'Which is it?',
				showIf: applies,
				options: [
					{ value: 'short-term-training', label: 'Short-term training' },
					{ value: 'neet', label: 'Not in education, employment or training (NEET)' }
				]
			},
			{
				kind: 'textarea',
				name: 'trainingDetails',
				label: 'The training: provider, course and dates',
				showIf: (v) => applies(v) && v.situation === 'short-term-training'
			},
			{
				kind: 'textarea',
				name: 'barriersToEet',
				label: 'What stands in the way of education, employment or training?',
				hint: 'And what is being done about each barrier.',
				showIf: applies
			}
		]
	}),
	sectionA({
		slug: 'custody-and-remand',
		key: 'custodyAndRemand',
		title: sectionAPartTitles.custodyAndRemand,
		fields: [
			{ kind: 'yes-no', name: 'applicable', label: 'Is the young person in custody or on remand?' },
			{ kind: 'text', name: 'establishment', label: 'Establishment', showIf: applies },
			{
				kind: 'date',
				name: 'expectedReleaseDate',
				label: 'Expected release date',
				hint: 'For example, 14 7 2026',
				showIf: applies
			},
			{
				kind: 'textarea',
				name: 'details',
				label: 'Education in custody, and plans for release',
				showIf: applies
			}
		]
	}),
	sectionA({
		slug: 'additional-needs',
		key: 'additionalNeeds',
		title: sectionAPartTitles.additionalNeeds,
		fields: [
			{
				kind: 'yes-no',
				name: 'applicable',
				label: 'Does the child have additional needs the setting should know about?',
				hint: 'Health, disability, or needs beyond special educational needs.'
			},
			{
				kind: 'textarea',
				name: 'narrative',
				label: 'Their needs, and the support in place',
				showIf: applies
			}
		]
	}),
	sectionA({
		slug: 'key-contacts',
		key: 'keyContacts',
		title: sectionAPartTitles.keyContacts,
		description:
			'The contacts themselves are on the child’s profile: check them before the meeting.',
		fields: [
			{
				kind: 'date',
				name: 'checkedOn',
				label: 'When did you check the key contacts?',
				hint: 'For example, 27 3 2026'
			}
		]
	}),
	{
		slug: 'carers-views',
		section: 'Carer’s views',
		part: 'carer',
		kind: 'pep-carer',
		key: '',
		title: 'Carer’s views',
		description:
			'Your views as the carer, for the meeting. The young person’s school and social worker will read them.',
		completable: true,
		fields: [
			{ kind: 'textarea', name: 'goingWell', label: 'What is going well?' },
			{ kind: 'textarea', name: 'challenges', label: 'What is hard at the moment?' },
			{
				kind: 'textarea',
				name: 'needsAndAspirations',
				label: 'What do they need, and what are their hopes?'
			}
		]
	}
];

export function partSpec(slug: string): PartSpec | undefined {
	return partSpecs.find((spec) => spec.slug === slug);
}

/** A field of a document in words, for the changes screen: "Social worker information". */
export function describeField(docId: string, path: readonly (string | number)[]): string {
	const kind = parseId(docId)?.kind;
	const specs = partSpecs.filter((spec) => spec.kind === kind);
	for (const spec of specs) {
		const inPart = spec.key === '' ? path : path[0] === spec.key ? path.slice(1) : null;
		const field = inPart && spec.fields.find((f) => f.name === inPart[0]);
		if (field) return field.label === spec.title ? spec.title : `${spec.title}: ${field.label}`;
	}
	return path.join(' › ');
}
