/**
 * Section D, the Virtual School's quality assurance: `child:{childId}:pep:{pepId}:qa`. The
 * checklist is Walsall's; the grade follows the authority's scheme.
 */
import { z } from 'zod';
import { isoDateTime, opaqueId, shortText, text } from './common';
import { childDocumentBase } from './document';
import { gradingScheme } from './authority';

/** The seven checklist items, in the order the seed lists them. */
export const qaChecklistItems = [
	'completedWithinTimescale',
	'careInformationComplete',
	'relevantPeopleContributed',
	'childVoiceRecorded',
	'strengthsAndDevelopmentIdentified',
	'targetsReflectDevelopment',
	'targetsClearWithStrategies'
] as const;
export type QaChecklistItem = (typeof qaChecklistItems)[number];

export const qaChecklistWording: Record<QaChecklistItem, string> = {
	completedWithinTimescale: 'The PEP has been completed within timescale',
	careInformationComplete: 'All care information is completed with up to date information',
	relevantPeopleContributed: 'All relevant people have attended and contributed to the PEP',
	childVoiceRecorded: "The child's voice is recorded in the PEP",
	strengthsAndDevelopmentIdentified:
		'The PEP identifies educational strengths and areas for academic and social/emotional development',
	targetsReflectDevelopment:
		'The targets reflect any areas of development identified within the PEP',
	targetsClearWithStrategies:
		'The targets are written clearly and concisely and identify strategies needed to achieve the target'
};

const answer = z.enum(['yes', 'no']).nullable().default(null);

export const qaChecklist = z.strictObject(
	Object.fromEntries(qaChecklistItems.map((item) => [item, answer])) as Record<
		QaChecklistItem,
		typeof answer
	>
);
export type QaChecklist = z.infer<typeof qaChecklist>;

export const ggarGrade = z.enum(['gold', 'green', 'amber', 'red']);

/** The grade, shaped by the scheme it was given under. */
export const qaGrade = z.discriminatedUnion('scheme', [
	z.strictObject({
		scheme: z.literal('meets-standard'),
		value: z.enum(['meets', 'does-not-meet'])
	}),
	z.strictObject({
		scheme: z.literal('graded'),
		value: z.enum(['outstanding', 'good', 'needs-improvement', 'inadequate'])
	}),
	z.strictObject({ scheme: z.literal('rag'), value: z.enum(['red', 'amber', 'green']) }),
	z.strictObject({
		scheme: z.literal('gold-green-amber-red'),
		/** Each section graded; the overall grade is the lowest of them. */
		sections: z.strictObject({
			a: ggarGrade,
			b: ggarGrade,
			voice: ggarGrade,
			targets: ggarGrade
		})
	})
]);
export type QaGrade = z.infer<typeof qaGrade>;

export const qa = z.strictObject({
	...childDocumentBase,
	type: z.literal('pep-qa'),
	schemaVersion: z.literal(1),
	pepId: opaqueId,
	scheme: gradingScheme,
	checklist: qaChecklist.default(qaChecklist.parse({})),
	grade: qaGrade.optional(),
	feedback: text().default(''),
	/** What must be fixed when the PEP is returned as needing development. */
	fixes: z
		.array(
			z.strictObject({
				part: z.enum(['a', 'b', 'targets', 'voice', 'meeting', 'petp']),
				what: text(2_000).min(1, 'is required')
			})
		)
		.max(30)
		.default([]),
	outcome: z.enum(['passed', 'returned']).optional(),
	reviewer: z.strictObject({ userId: opaqueId, name: shortText }).optional(),
	decidedAt: isoDateTime.optional()
});
export type Qa = z.infer<typeof qa>;
