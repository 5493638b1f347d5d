import { describe, expect, it } from 'vitest';
import { penceFromPounds, poundsFromPence } from './money';

describe('money', () => {
	it('reads pounds as people type them', () => {
		expect(penceFromPounds('150')).toEqual({ ok: true, pence: 15_000 });
		expect(penceFromPounds('£150.5')).toEqual({ ok: true, pence: 15_050 });
		expect(penceFromPounds(' 1,200.05 ')).toEqual({ ok: true, pence: 120_005 });
		expect(penceFromPounds('0.99')).toEqual({ ok: true, pence: 99 });
	});

	it('says what to write when it cannot read the amount', () => {
		for (const typed of ['', 'lots', '12.345', '-5', '1,20']) {
			expect(penceFromPounds(typed).ok).toBe(false);
		}
	});

	it('writes pence as pounds', () => {
		expect(poundsFromPence(15_000)).toBe('£150.00');
		expect(poundsFromPence(123_456)).toBe('£1,234.56');
	});
});
