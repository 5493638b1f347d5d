/**
 * The child's profile: `child:{childId}`, written by the social worker. It holds what Section A's
 * personal/care, education, additional-needs and key-contact parts show, once, so it is never
 * typed twice (a complaint practitioners make of today's systems).
 */
import { z } from 'zod';
import { isoDate, opaqueId, shortText, text, unlessMissing } from './common';
import { childDocumentBase } from './document';

/** Year groups from nursery to Year 14 (the last year of a Post-16 PETP). */
export const yearGroups = [
	'nursery',
	'reception',
	'Y1',
	'Y2',
	'Y3',
	'Y4',
	'Y5',
	'Y6',
	'Y7',
	'Y8',
	'Y9',
	'Y10',
	'Y11',
	'Y12',
	'Y13',
	'Y14'
] as const;
export const yearGroup = z.enum(yearGroups);
export type YearGroup = z.infer<typeof yearGroup>;

export type KeyStage = 'early-years' | 'KS1' | 'KS2' | 'KS3' | 'KS4' | 'KS5';

/** The key stage follows from the year group, so it is computed rather than stored twice. */
export function keyStageOf(year: YearGroup): KeyStage {
	if (year === 'nursery' || year === 'reception') return 'early-years';
	const n = Number(year.slice(1));
	if (n <= 2) return 'KS1';
	if (n <= 6) return 'KS2';
	if (n <= 9) return 'KS3';
	if (n <= 11) return 'KS4';
	return 'KS5';
}

export const legalStatus = z.enum([
	'section-20',
	'interim-care-order',
	'care-order',
	'placement-order',
	'emergency-protection-order',
	'police-protection',
	'remand',
	'other'
]);
export type LegalStatus = z.infer<typeof legalStatus>;

const phone = z
	.string()
	.regex(/^\+?[0-9 ()-]{7,20}$/, 'must be a telephone number of digits, spaces or dashes');
const optionalEmail = z.email({
	error: unlessMissing('must be an email address, like name@example.org')
});

export const carer = z.strictObject({
	name: shortText.min(1, 'is required'),
	relationship: shortText.min(1, 'is required'),
	phone: phone.optional(),
	email: optionalEmail.optional(),
	address: text(500).optional()
});

export const placementType = z.enum([
	'foster-care',
	'kinship-care',
	'residential',
	'semi-independent',
	'secure',
	'placed-with-parents',
	'placed-for-adoption',
	'other'
]);
export type PlacementType = z.infer<typeof placementType>;

export const placement = z.strictObject({
	type: placementType,
	startDate: isoDate,
	/** A placement made in an emergency shortens the first PEP's deadline. */
	emergency: z.boolean().default(false),
	outOfAuthority: z.boolean().default(false),
	carers: z.array(carer).max(10, 'must list at most 10 carers').default([])
});

export const settingKind = z.enum([
	'school',
	'college',
	'training-provider',
	'apprenticeship',
	'employer',
	'none'
]);
export type SettingKind = z.infer<typeof settingKind>;

export const setting = z
	.strictObject({
		kind: settingKind,
		settingId: opaqueId.optional(),
		name: shortText.optional(),
		/** The Department for Education's unique reference number for a school or college. */
		urn: z
			.string()
			.regex(/^\d{6}$/, 'must be a 6-digit URN')
			.optional(),
		startDate: isoDate.optional(),
		apprenticeship: z
			.strictObject({
				employer: shortText.min(1, 'is required'),
				standard: shortText.min(1, 'is required'),
				level: z.int().min(2).max(7),
				expectedEndDate: isoDate.optional()
			})
			.optional()
	})
	.refine((s) => s.kind === 'none' || (s.name ?? '').trim().length > 0, {
		error: 'is required for a school, college, provider or employer',
		path: ['name']
	})
	.refine((s) => s.kind !== 'apprenticeship' || s.apprenticeship !== undefined, {
		error: 'are required for an apprenticeship',
		path: ['apprenticeship']
	});
export type Setting = z.infer<typeof setting>;

/** Post-16 status; it decides who chairs a PETP meeting. */
export const eetStatus = z.enum([
	'education',
	'employment',
	'apprenticeship',
	'short-term-training',
	'neet'
]);
export type EetStatus = z.infer<typeof eetStatus>;

/** The SEND Code of Practice's categories of primary need. */
export const categoryOfNeed = z.enum([
	'SpLD',
	'MLD',
	'SLD',
	'PMLD',
	'SEMH',
	'SLCN',
	'HI',
	'VI',
	'MSI',
	'PD',
	'ASD',
	'OTH'
]);

export const senStatus = z.enum(['none', 'sen-support', 'ehcp', 'being-assessed']);
export type SenStatus = z.infer<typeof senStatus>;

export const sen = z
	.strictObject({
		status: senStatus,
		categoryOfNeed: categoryOfNeed.optional(),
		/** Special exam arrangements previously received, so a college assesses for them again. */
		examArrangements: text(2_000).default(''),
		ehcpLastAnnualReview: isoDate.optional()
	})
	.refine((s) => !['sen-support', 'ehcp'].includes(s.status) || s.categoryOfNeed !== undefined, {
		error: 'is required when the child has SEN support or an EHCP',
		path: ['categoryOfNeed']
	});

export const keyContact = z.strictObject({
	role: shortText.min(1, 'is required'),
	name: shortText.min(1, 'is required'),
	organisation: shortText.optional(),
	phone: phone.optional(),
	email: optionalEmail.optional()
});

export const childProfile = z.strictObject({
	...childDocumentBase,
	type: z.literal('child'),
	schemaVersion: z.literal(1),
	person: z.strictObject({
		givenName: shortText.min(1, 'is required'),
		familyName: shortText.min(1, 'is required'),
		preferredName: shortText.optional(),
		dateOfBirth: isoDate,
		gender: shortText.optional()
	}),
	identifiers: z
		.strictObject({
			/** Unique pupil number: a letter then 12 digits. */
			upn: z
				.string()
				.regex(/^[A-Z]\d{12}$/, 'must be a letter followed by 12 digits')
				.optional(),
			/** Unique learner number (post-16): 10 digits. */
			uln: z
				.string()
				.regex(/^\d{10}$/, 'must be 10 digits')
				.optional(),
			localCaseRef: shortText.optional()
		})
		.default({}),
	yearGroup,
	legalStatus,
	dateIntoCare: isoDate,
	placement,
	setting,
	eetStatus: eetStatus.optional(),
	sen,
	keyContacts: z.array(keyContact).max(30, 'must list at most 30 contacts').default([]),
	/** Set when the child leaves care: their record is then kept read-only and later removed. */
	leftCareOn: isoDate.optional()
});
export type ChildProfile = z.infer<typeof childProfile>;
