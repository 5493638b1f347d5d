import { describe, expect, it } from 'vitest';
import { previousPep } from './previous-pep';

const pep = (pepId: string, dueBy: string, date?: string) => ({
	pepId,
	dueBy,
	meeting: date ? { date } : {}
});

describe('the previous PEP', () => {
	const peps = [
		pep('summer', '2027-06-30', '2027-06-10'),
		pep('autumn', '2026-10-31', '2026-10-05'),
		pep('spring', '2027-03-31'),
		pep('autumn-next', '2027-10-31')
	];

	it('is the one held or due last before this one', () => {
		expect(previousPep(peps, 'summer')?.pepId).toBe('spring');
		expect(previousPep(peps, 'spring')?.pepId).toBe('autumn');
		expect(previousPep(peps, 'autumn-next')?.pepId).toBe('summer');
	});

	it('is none for a first PEP, or a PEP not in the list', () => {
		expect(previousPep(peps, 'autumn')).toBeNull();
		expect(previousPep(peps, 'unknown')).toBeNull();
	});
});
