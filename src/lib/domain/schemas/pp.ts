/**
 * Pupil Premium Plus requests and the Virtual School head's decisions:
 * `child:{childId}:pep:{pepId}:pp`. Amounts are whole pence.
 */
import { z } from 'zod';
import { isoDateTime, opaqueId, shortText, text } from './common';
import { childDocumentBase } from './document';

export const ppRequest = z.strictObject({
	requestId: opaqueId,
	targetId: opaqueId.optional(),
	description: text(2_000).min(1, 'is required'),
	amountPence: z.int().min(1, 'must be more than £0').max(10_000_000, 'must be £100,000 or less'),
	requestedBy: opaqueId,
	requestedAt: isoDateTime,
	decision: z.enum(['pending', 'approved', 'declined']).default('pending'),
	decidedBy: z.strictObject({ userId: opaqueId, name: shortText }).optional(),
	decidedAt: isoDateTime.optional(),
	decisionNotes: text(2_000).default('')
});
export type PpRequest = z.infer<typeof ppRequest>;

export const pupilPremiumPlus = z.strictObject({
	...childDocumentBase,
	type: z.literal('pep-pp'),
	schemaVersion: z.literal(1),
	pepId: opaqueId,
	requests: z.array(ppRequest).max(30).default([])
});
export type PupilPremiumPlus = z.infer<typeof pupilPremiumPlus>;
