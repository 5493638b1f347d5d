/** The changes feed's sequence tokens: read back as issued, and nothing read from a forgery. */
import { describe, expect, it } from 'vitest';
import { continueFrom, encodeSeq, encodeSnapshotSeq, parseSince } from './seq';

describe('the changes feed', () => {
	it('reads sequence tokens back, and ignores ones it did not issue', () => {
		expect(continueFrom(encodeSeq('fp', 42), 'fp')).toBe(42);
		expect(continueFrom(encodeSeq('fp', '12-g1AAAA'), 'fp')).toBe('12-g1AAAA');
		for (const bad of [undefined, 42, 'no-tilde', 'fp~x', 'fp~n12a', 'other~n3', 'fp~s', 'fp~p']) {
			expect(continueFrom(bad, 'fp')).toBe(0);
		}
		const mid = encodeSnapshotSeq('fp', { base: 9, range: 3, after: 'child:a:pep:b' });
		expect(parseSince(mid, 'fp')).toEqual({
			kind: 'snapshot',
			base: 9,
			range: 3,
			after: 'child:a:pep:b'
		});
		expect(parseSince(mid, 'other')).toEqual({ kind: 'seq', seq: 0 });
		const forged = `fp~p${Buffer.from('[1,-1,"x"]').toString('base64url')}`;
		expect(parseSince(forged, 'fp')).toEqual({ kind: 'seq', seq: 0 });
	});
});
