/**
 * SMART targets as the page edits them: a new target, carrying one from the last PEP to be
 * reviewed here, and the words for a problem with one of its fields.
 */
import { newId } from '$lib/domain/ids';
import type { FieldError } from '$lib/domain/schemas/errors';
import type { Target } from '$lib/domain/schemas/targets';
import type { Problem } from './problems';

/** A review being written: its progress may not be chosen yet. */
export type DraftReview = Omit<Target['reviews'][number], 'progress'> & {
	progress?: Target['reviews'][number]['progress'];
};
/**
 * A target being written; the schema says what is missing when it is saved. The Pupil Premium
 * Plus amount is the text as typed until it reads as pounds and pence, so nothing is lost.
 */
export type DraftTarget = Omit<Target, 'reviews' | 'ppPlusPence'> & {
	reviews: DraftReview[];
	ppPlusPence?: number | string;
};

export function newTarget(setOn: string): DraftTarget {
	return {
		targetId: newId(),
		horizon: 'short',
		area: 'academic',
		text: '',
		successMeasure: '',
		owner: '',
		actionsForAdults: [],
		setOn,
		status: 'open',
		reviews: []
	};
}

/** A target of the last PEP, brought into this one with a review to write. */
export function carryForward(
	target: Target,
	from: string,
	pepId: string,
	today: string
): DraftTarget {
	return {
		...target,
		carriedFromPepId: from,
		reviews: [...target.reviews, { reviewedOn: today, pepId, notes: '' }]
	};
}

const fieldNames: Record<string, string> = {
	text: 'the target',
	successMeasure: 'how success will be measured',
	owner: 'who is responsible',
	setOn: 'date set',
	dueDate: 'due date',
	ppPlusPence: 'Pupil Premium Plus amount',
	reviewedOn: 'review date',
	progress: 'progress',
	notes: 'notes',
	aspiration: 'aspiration'
};

export function describeTargetError(targets: readonly DraftTarget[], error: FieldError): Problem {
	const [, index, ...rest] = error.field.split('.');
	const number = Number(index) + 1;
	const review = rest[0] === 'reviews' ? ' review' : '';
	const name = fieldNames[rest.at(-1) ?? ''] ?? rest.join(' ');
	const known = targets[Number(index)] !== undefined;
	return {
		path: error.field,
		message: `${known ? `Target ${number}` : 'Targets'}${review}: ${name} ${error.message}`
	};
}
