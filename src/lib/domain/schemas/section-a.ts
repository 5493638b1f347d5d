/**
 * Section A, the social worker's: `child:{childId}:pep:{pepId}:a`. Completed before the meeting
 * and marked complete part by part. The facts themselves (carers, setting, SEN) live in the child
 * profile; each part here records that the social worker checked them for this PEP and adds what
 * only this PEP needs.
 */
import { z } from 'zod';
import { isoDate, isoDateTime, opaqueId, shortText, text } from './common';
import { childDocumentBase, completable } from './document';

export const sectionAPartNames = [
	'personalCare',
	'socialWorkerInformation',
	'education',
	'shortTermTrainingOrNeet',
	'custodyAndRemand',
	'additionalNeeds',
	'keyContacts'
] as const;
export type SectionAPartName = (typeof sectionAPartNames)[number];

/**
 * Parts that apply only to some children: "not applicable" completes them. Nobody's answer is
 * chosen for them: the question is unanswered until the social worker answers it, and the part
 * cannot be marked complete before then.
 */
const conditional = { applicable: z.boolean().optional() };

function answeredBeforeComplete(
	part: { complete: boolean; applicable?: boolean },
	context: z.RefinementCtx
): void {
	if (part.complete && part.applicable === undefined) {
		context.addIssue({
			code: 'custom',
			path: ['applicable'],
			message: 'answer this before you mark the part complete'
		});
	}
}

export const signOff = z.strictObject({
	signedBy: opaqueId,
	signedByName: shortText,
	signedAt: isoDateTime,
	/** Sign-off is only possible with the date of the next PEP. */
	nextPepDate: isoDate
});
export type SignOff = z.infer<typeof signOff>;

export const sectionA = z.strictObject({
	...childDocumentBase,
	type: z.literal('pep-a'),
	schemaVersion: z.literal(1),
	pepId: opaqueId,
	personalCare: z
		.strictObject({ ...completable, checkedOn: isoDate.optional(), notes: text().default('') })
		.default({ complete: false, notes: '' }),
	socialWorkerInformation: z
		.strictObject({ ...completable, history: text().default('') })
		.default({ complete: false, history: '' }),
	education: z
		.strictObject({ ...completable, notes: text().default('') })
		.default({ complete: false, notes: '' }),
	shortTermTrainingOrNeet: z
		.strictObject({
			...completable,
			...conditional,
			situation: z.enum(['short-term-training', 'neet']).optional(),
			trainingDetails: text(5_000).default(''),
			barriersToEet: text().default('')
		})
		.superRefine(answeredBeforeComplete)
		.default({ complete: false, trainingDetails: '', barriersToEet: '' }),
	custodyAndRemand: z
		.strictObject({
			...completable,
			...conditional,
			establishment: shortText.optional(),
			expectedReleaseDate: isoDate.optional(),
			details: text().default('')
		})
		.superRefine(answeredBeforeComplete)
		.default({ complete: false, details: '' }),
	additionalNeeds: z
		.strictObject({ ...completable, ...conditional, narrative: text().default('') })
		.superRefine(answeredBeforeComplete)
		.default({ complete: false, narrative: '' }),
	keyContacts: z
		.strictObject({ ...completable, checkedOn: isoDate.optional() })
		.default({ complete: false }),
	signOff: signOff.nullable().default(null)
});
export type SectionA = z.infer<typeof sectionA>;
