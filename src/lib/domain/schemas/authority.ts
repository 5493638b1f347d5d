/**
 * An authority's own settings. DOMAIN.md gives defaults; the seeds show that real authorities
 * differ (day types, QA grading, review cadence), so every one of these is data, not code.
 */
import { z } from 'zod';
import { isoDate, opaqueId, shortText } from './common';

/** School days skip weekends, bank holidays and school holidays; working days skip the first two. */
export const dayType = z.enum(['school', 'working', 'calendar']);
export type DayType = z.infer<typeof dayType>;

/** A span expressed in a kind of day, e.g. 20 school days. */
export const span = z.object({
	days: z.int().min(0, 'must not be negative').max(365, 'must be at most 365'),
	dayType
});
export type Span = z.infer<typeof span>;

/** One term, from its first to its last teaching day inclusive; half-term is a holiday inside it. */
export const term = z
	.object({
		name: z.enum(['autumn', 'spring', 'summer']),
		start: isoDate,
		end: isoDate,
		halfTermStart: isoDate.optional(),
		halfTermEnd: isoDate.optional()
	})
	.refine((t) => t.start <= t.end, { error: 'must start on or before its end', path: ['end'] })
	.refine((t) => (t.halfTermStart === undefined) === (t.halfTermEnd === undefined), {
		error: 'needs both a start and an end, or neither',
		path: ['halfTermEnd']
	});
export type Term = z.infer<typeof term>;

/** One academic year's terms, named by its starting calendar year (2025 = 2025/26). */
export const academicYearTerms = z.object({
	startYear: z.int().min(2000).max(2100),
	terms: z
		.array(term)
		.length(3, 'must list the autumn, spring and summer terms')
		.refine((terms) => new Set(terms.map((t) => t.name)).size === 3, {
			error: 'must list each of the autumn, spring and summer terms once'
		})
		.refine(
			(terms) =>
				terms.every(
					(t) =>
						t.halfTermStart === undefined ||
						(t.start <= t.halfTermStart &&
							t.halfTermStart <= (t.halfTermEnd ?? '') &&
							(t.halfTermEnd ?? '') <= t.end)
				),
			{ error: 'must have each half term inside its term, starting before it ends' }
		),
	/** Extra closures such as INSET days, as single dates. */
	closures: z.array(isoDate).default([])
});
export type AcademicYearTerms = z.infer<typeof academicYearTerms>;

/** How the Virtual School grades a PEP at quality assurance (Section D). */
export const gradingScheme = z.enum([
	/** Walsall: every checklist item Yes → meets the expected standard, else does not meet. */
	'meets-standard',
	/** Derbyshire-style graded outcome; "needs improvement" triggers contact. */
	'graded',
	/** A red / amber / green rating. */
	'rag',
	/** Gold / green / amber / red per section, rolled up to the lowest. */
	'gold-green-amber-red'
]);
export type GradingScheme = z.infer<typeof gradingScheme>;

/** Every statutory or local timescale from DOMAIN.md, with the defaults the seeds give. */
export const timescales = z.object({
	initialPep: span.default({ days: 20, dayType: 'school' }),
	initialPepEmergency: span.default({ days: 10, dayType: 'school' }),
	newSetting: span.default({ days: 20, dayType: 'school' }),
	dtSignOff: span.default({ days: 5, dayType: 'working' }),
	dtQualityCheck: span.default({ days: 10, dayType: 'school' }),
	vsQualityAssurance: span.default({ days: 20, dayType: 'school' }),
	post16Panel: span.default({ days: 21, dayType: 'calendar' }),
	/** Reviews per academic year: 3 for school age; Post-16 at least 2 (one in the autumn term). */
	reviewsPerYear: z.int().min(1).max(6).default(3),
	post16ReviewsPerYear: z.int().min(1).max(6).default(2),
	/** An EHCP is reviewed at least every 12 months; a PEP is scheduled to coincide. */
	ehcpAnnualReviewMonths: z.int().min(1).max(24).default(12)
});
export type Timescales = z.infer<typeof timescales>;

export const authority = z.strictObject({
	_id: z.string().optional(),
	_rev: z.string().optional(),
	type: z.literal('authority'),
	schemaVersion: z.literal(1),
	authorityId: opaqueId,
	name: shortText.min(1, 'is required'),
	timescales: timescales.default(timescales.parse({})),
	gradingScheme: gradingScheme.default('meets-standard'),
	/** Term dates set by the authority; years not listed fall back to a computed default. */
	termDates: z.array(academicYearTerms).default([]),
	/** Percentage below which attendance needs reasons, interventions and a target. */
	attendanceThreshold: z.number().min(0).max(100).default(80)
});
export type Authority = z.infer<typeof authority>;
