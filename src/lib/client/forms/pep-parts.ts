/**
 * Every part of a PEP's task list, in one list: what each part asks and where its answers are
 * kept. Its words are in part-wording.ts; which PEPs have it and where it stands are the domain's
 * rules (domain/rules/part-completion.ts). A part with fields is a plain form drawn by `PartForm`;
 * the tables, lists and sign-offs have their own pages, named by slug.
 */
import { parseId, type DocumentKind, type PepPart } from '$lib/domain/ids';
import { choices } from '$lib/domain/labels-section-b';
import {
	partApplies,
	partCompletion,
	type PartCompletion,
	type PartName,
	type PepDocuments
} from '$lib/domain/rules/part-completion';
import type { Role } from '$lib/domain/schemas/users';
import type { FieldSpec, PartSpec } from './fields';
import { partWording, sectionNames, type FieldWording, type PartWording } from './part-wording';

/** A question as described here, without its words. */
type Unworded<F> = F extends FieldSpec ? Omit<F, 'name' | 'label' | 'hint' | 'options'> : never;
type FieldShape<Name extends string> = Unworded<FieldSpec> & { name: Name };

/** The fields part-wording.ts has words for: the only questions a part can ask. */
type WordedFields<P extends PartName> = (typeof partWording)[P] extends { fields: infer F }
	? keyof F & string
	: never;

interface PartShape<P extends PartName> {
	slug: P;
	section: keyof typeof sectionNames;
	/** The PEP document it lives in. */
	part: PepPart;
	/** The top-level key in that document holding this part's fields; '' for the document itself. */
	key: string;
	completable: boolean;
	fields?: FieldShape<WordedFields<P>>[];
	readers?: Role[];
}

const inSectionA = { section: 'a', part: 'a' } as const;
const inSectionB = { section: 'b', part: 'b' } as const;
const inPetp = { section: 'petp', part: 'petp' } as const;

function wordsOf(words: PartWording, slug: PartName, name: string): FieldWording {
	const found = words.fields?.[name];
	if (!found) throw new Error(`part-wording.ts has no words for ${slug}'s ${name}`);
	return found;
}

function worded(field: FieldShape<string>, words: FieldWording): FieldSpec {
	const { options = {}, ...asked } = words;
	if (field.kind === 'radios') return { ...field, ...asked, options: choices(options) };
	return { ...field, ...asked };
}

/** A part's document as the domain's rules read it: parsed by its kind's schema on reading. */
function completionOf(slug: PartName, kind: DocumentKind, doc: Record<string, unknown> | null) {
	return partCompletion(slug, { [kind]: doc } as PepDocuments);
}

/** A part described here, in its words, with the domain's rules for it. */
function described<P extends PartName>(shape: PartShape<P>): PartSpec {
	const { slug, section, fields = [], ...place } = shape;
	const kind: DocumentKind = `pep-${shape.part}`;
	const words: PartWording = partWording[slug];
	return {
		...place,
		slug,
		kind,
		section: sectionNames[section],
		title: words.title,
		description: words.description,
		fields: fields.map((field) => worded(field, wordsOf(words, slug, field.name))),
		appliesTo: (pep) => partApplies(slug, pep),
		// Edits not yet saved on this device (a draft) are work begun.
		statusOf: (doc, hasDraft): PartCompletion => {
			const status = completionOf(slug, kind, doc);
			return hasDraft && status === 'not-started' ? 'in-progress' : status;
		}
	};
}

/** A sign-off is signed or not: a draft does not begin it. */
function signOff(slug: PartName, place: Pick<PartShape<PartName>, 'section' | 'part'>): PartSpec {
	const spec = described({ slug, ...place, key: 'signOff', completable: false });
	return { ...spec, statusOf: (doc) => completionOf(slug, spec.kind, doc) };
}

const applies = (values: Record<string, unknown>) => values.applicable === true;

export const partSpecs: readonly PartSpec[] = [
	described({
		slug: 'personal-care',
		...inSectionA,
		key: 'personalCare',
		completable: true,
		fields: [
			{ kind: 'date', name: 'checkedOn' },
			{ kind: 'textarea', name: 'notes' }
		]
	}),
	described({
		slug: 'social-worker-information',
		...inSectionA,
		key: 'socialWorkerInformation',
		completable: true,
		fields: [{ kind: 'textarea', name: 'history', rows: 10 }]
	}),
	described({
		slug: 'education',
		...inSectionA,
		key: 'education',
		completable: true,
		fields: [{ kind: 'textarea', name: 'notes' }]
	}),
	described({
		slug: 'short-term-training-or-neet',
		...inSectionA,
		key: 'shortTermTrainingOrNeet',
		completable: true,
		fields: [
			{ kind: 'yes-no', name: 'applicable' },
			{ kind: 'radios', name: 'situation', showIf: applies },
			{
				kind: 'textarea',
				name: 'trainingDetails',
				showIf: (v) => applies(v) && v.situation === 'short-term-training'
			},
			{ kind: 'textarea', name: 'barriersToEet', showIf: applies }
		]
	}),
	described({
		slug: 'custody-and-remand',
		...inSectionA,
		key: 'custodyAndRemand',
		completable: true,
		fields: [
			{ kind: 'yes-no', name: 'applicable' },
			{ kind: 'text', name: 'establishment', showIf: applies },
			{ kind: 'date', name: 'expectedReleaseDate', showIf: applies },
			{ kind: 'textarea', name: 'details', showIf: applies }
		]
	}),
	described({
		slug: 'additional-needs',
		...inSectionA,
		key: 'additionalNeeds',
		completable: true,
		fields: [
			{ kind: 'yes-no', name: 'applicable' },
			{ kind: 'textarea', name: 'narrative', showIf: applies }
		]
	}),
	described({
		slug: 'key-contacts',
		...inSectionA,
		key: 'keyContacts',
		completable: true,
		fields: [{ kind: 'date', name: 'checkedOn' }]
	}),
	signOff('social-worker-sign-off', inSectionA),

	// Derbyshire's PETP: the personal adviser's form for a young person of 16 to 18, for a NEET
	// young person the whole plan. Its SMART targets are on the targets page.
	described({
		slug: 'petp',
		...inPetp,
		key: '',
		completable: true,
		fields: [
			{ kind: 'textarea', name: 'celebration' },
			{ kind: 'textarea', name: 'hopesAndAspirations' },
			{ kind: 'textarea', name: 'progressStrengthsNeeds', rows: 8 },
			{ kind: 'textarea', name: 'resourcesAndStrategies' },
			{ kind: 'textarea', name: 'decisions' }
		]
	}),
	described({ slug: 'action-plan', ...inPetp, key: '', completable: false }),
	signOff('personal-adviser-sign-off', inPetp),

	described({
		slug: 'carers-views',
		section: 'carer',
		part: 'carer',
		key: '',
		completable: true,
		fields: [
			{ kind: 'textarea', name: 'goingWell' },
			{ kind: 'textarea', name: 'challenges' },
			{ kind: 'textarea', name: 'needsAndAspirations' }
		]
	}),

	// Section B: the overview and the post-16 plan are plain forms; the subject table, the targets,
	// Pupil Premium Plus and the meeting page have their own pages.
	described({
		slug: 'progress-overview',
		...inSectionB,
		key: 'progressOverview',
		completable: true,
		fields: [{ kind: 'textarea', name: 'text', rows: 12 }]
	}),
	described({ slug: 'subject-progress', ...inSectionB, key: '', completable: true }),
	described({
		slug: 'targets',
		section: 'b',
		part: 'targets',
		key: '',
		completable: true,
		// The young person reads the targets written to them on their own screens, not as a part
		// of the PEP's task list, which shows them nothing else.
		readers: [
			'social-worker',
			'designated-teacher',
			'virtual-school',
			'personal-adviser',
			'iro',
			'carer'
		]
	}),
	described({ slug: 'pupil-premium-plus', section: 'b', part: 'pp', key: '', completable: false }),
	described({ slug: 'meeting-page', ...inSectionB, key: 'meetingPage', completable: true }),
	described({
		slug: 'post-16-plan',
		...inSectionB,
		key: 'postSixteenPlan',
		completable: true,
		fields: [
			{ kind: 'textarea', name: 'aspirations' },
			{ kind: 'textarea', name: 'support' },
			{ kind: 'radios', name: 'entryRequirementsMet' },
			{ kind: 'textarea', name: 'nextSteps' }
		]
	}),
	signOff('designated-teacher-sign-off', inSectionB)
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
