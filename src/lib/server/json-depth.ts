/**
 * JSON from outside, parsed only once its nesting is known to be shallow. Every check after
 * parsing walks the value recursively (schemas, size checks, merges), so a body of a few
 * kilobytes nested thousands deep would exhaust the stack there; it is refused here instead, in
 * one pass over the text that recurses into nothing.
 */

/** Far deeper than any document the product writes (a PEP part is under ten levels). */
export const maxJsonDepth = 64;

export class JsonTooDeep extends Error {
	/** What is wrong, to follow "The request body is" or a parameter's name. */
	readonly detail: string;

	constructor(readonly limit: number) {
		super(`The JSON is nested more than ${limit} levels deep.`);
		this.detail = `nested more than ${limit} levels deep`;
	}
}

/** Parses `text` as JSON; throws `JsonTooDeep`, or a `SyntaxError` for text that is not JSON. */
export function parseShallowJson(text: string, limit = maxJsonDepth): unknown {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c)
				i++; // a backslash: the next character is escaped
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) {
			if (++depth > limit) throw new JsonTooDeep(limit);
		} else if (c === 0x5d || c === 0x7d) depth--;
	}
	return JSON.parse(text);
}
