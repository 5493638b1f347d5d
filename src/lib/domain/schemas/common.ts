/**
 * Primitives shared by every document schema. Each refusal names the field and says why in plain
 * English, because these messages reach the person who typed the value.
 */
import { z } from 'zod';

/** A calendar date with no time or zone, as `YYYY-MM-DD`. */
export const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written as YYYY-MM-DD')
	.refine((value) => {
		const [y, m, d] = value.split('-').map(Number) as [number, number, number];
		const date = new Date(Date.UTC(y, m - 1, d));
		return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
	}, 'is not a real calendar date');
export type IsoDate = z.infer<typeof isoDate>;

/** An instant, as an ISO 8601 string with a zone (what `Date.prototype.toISOString` writes). */
export const isoDateTime = z.iso.datetime({ offset: true, error: 'must be a date and time with a time zone' });

/** A local time of day, `HH:MM`, 24-hour clock. */
export const timeOfDay = z
	.string()
	.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written as HH:MM (24-hour clock)');

/** Opaque identifiers: letters, digits, dashes and underscores, never a name. */
export const opaqueId = z
	.string()
	.regex(/^[A-Za-z0-9_-]{4,64}$/, 'must be 4–64 letters, digits, dashes or underscores');

/** Free text a practitioner writes; bounded so one field cannot swallow a device's storage. */
export const text = (max = 20_000) => z.string().max(max, `must be at most ${max} characters`);
export const shortText = text(200);

export const ragRating = z.enum(['red', 'amber', 'green']);
export type RagRating = z.infer<typeof ragRating>;

/** Who made a change and when: kept on every document part for audit and conflict display. */
export const authorship = z.object({
	by: opaqueId,
	at: isoDateTime
});
export type Authorship = z.infer<typeof authorship>;
