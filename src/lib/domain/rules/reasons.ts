/**
 * What a rule says when something stands in the way: which part or field, and why, in words a
 * practitioner can act on. Screens show `message` beside `field` and in the error summary.
 */
export interface Blocker {
	/** Where to go to fix it: a part of the PEP and, when there is one, the field. */
	part: string;
	field?: string;
	message: string;
}
