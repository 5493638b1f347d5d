import { describe, expect, it } from 'vitest';
import { JsonTooDeep, parseShallowJson } from './json-depth';

describe('JSON from outside', () => {
	it('is parsed as usual when it is shallow, brackets inside strings and escapes included', () => {
		const value = { a: [1, { b: 'not [ a { bracket' }], c: 'a quote \\" then [[[[' };
		expect(parseShallowJson(JSON.stringify(value), 3)).toEqual(value);
	});

	it('is refused before parsing when nested deeper than the limit', () => {
		expect(() => parseShallowJson('['.repeat(5_000) + ']'.repeat(5_000))).toThrow(JsonTooDeep);
		expect(() => parseShallowJson('{"a":'.repeat(65) + '1' + '}'.repeat(65))).toThrow(
			'more than 64 levels'
		);
		expect(parseShallowJson('{"a":'.repeat(64) + '1' + '}'.repeat(64))).toBeTruthy();
	});

	it('still refuses text that is not JSON', () => {
		expect(() => parseShallowJson('{"a": }')).toThrow(SyntaxError);
	});
});
