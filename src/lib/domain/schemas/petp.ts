/**
 * The Post-16 PETP form (Derbyshire): `child:{childId}:pep:{pepId}:petp`, completed by the
 * personal adviser. Its targets live in the targets document; this holds the rest of the form.
 */
import { z } from 'zod';
import { isoDate, opaqueId, shortText, text } from './common';
import { childDocumentBase, completable } from './document';
import { attachmentKind } from './attachment';
import { signOff } from './section-a';

export const neetOption = z.strictObject({
	option: z.enum([
		'visit-provision',
		'virtual-school-programme',
		'careers-guidance',
		'traineeship',
		'volunteering',
		'other'
	]),
	details: text(2_000).default('')
});

export type NeetOption = z.infer<typeof neetOption>;

export const adultAction = z.strictObject({
	action: text(1_000).min(1, 'is required'),
	owner: shortText.min(1, 'is required'),
	dueBy: isoDate.optional(),
	/** Derbyshire asks that adults' actions support academic, social or emotional well-being. */
	supports: z.enum(['academic', 'social', 'emotional']).optional()
});

export type AdultAction = z.infer<typeof adultAction>;

export const petp = z.strictObject({
	...childDocumentBase,
	type: z.literal('pep-petp'),
	schemaVersion: z.literal(1),
	pepId: opaqueId,
	...completable,
	celebration: text(5_000).default(''),
	hopesAndAspirations: text(5_000).default(''),
	progressStrengthsNeeds: text().default(''),
	resourcesAndStrategies: text(5_000).default(''),
	neetOptions: z.array(neetOption).max(10).default([]),
	actionsForAdults: z.array(adultAction).max(30).default([]),
	/** What the personal adviser gathered from the designated tutor at the meeting. */
	documentsGathered: z.array(attachmentKind).default([]),
	decisions: text().default(''),
	/** The personal adviser's sign-off, with the next PETP date: it returns the PETP to the Virtual School. */
	signOff: signOff.nullable().default(null)
});
export type Petp = z.infer<typeof petp>;
