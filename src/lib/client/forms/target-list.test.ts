import { describe, expect, it } from 'vitest';
import type { Target } from '$lib/domain/schemas/targets';
import { carryForward, describeTargetError, newTarget } from './target-list';

const reading: Target = {
	targetId: 'target-reading',
	horizon: 'short',
	area: 'academic',
	text: 'You will read for 20 minutes five evenings a week until half term',
	successMeasure: 'Reading log',
	owner: 'Carer',
	actionsForAdults: [],
	setOn: '2026-09-20',
	status: 'open',
	reviews: []
};

describe('SMART targets being written', () => {
	it('starts a new target as an open short-term one set on the meeting date', () => {
		expect(newTarget('2026-11-23')).toMatchObject({
			setOn: '2026-11-23',
			status: 'open',
			horizon: 'short',
			text: ''
		});
	});

	it('carries a target of the last PEP forward with a review of it at this one', () => {
		const carried = carryForward(reading, 'pep-last', 'pep-this', '2026-11-23');
		expect(carried.targetId).toBe(reading.targetId);
		expect(carried.carriedFromPepId).toBe('pep-last');
		expect(carried.reviews).toEqual([{ reviewedOn: '2026-11-23', pepId: 'pep-this', notes: '' }]);
	});

	it('names the target and the field in a schema’s refusal', () => {
		expect(
			describeTargetError([newTarget('2026-11-23')], {
				field: 'targets.0.reviews.0.progress',
				message: 'is required'
			})
		).toEqual({
			path: 'targets.0.reviews.0.progress',
			message: 'Target 1 review: progress is required'
		});
		expect(
			describeTargetError([], { field: 'targets.0.text', message: 'is required' }).message
		).toBe('Targets: the target is required');
	});
});
