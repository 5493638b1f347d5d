import { describe, expect, it } from 'vitest';
import type { PepStatus, TermName } from '../schemas/pep';
import { isOpen, openPepForTerm } from './open-pep';

const pep = (
	pepId: string,
	status: PepStatus,
	term: TermName,
	academicYear: number,
	dueBy: string,
	date?: string
) => ({ pepId, status, term, academicYear, dueBy, meeting: date ? { date } : {} });

const spring2026 = { academicYear: 2026, term: 'spring' } as const;

describe('the PEP still open for the term a new one is for', () => {
	it('is found when one for the same term is being prepared', () => {
		const draft = pep('draft', 'draft', 'spring', 2026, '2027-03-26', '2027-03-10');
		expect(openPepForTerm([draft], spring2026)).toBe(draft);
	});

	it('is found at every step before it is shared', () => {
		for (const status of [
			'meeting-held',
			'sw-signed',
			'dt-signed',
			'petp-completed',
			'qa-returned',
			'qa-passed'
		] as const) {
			const held = pep('held', status, 'spring', 2026, '2027-03-26', '2027-02-10');
			expect(openPepForTerm([held], spring2026)?.pepId).toBe('held');
			expect(isOpen(status)).toBe(true);
		}
	});

	it('is none when the PEP for that term has been shared', () => {
		const shared = pep('shared', 'shared', 'spring', 2026, '2027-03-26', '2027-02-10');
		expect(isOpen('shared')).toBe(false);
		expect(openPepForTerm([shared], spring2026)).toBeNull();
	});

	it('is none when the open PEP is for another term or another year', () => {
		const peps = [
			pep('autumn', 'draft', 'autumn', 2026, '2026-12-18'),
			pep('summer', 'meeting-held', 'summer', 2026, '2027-07-21', '2027-06-10'),
			pep('last-year', 'draft', 'spring', 2025, '2026-03-27')
		];
		expect(openPepForTerm(peps, spring2026)).toBeNull();
	});

	it('is none for a child with no PEPs', () => {
		expect(openPepForTerm([], spring2026)).toBeNull();
	});

	it('is the latest when several are open for the term, by meeting or else due date', () => {
		const peps = [
			pep('first', 'meeting-held', 'spring', 2026, '2027-03-26', '2027-01-20'),
			pep('latest', 'draft', 'spring', 2026, '2027-03-26', '2027-03-12'),
			pep('undated', 'draft', 'spring', 2026, '2027-02-26'),
			pep('shared-later', 'shared', 'spring', 2026, '2027-03-26', '2027-03-20')
		];
		expect(openPepForTerm(peps, spring2026)?.pepId).toBe('latest');
		expect(openPepForTerm(peps.slice(0, 1).concat(peps[2]!), spring2026)?.pepId).toBe('undated');
	});
});
