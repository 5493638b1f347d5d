import { describe, expect, it } from 'vitest';
import { pepKindFor, planPep } from './new-pep';

const child = {
	yearGroup: 'Y8' as const,
	dateIntoCare: '2025-09-08',
	placement: {
		type: 'foster-care' as const,
		startDate: '2025-09-08',
		emergency: false,
		outOfAuthority: false,
		carers: []
	},
	setting: { kind: 'school' as const, name: 'Oak Academy', startDate: '2025-11-03' }
};
const meeting = (date: string) => ({ date, plannedMinutes: 45, mode: 'in-person' as const });

describe('starting a PEP', () => {
	it('chooses the kind of PEP from the year group', () => {
		expect(pepKindFor({ yearGroup: 'reception' })).toBe('early-years');
		expect(pepKindFor({ yearGroup: 'Y11' })).toBe('school-age');
		expect(pepKindFor({ yearGroup: 'Y12' })).toBe('post-16');
	});

	it('sets an initial PEP 20 school days after entering care, 10 in an emergency', () => {
		const planned = planPep(child, 'initial', [], '2025-09-10');
		expect(planned).toMatchObject({
			ok: true,
			plan: { kind: 'school-age', term: 'autumn', academicYear: 2025 }
		});
		const emergency = planPep(
			{ ...child, placement: { ...child.placement, emergency: true } },
			'initial',
			[],
			'2025-09-10'
		);
		if (!planned.ok || !emergency.ok) throw new Error('expected plans');
		expect(emergency.plan.dueBy < planned.plan.dueBy).toBe(true);
		expect(planned.plan.rule).toMatch(/20 school days after entering care on 8 September 2025/);
	});

	it('sets a new-setting PEP from the start date, and asks for the date when it is missing', () => {
		const result = planPep(child, 'new-setting', [], '2025-11-04');
		expect(result.ok && result.plan.rule).toMatch(/starting at the new setting on 3 November 2025/);
		const missing = planPep(
			{ ...child, setting: { kind: 'school', name: 'Oak Academy' } },
			'new-setting',
			[],
			'2025-11-04'
		);
		expect(missing).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/started at their new setting/)
		});
	});

	it('sets a review by the date agreed at the last meeting, or the end of the next term', () => {
		const agreed = planPep(
			child,
			'review',
			[{ meeting: meeting('2025-10-01'), status: 'shared', nextPepDate: '2026-02-04' }],
			'2025-12-01'
		);
		expect(agreed).toMatchObject({
			ok: true,
			plan: { dueBy: '2026-02-04', term: 'spring', academicYear: 2025 }
		});
		const termly = planPep(
			child,
			'review',
			[{ meeting: meeting('2025-10-01'), status: 'shared' }],
			'2025-12-01'
		);
		expect(termly.ok && termly.plan.rule).toMatch(/spring term/);
		expect(planPep(child, 'review', [], '2025-12-01')).toMatchObject({ ok: false });
	});
});
