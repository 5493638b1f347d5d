/**
 * Where a reason not to move a PEP on can be put right: the rules name parts in their own words
 * (`Blocker.part`), and these are the part pages that hold them.
 */
import type { Blocker } from '$lib/domain/rules/reasons';
import { partSpecs } from './pep-parts';

const partPages: Record<string, string> = {
	progress: 'progress-overview',
	subjects: 'subject-progress',
	meeting: 'meeting-page',
	targets: 'targets',
	'post-16-plan': 'post-16-plan',
	personalCare: 'personal-care',
	socialWorkerInformation: 'social-worker-information',
	education: 'education',
	shortTermTrainingOrNeet: 'short-term-training-or-neet',
	custodyAndRemand: 'custody-and-remand',
	additionalNeeds: 'additional-needs',
	keyContacts: 'key-contacts',
	petp: 'petp',
	'actions-for-adults': 'action-plan',
	'neet-options': 'action-plan'
};

/** The slug of the part page that holds what `blocker` names, or null where none does. */
export function partPageFor(blocker: Pick<Blocker, 'part'>): string | null {
	const slug = partPages[blocker.part];
	return slug && partSpecs.some((s) => s.slug === slug) ? slug : null;
}
