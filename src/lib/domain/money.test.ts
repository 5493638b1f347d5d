import { describe, expect, it } from 'vitest';
import {
	amountAsTyped,
	amountProblem,
	draftPence,
	penceFromPounds,
	poundsFromPence
} from './money';

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

describe('an amount field', () => {
	it('drafts pence once the typing reads as money, keeps it as typed until then, and nothing when empty', () => {
		expect(draftPence('150.5')).toBe(15_050);
		expect(draftPence('four hundred')).toBe('four hundred');
		expect(draftPence('  ')).toBeUndefined();
	});

	it('shows pounds without the sign, or the text kept', () => {
		expect(amountAsTyped(15_050)).toBe('150.50');
		expect(amountAsTyped('four hundred')).toBe('four hundred');
		expect(amountAsTyped(undefined)).toBe('');
	});

	it('says why typing is not money, and nothing for money or an empty field', () => {
		expect(amountProblem('four hundred')).toMatch(/must be an amount in pounds and pence/);
		expect(amountProblem('450')).toBeNull();
		expect(amountProblem('')).toBeNull();
		expect(amountProblem(undefined)).toBeNull();
	});
});
