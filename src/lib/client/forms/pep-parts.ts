/**
 * Every PEP part that is a plain form, described for `PartForm`. The words follow the councils'
 * forms (../shared/seeds), written plainly. Parts that are tables (subjects, targets, attendance)
 * have their own pages.
 */
import { parseId } from '$lib/domain/ids';
import { progressBlockers } from '$lib/domain/rules/progress';
import type { SubjectRow } from '$lib/domain/schemas/section-b';
import { sectionAPartTitles } from '$lib/domain/rules/sign-off';
import { completedBy } from '$lib/domain/rules/worklist';
import type { PepHeader } from '$lib/domain/schemas/pep';
import type { PartSpec, PartStatus } from './fields';

const applies = (values: Record<string, unknown>) => values.applicable === true;

type PlanOf = Pick<PepHeader, 'kind' | 'chair'>;
const post16 = (pep: PlanOf) => pep.kind === 'post-16';
/**
 * A PETP for a young person not in education, employment or training is completed by the personal
 * adviser: there is no designated teacher, so Section B's school parts do not apply.
 */
const byAdviser = (pep: PlanOf) => completedBy(pep) === 'personal-adviser';
const bySchool = (pep: PlanOf) => !byAdviser(pep);

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
		// Derbyshire's PETP: the personal adviser's form for a young person of 16 to 18, for a
		// NEET young person the whole plan. Its SMART targets are on the targets page.
		slug: 'petp',
		section: 'Personal education and training plan: personal adviser',
		part: 'petp',
		kind: 'pep-petp',
		key: '',
		title: 'Personal education and training plan',
		description:
			'Written with the young person, in words they can read. Their SMART targets, about three, are on the targets page.',
		completable: true,
		appliesTo: post16,
		fields: [
			{
				kind: 'textarea',
				name: 'celebration',
				label: 'What should we celebrate?',
				hint: 'Achievements since the last plan, big or small.'
			},
			{
				kind: 'textarea',
				name: 'hopesAndAspirations',
				label: 'Hopes and aspirations',
				hint: 'What the young person wants to do and become, in their own words where you can.'
			},
			{
				kind: 'textarea',
				name: 'progressStrengthsNeeds',
				label: 'Progress, strengths and needs',
				hint: 'In education, training or work, or towards it: what is going well and what gets in the way.',
				rows: 8
			},
			{
				kind: 'textarea',
				name: 'resourcesAndStrategies',
				label: 'Resources and strategies',
				hint: 'What will help: support, courses, funding, people.'
			},
			{
				kind: 'textarea',
				name: 'decisions',
				label: 'Decisions made at the meeting',
				hint: 'Including who does what by the next plan.'
			}
		]
	},
	{
		slug: 'action-plan',
		section: 'Personal education and training plan: personal adviser',
		part: 'petp',
		kind: 'pep-petp',
		key: '',
		title: 'Action plan',
		completable: false,
		appliesTo: post16,
		fields: [],
		statusOf: (doc, hasDraft) => {
			const actions = doc?.actionsForAdults;
			if (Array.isArray(actions) && actions.length > 0) return 'complete';
			return hasDraft ? 'in-progress' : 'not-started';
		}
	},
	{
		slug: 'personal-adviser-sign-off',
		section: 'Personal education and training plan: personal adviser',
		part: 'petp',
		kind: 'pep-petp',
		key: 'signOff',
		title: 'Personal adviser sign-off',
		completable: false,
		appliesTo: byAdviser,
		fields: [],
		statusOf: (doc) => (doc?.signOff ? 'signed' : 'not-started')
	},
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

// ---------------------------------------------------------------------------------------------
// Section B, the SMART targets and the sign-offs. The overview and the post-16 plan are plain
// forms; the table, the lists and the sign-offs have their own pages (routes named by slug) and
// say where they stand from their whole document.
// ---------------------------------------------------------------------------------------------

const sectionBTitle = 'Section B: designated teacher';

const record = (value: unknown): Record<string, unknown> =>
	typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

const signedStatus = (doc: Record<string, unknown> | null): PartStatus =>
	doc?.signOff ? 'signed' : 'not-started';

partSpecs.push(
	{
		slug: 'progress-overview',
		section: sectionBTitle,
		part: 'b',
		kind: 'pep-b',
		key: 'progressOverview',
		title: 'Attainment and progress overview',
		completable: true,
		appliesTo: bySchool,
		fields: [
			{
				kind: 'textarea',
				name: 'text',
				label: 'Attainment and progress overview',
				hint: 'Write it to the young person, for example “Jamie, you are…”: learning, behaviour, progress, strengths, concerns and the support in place. Attach an SEN support plan or EHCP when there is one.',
				rows: 12
			}
		]
	},
	{
		slug: 'subject-progress',
		section: sectionBTitle,
		part: 'b',
		kind: 'pep-b',
		key: '',
		title: 'Subject progress',
		completable: true,
		appliesTo: bySchool,
		fields: [],
		statusOf: (doc, hasDraft) => {
			const subjects = doc?.subjects;
			// Marked complete with a rule still unmet (interventions missing where progress is less
			// than expected) is still in progress: the page names what is missing.
			const rows = (Array.isArray(subjects) ? subjects : []).filter(
				(row): row is SubjectRow => typeof row?.assessments === 'object' && row.assessments !== null
			);
			if (doc?.subjectsComplete === true && progressBlockers(rows).length === 0) return 'complete';
			return hasDraft || (Array.isArray(subjects) && subjects.length > 0)
				? 'in-progress'
				: 'not-started';
		}
	},
	{
		slug: 'targets',
		section: sectionBTitle,
		part: 'targets',
		kind: 'pep-targets',
		key: '',
		title: 'SMART targets',
		completable: true,
		fields: [],
		// The young person reads the targets written to them on their own screens, not as a part
		// of the PEP's task list, which shows them nothing else.
		readers: [
			'social-worker',
			'designated-teacher',
			'virtual-school',
			'personal-adviser',
			'iro',
			'carer'
		],
		statusOf: (doc, hasDraft) => {
			if (doc?.complete === true) return 'complete';
			const targets = doc?.targets;
			return hasDraft || (Array.isArray(targets) && targets.length > 0)
				? 'in-progress'
				: 'not-started';
		}
	},
	{
		slug: 'pupil-premium-plus',
		section: sectionBTitle,
		part: 'pp',
		kind: 'pep-pp',
		key: '',
		title: 'Pupil Premium Plus',
		completable: false,
		fields: [],
		// Asked for by the school: a PEP the personal adviser completes has no school to ask.
		appliesTo: bySchool,
		statusOf: (doc, hasDraft) => {
			const requests = Array.isArray(doc?.requests)
				? (doc.requests as { decision?: string }[])
				: [];
			if (requests.length === 0) return hasDraft ? 'in-progress' : 'not-started';
			return requests.some((r) => r.decision === 'pending') ? 'in-progress' : 'complete';
		}
	},
	{
		slug: 'meeting-page',
		section: sectionBTitle,
		part: 'b',
		kind: 'pep-b',
		key: 'meetingPage',
		title: 'The PEP meeting',
		completable: true,
		appliesTo: bySchool,
		fields: [],
		statusOf: (doc, hasDraft) => {
			const page = record(doc?.meetingPage);
			if (page.complete === true) return 'complete';
			const touched =
				(typeof page.summary === 'string' && page.summary.trim() !== '') ||
				page.youngPersonAttended !== undefined;
			return hasDraft || touched ? 'in-progress' : 'not-started';
		}
	},
	{
		slug: 'post-16-plan',
		section: sectionBTitle,
		part: 'b',
		kind: 'pep-b',
		key: 'postSixteenPlan',
		title: 'Post-16 plan',
		description: 'What the young person hopes to do next, and how they are supported to get there.',
		completable: true,
		appliesTo: (pep) => post16(pep) && bySchool(pep),
		fields: [
			{ kind: 'textarea', name: 'aspirations', label: 'What are their aspirations?' },
			{ kind: 'textarea', name: 'support', label: 'How are they supported towards them?' },
			{
				kind: 'radios',
				name: 'entryRequirementsMet',
				label: 'Are they on course to meet the entry requirements?',
				options: [
					{ value: 'yes', label: 'Yes' },
					{ value: 'no', label: 'No' },
					{ value: 'not-known', label: 'Not known yet' }
				]
			},
			{ kind: 'textarea', name: 'nextSteps', label: 'Next steps' }
		]
	},
	{
		slug: 'designated-teacher-sign-off',
		section: sectionBTitle,
		part: 'b',
		kind: 'pep-b',
		key: 'signOff',
		title: 'Designated teacher sign-off',
		completable: false,
		appliesTo: bySchool,
		fields: [],
		statusOf: signedStatus
	},
	{
		slug: 'social-worker-sign-off',
		section: 'Section A: social worker',
		part: 'a',
		kind: 'pep-a',
		key: 'signOff',
		title: 'Social worker sign-off',
		completable: false,
		fields: [],
		statusOf: signedStatus
	}
);
