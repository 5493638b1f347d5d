import { describe, expect, it } from 'vitest';
import type { PepHeader } from '../schemas/pep';
import { byUrgency, countByKind, nextStep, workFor } from './worklist';

const header = (overrides: Record<string, unknown> = {}) =>
	({
		status: 'draft',
		kind: 'school-age',
		dueBy: '2025-03-07',
		meeting: { plannedMinutes: 45, mode: 'in-person' },
		...overrides
	}) as Parameters<typeof nextStep>[0];

describe('the next step of a PEP', () => {
	it('asks for the meeting by its due date, and says when that has passed', () => {
		const before = nextStep(header(), '2025-03-01')!;
		expect(before).toMatchObject({ what: 'Hold the PEP meeting', overdue: false });
		expect(before.explanation).toBe('The PEP meeting is due by 7 March 2025.');
		expect(before.waitingOn).toContain('social-worker');

		const after = nextStep(header(), '2025-03-10')!;
		expect(after.overdue).toBe(true);
		expect(after.explanation).toBe(
			'The PEP meeting was due by 7 March 2025 and has not been recorded as held.'
		);
	});

	it('asks for the meeting to be recorded once its date has come', () => {
		const held = header({ meeting: { date: '2025-03-03', plannedMinutes: 45, mode: 'in-person' } });
		expect(nextStep(held, '2025-03-04')!.what).toBe('Record that the meeting was held');
	});

	it('gives the designated teacher five working days from the meeting to sign off', () => {
		const signed = header({
			status: 'sw-signed',
			meeting: { date: '2025-03-07', plannedMinutes: 45, mode: 'in-person' }
		});
		const onTime = nextStep(signed, '2025-03-14')!;
		expect(onTime).toMatchObject({
			what: 'Designated teacher sign-off',
			waitingOn: ['designated-teacher'],
			overdue: false
		});
		const late = nextStep(signed, '2025-03-17')!;
		expect(late.overdue).toBe(true);
		expect(late.explanation).toBe(
			'Designated teacher sign-off was due by 14 March 2025, 5 working days after the meeting on 7 March 2025.'
		);
	});

	it('needs the social worker to sign off before the designated teacher can', () => {
		const held = header({
			status: 'meeting-held',
			meeting: { date: '2025-03-07', plannedMinutes: 45, mode: 'in-person' }
		});
		const next = nextStep(held, '2025-03-10')!;
		expect(next.waitingOn).toEqual(['social-worker']);
		expect(next.deadline?.due).toBe('2025-03-14');
		expect(next.explanation).toMatch(/^Social worker sign-off is needed first\./);
	});

	it('gives the Virtual School 20 school days, or the Post-16 panel 3 weeks', () => {
		const meeting = { date: '2025-03-07', plannedMinutes: 45, mode: 'in-person' };
		const school = nextStep(header({ status: 'dt-signed', meeting }), '2025-03-10')!;
		expect(school.waitingOn).toEqual(['virtual-school']);
		expect(school.explanation).toMatch(/20 school days after the meeting/);
		const post16 = nextStep(
			header({ status: 'dt-signed', kind: 'post-16', meeting }),
			'2025-03-10'
		)!;
		expect(post16.deadline?.due).toBe('2025-03-28');
	});

	it('has no date for a returned PEP or one waiting to be shared, and says so', () => {
		const returned = nextStep(header({ status: 'qa-returned' }), '2025-03-10')!;
		expect(returned).toMatchObject({ deadline: null, overdue: false });
		expect(returned.explanation).toMatch(/needing development/);
		expect(nextStep(header({ status: 'qa-passed' }), '2025-03-10')!.what).toBe('Share the PEP');
	});

	it('after sharing, looks to the next PEP: the date set at the meeting, or the end of next term', () => {
		const meeting = { date: '2025-03-07', plannedMinutes: 45, mode: 'in-person' };
		const planned = nextStep(
			header({ status: 'shared', meeting, nextPepDate: '2025-06-20' }),
			'2025-06-23'
		)!;
		expect(planned).toMatchObject({ what: 'Start the next PEP', overdue: true });
		expect(planned.explanation).toMatch(/set for 20 June 2025/);
		const termly = nextStep(header({ status: 'shared', meeting }), '2025-04-01')!;
		expect(termly.explanation).toMatch(/^The next PEP is due by .* summer term/);
		expect(nextStep(header({ status: 'shared', meeting }), '2025-04-01', {}, false)).toBeNull();
	});

	it('puts overdue steps first, then the soonest, then those with no date', () => {
		const meeting = { date: '2025-03-07', plannedMinutes: 45, mode: 'in-person' };
		const steps = [
			nextStep(header({ status: 'qa-passed' }), '2025-03-20')!,
			nextStep(header({ status: 'dt-signed', meeting }), '2025-03-20')!,
			nextStep(header({ status: 'sw-signed', meeting }), '2025-03-20')!
		].sort(byUrgency);
		expect(steps.map((s) => s.what)).toEqual([
			'Designated teacher sign-off',
			'Virtual School quality assurance',
			'Share the PEP'
		]);
	});
});

describe('the next step of a PETP for a young person who is NEET', () => {
	const neet = (status: string) =>
		header({
			status,
			kind: 'post-16',
			chair: { role: 'social-worker' },
			meeting: { date: '2025-03-07', plannedMinutes: 45, mode: 'in-person' }
		});

	it('waits for the personal adviser after the social worker, by the panel’s date', () => {
		const next = nextStep(neet('sw-signed'), '2025-03-10')!;
		expect(next).toMatchObject({
			what: 'Personal adviser sign-off',
			waitingOn: ['personal-adviser']
		});
		expect(next.explanation).toMatch(
			/^The personal adviser returns the PETP to the Virtual School first\./
		);
		expect(next.deadline?.due).toBe(nextStep(neet('petp-completed'), '2025-03-10')!.deadline?.due);
	});

	it('goes to the Virtual School’s panel once the adviser has completed it', () => {
		expect(nextStep(neet('petp-completed'), '2025-03-10')).toMatchObject({
			what: 'Virtual School quality assurance',
			waitingOn: ['virtual-school']
		});
	});

	it('goes back to the adviser and social worker when returned', () => {
		expect(nextStep(neet('qa-returned'), '2025-03-10')!.waitingOn).toEqual([
			'personal-adviser',
			'social-worker'
		]);
	});

	it('keeps the designated teacher for a PETP chaired by them (in education or training)', () => {
		const eet = header({
			status: 'sw-signed',
			kind: 'post-16',
			chair: { role: 'designated-teacher' },
			meeting: { date: '2025-03-07', plannedMinutes: 45, mode: 'in-person' }
		});
		expect(nextStep(eet, '2025-03-10')!.waitingOn).toEqual(['designated-teacher']);
	});
});

describe('the work waiting for a person', () => {
	const meeting = (date: string) => ({ date, plannedMinutes: 45, mode: 'in-person' as const });
	const pep = (pepId: string, childId: string, overrides: Record<string, unknown>) =>
		({
			pepId,
			childId,
			status: 'draft',
			kind: 'school-age',
			dueBy: '2025-03-07',
			schoolId: 'school-1',
			meeting: { plannedMinutes: 45, mode: 'in-person' },
			...overrides
		}) as unknown as PepHeader;
	const today = '2025-03-20';
	// One child whose autumn PEP waits for quality assurance while the spring one is prepared;
	// another whose PEP was returned; a third with no setting; a fourth whose PEP was shared.
	const peps = [
		pep('signed', 'amy', { status: 'dt-signed', meeting: meeting('2025-03-03') }),
		pep('next', 'amy', { status: 'draft', dueBy: '2025-05-01' }),
		pep('returned', 'ben', { status: 'qa-returned', meeting: meeting('2025-02-10') }),
		pep('no-setting', 'cal', { status: 'draft', schoolId: null, dueBy: '2025-04-01' }),
		pep('old-shared', 'dee', { status: 'shared', meeting: meeting('2024-10-01') }),
		pep('new-shared', 'dee', { status: 'shared', meeting: meeting('2025-02-01') })
	];
	const ids = (role: Parameters<typeof workFor>[0]) =>
		workFor(role, peps, today).map((item) => item.pep.pepId);

	it('lists every PEP whose next step is theirs, not only each child’s latest', () => {
		expect(ids('virtual-school')).toContain('signed');
		expect(ids('designated-teacher')).toEqual(expect.arrayContaining(['returned', 'next']));
	});

	it('leaves the meetings of children with a setting to the school and the social worker', () => {
		expect(ids('virtual-school')).toEqual(['signed', 'no-setting']);
		expect(ids('designated-teacher')).not.toContain('no-setting');
		expect(ids('social-worker')).toEqual(expect.arrayContaining(['next', 'no-setting']));
	});

	it('asks for the next PEP only after the child’s latest shared one', () => {
		expect(ids('social-worker')).toContain('new-shared');
		expect(ids('social-worker')).not.toContain('old-shared');
	});

	it('puts the most urgent first, and counts each kind of step in the order of the cycle', () => {
		const work = workFor('designated-teacher', peps, today);
		expect(work.map((item) => item.step.overdue)).toEqual(
			[...work.map((item) => item.step.overdue)].sort((a, b) => Number(b) - Number(a))
		);
		expect(countByKind(work)).toEqual([
			{ kind: 'meeting', count: 1 },
			{ kind: 'changes', count: 1 },
			{ kind: 'next-pep', count: 1 }
		]);
	});
});
