import { describe, expect, it } from 'vitest';
import { walsallPost16Case } from '../fixtures/walsall-post16';
import type { PepStatus } from '../schemas/pep';
import { nextStatuses, transitionBlockers, type TransitionContext } from './lifecycle';

const { summer } = walsallPost16Case().peps;

const at = (status: PepStatus, over: Partial<TransitionContext> = {}): TransitionContext => ({
	header: { status, meeting: summer.header.meeting, kind: summer.header.kind },
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
		expect(nextStatuses('shared', 'post-16')).toEqual([]);
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

	describe('a post-16 PETP completed by the personal adviser', () => {
		const petpSigned = {
			signOff: {
				signedBy: 'pa-1',
				signedByName: 'Pat Adviser',
				signedAt: '2024-05-21T10:00:00Z',
				nextPepDate: '2024-10-01'
			}
		};

		it('runs SW signed → completed by the personal adviser → QA passed', () => {
			expect(
				transitionBlockers(
					'petp-completed',
					'personal-adviser',
					at('sw-signed', { petp: petpSigned })
				)
			).toEqual([]);
			expect(transitionBlockers('qa-passed', 'virtual-school', at('petp-completed'))).toEqual([]);
		});

		it('needs the PETP signed first', () => {
			expect(
				transitionBlockers('petp-completed', 'personal-adviser', at('sw-signed', { petp: null }))
			).toEqual([{ part: 'petp', message: 'The personal adviser signs off the PETP first.' }]);
		});

		it('comes back to the personal adviser after being returned', () => {
			expect(
				transitionBlockers(
					'petp-completed',
					'personal-adviser',
					at('qa-returned', { petp: petpSigned })
				)
			).toEqual([]);
		});

		it('is not a step of a PEP for a child of school age', () => {
			const schoolAge = at('sw-signed', { petp: petpSigned });
			schoolAge.header = { ...schoolAge.header, kind: 'school-age' };
			expect(transitionBlockers('petp-completed', 'personal-adviser', schoolAge)[0]?.message).toBe(
				'A PEP that is signed by the social worker cannot become completed by the personal adviser.'
			);
			expect(nextStatuses('sw-signed', 'school-age').map((t) => t.to)).toEqual(['dt-signed']);
		});

		it('lets only the personal adviser complete it', () => {
			expect(
				transitionBlockers('petp-completed', 'designated-teacher', at('sw-signed'))[0]?.message
			).toBe('Only a personal adviser can do this.');
		});
	});
});
