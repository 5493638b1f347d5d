import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { groupThousands, text } from './common';

describe('groupThousands', () => {
	it('writes whole numbers as en-GB does', () => {
		for (const n of [0, 7, 200, 999, 1_000, 5_000, 20_000, 123_456, 1_000_000, 98_765_432]) {
			expect(groupThousands(n)).toBe(n.toLocaleString('en-GB'));
		}
	});

	it('names the limit in a refusal of text that is too long', () => {
		const result = text(2_000).safeParse('x'.repeat(2_001));
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.message).toBe('must be at most 2,000 characters');
	});
});

describe('a choice refused', () => {
	const progress = z.strictObject({ progress: z.enum(['expected', 'less-than-expected']) });

	it('that was never made says it must be chosen, not the codes the record keeps', () => {
		const result = progress.safeParse({});
		expect(result.error!.issues[0]!.message).toBe('must be chosen');
	});

	it('that is not one of the options names them (for a request, not a screen)', () => {
		const result = progress.safeParse({ progress: 'great' });
		expect(result.error!.issues[0]!.message).toBe('must be one of: expected, less-than-expected');
	});
});
