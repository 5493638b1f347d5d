/**
 * Which parts a PEP has, and where each stands: the task list's rules, over the parsed documents
 * and the PEP header, so the task list, the server and a view of many PEPs say the same. A part is
 * named as its page is ('subject-progress'); a part whose document is not there yet is not started.
 */
import type { CarerViews } from '../schemas/carer';
import type { PepHeader } from '../schemas/pep';
import type { Petp } from '../schemas/petp';
import type { PupilPremiumPlus } from '../schemas/pp';
import type { SectionA, SectionAPartName, SignOff } from '../schemas/section-a';
import type { SectionB } from '../schemas/section-b';
import type { Targets } from '../schemas/targets';
import { progressBlockers } from './progress';
import { completedBy } from './worklist';

export type PartCompletion = 'not-started' | 'in-progress' | 'complete' | 'signed';

/** The documents of one PEP by kind, those there are. */
export interface PepDocuments {
	'pep-a'?: SectionA | null;
	'pep-b'?: SectionB | null;
	'pep-targets'?: Targets | null;
	'pep-pp'?: PupilPremiumPlus | null;
	'pep-petp'?: Petp | null;
	'pep-carer'?: CarerViews | null;
}

/** What of the header decides which parts a PEP has. */
export type PlanOf = Pick<PepHeader, 'kind' | 'chair'>;

/** Written, as a form counts it: a choice made, a date given, text that is not only spaces. */
function isWritten(value: unknown): boolean {
	if (value === undefined || value === null || value === false) return false;
	if (typeof value === 'string') return value.trim().length > 0;
	return true;
}

/** A form a person marks complete: complete once marked, begun once anything is written. */
function formCompletion(complete: boolean, answers: readonly unknown[]): PartCompletion {
	if (complete) return 'complete';
	return answers.some(isWritten) ? 'in-progress' : 'not-started';
}

/** A part of a document held under its own key: its answers are all it holds but the mark. */
function keyedFormCompletion(part: { complete: boolean } | undefined): PartCompletion {
	if (!part) return 'not-started';
	const { complete, ...answers } = part;
	return formCompletion(complete, Object.values(answers));
}

export function sectionAPartCompletion(
	a: Pick<SectionA, SectionAPartName> | null | undefined,
	name: SectionAPartName
): PartCompletion {
	return keyedFormCompletion(a?.[name]);
}

export function progressOverviewCompletion(
	b: Pick<SectionB, 'progressOverview'> | null | undefined
): PartCompletion {
	return keyedFormCompletion(b?.progressOverview);
}

export function postSixteenPlanCompletion(
	b: Pick<SectionB, 'postSixteenPlan'> | null | undefined
): PartCompletion {
	return keyedFormCompletion(b?.postSixteenPlan);
}

/**
 * The subject table. Marked complete with a rule still unmet (interventions missing where
 * progress is less than expected) is still in progress: the page names what is missing.
 */
export function subjectProgressCompletion(
	b: Pick<SectionB, 'subjects' | 'subjectsComplete'> | null | undefined
): PartCompletion {
	if (!b) return 'not-started';
	if (b.subjectsComplete && progressBlockers(b.subjects).length === 0) return 'complete';
	return b.subjects.length > 0 ? 'in-progress' : 'not-started';
}

/** The meeting page is begun once its summary is written or attendance is recorded. */
export function meetingPageCompletion(
	b: Pick<SectionB, 'meetingPage'> | null | undefined
): PartCompletion {
	const page = b?.meetingPage;
	if (!page) return 'not-started';
	if (page.complete) return 'complete';
	const begun = page.summary.trim() !== '' || page.youngPersonAttended !== undefined;
	return begun ? 'in-progress' : 'not-started';
}

export function targetsCompletion(
	targets: Pick<Targets, 'targets' | 'complete'> | null | undefined
): PartCompletion {
	if (!targets) return 'not-started';
	if (targets.complete) return 'complete';
	return targets.targets.length > 0 ? 'in-progress' : 'not-started';
}

/**
 * Pupil Premium Plus is nobody's to mark complete: it is done when every request the school
 * made has the Virtual School head's decision, and waits while any is still pending.
 */
export function pupilPremiumPlusCompletion(
	pp: Pick<PupilPremiumPlus, 'requests'> | null | undefined
): PartCompletion {
	const requests = pp?.requests ?? [];
	if (requests.length === 0) return 'not-started';
	return requests.some((r) => r.decision === 'pending') ? 'in-progress' : 'complete';
}

/** The PETP form itself; its action plan and sign-off are parts of their own. */
export function petpCompletion(
	petp:
		| Pick<
				Petp,
				| 'complete'
				| 'celebration'
				| 'hopesAndAspirations'
				| 'progressStrengthsNeeds'
				| 'resourcesAndStrategies'
				| 'decisions'
		  >
		| null
		| undefined
): PartCompletion {
	if (!petp) return 'not-started';
	return formCompletion(petp.complete, [
		petp.celebration,
		petp.hopesAndAspirations,
		petp.progressStrengthsNeeds,
		petp.resourcesAndStrategies,
		petp.decisions
	]);
}

/**
 * The PETP's action plan is nobody's to mark complete: it is done once the adults have an action
 * to take, and not started until then.
 */
export function actionPlanCompletion(
	petp: Pick<Petp, 'actionsForAdults'> | null | undefined
): PartCompletion {
	return (petp?.actionsForAdults.length ?? 0) > 0 ? 'complete' : 'not-started';
}

export function carerViewsCompletion(
	carer:
		| Pick<CarerViews, 'complete' | 'goingWell' | 'challenges' | 'needsAndAspirations'>
		| null
		| undefined
): PartCompletion {
	if (!carer) return 'not-started';
	return formCompletion(carer.complete, [
		carer.goingWell,
		carer.challenges,
		carer.needsAndAspirations
	]);
}

/** A sign-off is signed or not: there is nothing in between. */
export function signOffCompletion(
	doc: { signOff: SignOff | null } | null | undefined
): PartCompletion {
	return doc?.signOff ? 'signed' : 'not-started';
}

const post16 = (pep: PlanOf) => pep.kind === 'post-16';
/**
 * A PETP for a young person not in education, employment or training is completed by the personal
 * adviser: there is no designated teacher, so Section B's school parts do not apply.
 */
const byAdviser = (pep: PlanOf) => completedBy(pep) === 'personal-adviser';
const bySchool = (pep: PlanOf) => !byAdviser(pep);
const always = () => true;

interface PartRule {
	/** Whether a PEP has this part. */
	appliesTo: (pep: PlanOf) => boolean;
	completion: (docs: PepDocuments) => PartCompletion;
}

const sectionAPart = (name: SectionAPartName): PartRule => ({
	appliesTo: always,
	completion: (docs) => sectionAPartCompletion(docs['pep-a'], name)
});

/** Every part of a PEP, by the name of its page. */
const partRules = {
	'personal-care': sectionAPart('personalCare'),
	'social-worker-information': sectionAPart('socialWorkerInformation'),
	education: sectionAPart('education'),
	'short-term-training-or-neet': sectionAPart('shortTermTrainingOrNeet'),
	'custody-and-remand': sectionAPart('custodyAndRemand'),
	'additional-needs': sectionAPart('additionalNeeds'),
	'key-contacts': sectionAPart('keyContacts'),
	'social-worker-sign-off': {
		appliesTo: always,
		completion: (docs) => signOffCompletion(docs['pep-a'])
	},
	petp: { appliesTo: post16, completion: (docs) => petpCompletion(docs['pep-petp']) },
	'action-plan': {
		appliesTo: post16,
		completion: (docs) => actionPlanCompletion(docs['pep-petp'])
	},
	'personal-adviser-sign-off': {
		appliesTo: byAdviser,
		completion: (docs) => signOffCompletion(docs['pep-petp'])
	},
	'carers-views': {
		appliesTo: always,
		completion: (docs) => carerViewsCompletion(docs['pep-carer'])
	},
	'progress-overview': {
		appliesTo: bySchool,
		completion: (docs) => progressOverviewCompletion(docs['pep-b'])
	},
	'subject-progress': {
		appliesTo: bySchool,
		completion: (docs) => subjectProgressCompletion(docs['pep-b'])
	},
	targets: { appliesTo: always, completion: (docs) => targetsCompletion(docs['pep-targets']) },
	// Asked for by the school: a PEP the personal adviser completes has no school to ask.
	'pupil-premium-plus': {
		appliesTo: bySchool,
		completion: (docs) => pupilPremiumPlusCompletion(docs['pep-pp'])
	},
	'meeting-page': {
		appliesTo: bySchool,
		completion: (docs) => meetingPageCompletion(docs['pep-b'])
	},
	'post-16-plan': {
		appliesTo: (pep) => post16(pep) && bySchool(pep),
		completion: (docs) => postSixteenPlanCompletion(docs['pep-b'])
	},
	'designated-teacher-sign-off': {
		appliesTo: bySchool,
		completion: (docs) => signOffCompletion(docs['pep-b'])
	}
} satisfies Record<string, PartRule>;

export type PartName = keyof typeof partRules;

export const partNames = Object.keys(partRules) as PartName[];

export function partApplies(part: PartName, pep: PlanOf): boolean {
	return partRules[part].appliesTo(pep);
}

export function partCompletion(part: PartName, docs: PepDocuments): PartCompletion {
	return partRules[part].completion(docs);
}
