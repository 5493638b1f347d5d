/**
 * Primitives shared by every document schema. Each refusal names the field and says why in plain
 * English, because these messages reach the person who typed the value.
 */
import { z } from 'zod';
import { opaqueIdPattern } from '../roles';

/**
 * Plain-English wording for zod's generic refusals, so every message reads as the end of a
 * sentence that starts with the field's name ("dateOfBirth is required").
 */
z.config({
	customError: (issue) => {
		switch (issue.code) {
			case 'invalid_type':
				return issue.input === undefined ? 'is required' : `must be ${article(issue.expected)}`;
			case 'invalid_value':
				// Nothing chosen is said as a person would: the codes mean nothing on a screen.
				return issue.input === undefined
					? 'must be chosen'
					: `must be one of: ${issue.values.map(String).join(', ')}`;
			case 'unrecognized_keys':
				return `has ${issue.keys.length === 1 ? 'a field' : 'fields'} that this record does not have: ${issue.keys.join(', ')}`;
			case 'too_small':
				return issue.origin === 'string' && issue.minimum === 1
					? 'is required'
					: `must be at least ${String(issue.minimum)}${unit(issue.origin)}`;
			case 'too_big':
				return `must be at most ${String(issue.maximum)}${unit(issue.origin)}`;
			default:
				return undefined;
		}
	}
});

function article(expected: string): string {
	const names: Record<string, string> = {
		string: 'text',
		number: 'a number',
		int: 'a whole number',
		boolean: 'true or false',
		array: 'a list',
		object: 'a record'
	};
	return names[expected] ?? `a ${expected}`;
}

function unit(origin: string): string {
	if (origin === 'string') return ' characters';
	if (origin === 'array' || origin === 'set') return ' items';
	return '';
}

/** A refusal message for a wrong value that still says "is required" when there is none. */
export const unlessMissing =
	(message: string) =>
	(issue: { input?: unknown }): string =>
		issue.input === undefined ? 'is required' : message;

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
export const isoDateTime = z.iso.datetime({
	offset: true,
	error: unlessMissing('must be a date and time with a time zone')
});

/** A local time of day, `HH:MM`, 24-hour clock. */
export const timeOfDay = z
	.string()
	.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written as HH:MM (24-hour clock)');

/** Opaque identifiers: letters, digits, dashes and underscores, never a name. */
export const opaqueId = z
	.string()
	.regex(opaqueIdPattern, 'must be 4–64 letters, digits, dashes or underscores');

/** Free text a practitioner writes; bounded so one field cannot swallow a device's storage. */
export const text = (max = 20_000) =>
	z.string().max(max, `must be at most ${groupThousands(max)} characters`);

/**
 * A whole number written as en-GB writes it, "20,000". Not `toLocaleString`: schemas are built
 * as the app starts, and a first use of the browser's number formatting costs a slow device a
 * noticeable moment.
 */
export function groupThousands(whole: number): string {
	return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
export const shortText = text(200);

export const ragRating = z.enum(['red', 'amber', 'green']);
export type RagRating = z.infer<typeof ragRating>;

/** Who made a change and when: kept on every document part for audit and conflict display. */
export const authorship = z.object({
	by: opaqueId,
	at: isoDateTime
});
export type Authorship = z.infer<typeof authorship>;
