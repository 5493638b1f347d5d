import { describe, expect, it } from 'vitest';
import { walsallPost16Case } from '../fixtures/walsall-post16';
import type { PepStatus } from '../schemas/pep';
import { nextStatuses, transitionBlockers, type TransitionContext } from './lifecycle';

const { summer } = walsallPost16Case().peps;

const at = (status: PepStatus, over: Partial<TransitionContext> = {}): TransitionContext => ({
	header: { status, meeting: summer.header.meeting },
	a: summer.a,
	b: summer.b,
	qa: summer.qa,
	today: '2024-05-20',
	...over
});

describe('the PEP lifecycle', () => {
	it('runs draft → meeting held → SW signed → DT signed → QA passed → shared', () => {
		const path: [PepStatus, PepStatus, Parameters<typeof transitionBlockers>[1]][] = [
			['draft', 'meeting-held', 'designated-teacher'],
			['meeting-held', 'sw-signed', 'social-worker'],
			['sw-signed', 'dt-signed', 'designated-teacher'],
			['dt-signed', 'qa-passed', 'virtual-school'],
			['qa-passed', 'shared', 'social-worker']
		];
		for (const [from, to, role] of path) expect(transitionBlockers(to, role, at(from))).toEqual([]);
		expect(nextStatuses('shared')).toEqual([]);
	});

	it('refuses a jump that skips a step', () => {
		expect(transitionBlockers('shared', 'designated-teacher', at('draft'))[0]?.message).toBe(
			'A PEP that is a draft cannot become shared.'
		);
	});

	it('refuses the wrong role, naming who can', () => {
		expect(
			transitionBlockers('sw-signed', 'designated-teacher', at('meeting-held'))[0]?.message
		).toBe('Only a social worker can do this.');
		expect(transitionBlockers('shared', 'carer', at('qa-passed'))[0]?.message).toBe(
			'Only a designated teacher or social worker can do this.'
		);
	});

	it('needs a meeting date that has come', () => {
		expect(
			transitionBlockers('meeting-held', 'social-worker', at('draft', { today: '2024-05-16' }))
		).toHaveLength(1);
	});

	it('needs each section signed before its status', () => {
		expect(
			transitionBlockers(
				'sw-signed',
				'social-worker',
				at('meeting-held', { a: { signOff: null } })
			)[0]?.part
		).toBe('a');
		expect(
			transitionBlockers('dt-signed', 'designated-teacher', at('sw-signed', { b: null }))[0]?.part
		).toBe('b');
	});

	it('returns a PEP needing development only with what to fix, and the DT signs again', () => {
		const returned = { outcome: 'returned' as const, feedback: '', fixes: [] };
		expect(
			transitionBlockers('qa-returned', 'virtual-school', at('dt-signed', { qa: returned }))
		).toEqual([{ part: 'qa', message: 'Say what needs to be improved before returning the PEP.' }]);
		expect(
			transitionBlockers(
				'qa-returned',
				'virtual-school',
				at('dt-signed', {
					qa: { ...returned, fixes: [{ part: 'targets', what: 'Make target 2 measurable' }] }
				})
			)
		).toEqual([]);
		expect(
			transitionBlockers('qa-passed', 'virtual-school', at('dt-signed', { qa: returned }))
		).toHaveLength(1);
		expect(transitionBlockers('dt-signed', 'designated-teacher', at('qa-returned'))).toEqual([]);
	});
});
