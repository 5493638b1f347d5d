/**
 * SMART targets and their reviews: `child:{childId}:pep:{pepId}:targets`. Written by the
 * designated teacher (or the personal adviser for a PETP), read by the young person they are
 * written to. Targets still open at the next PEP are carried into its document and reviewed there.
 */
import { z } from 'zod';
import { isoDate, opaqueId, shortText, text } from './common';
import { childDocumentBase } from './document';

export const targetArea = z.enum(['academic', 'semh', 'wider-curriculum', 'attendance', 'eet']);
export type TargetArea = z.infer<typeof targetArea>;

export const targetReview = z.strictObject({
	reviewedOn: isoDate,
	/** The PEP at which this review was made. */
	pepId: opaqueId,
	progress: z.enum(['not-started', 'some-progress', 'good-progress', 'achieved', 'not-achieved']),
	notes: text(5_000).default('')
});

export const target = z.strictObject({
	targetId: opaqueId,
	/** Short-term targets are termly and feed long-term ones towards an aspiration. */
	horizon: z.enum(['short', 'long']),
	area: targetArea,
	text: text(2_000).min(1, 'is required'),
	successMeasure: text(1_000).default(''),
	owner: shortText.default(''),
	actionsForAdults: z.array(text(1_000)).max(20).default([]),
	aspiration: shortText.optional(),
	setOn: isoDate,
	dueDate: isoDate.optional(),
	/** Pupil Premium Plus linked to this target, in pence (money is never a float). */
	ppPlusPence: z.int().min(0).max(10_000_000).optional(),
	carriedFromPepId: opaqueId.optional(),
	status: z.enum(['open', 'achieved', 'closed']).default('open'),
	reviews: z.array(targetReview).max(50).default([])
});
export type Target = z.infer<typeof target>;

export const targets = z.strictObject({
	...childDocumentBase,
	type: z.literal('pep-targets'),
	schemaVersion: z.literal(1),
	pepId: opaqueId,
	targets: z.array(target).max(30, 'must list at most 30 targets').default([]),
	complete: z.boolean().default(false)
});
export type Targets = z.infer<typeof targets>;
