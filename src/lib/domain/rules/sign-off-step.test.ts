import { describe, expect, it } from 'vitest';
import { walsallIds, walsallPost16Case } from '../fixtures/walsall-post16';
import type { PepStatus } from '../schemas/pep';
import { planSignOff, type SignOffInput } from './sign-off-step';

const { summer } = walsallPost16Case().peps;
const at = '2024-05-20T10:00:00.000Z';

function input(who: SignOffInput['who'], status: PepStatus, change: Partial<SignOffInput> = {}) {
	const base: SignOffInput = structuredClone({
		who,
		person:
			who === 'social-worker'
				? { userId: walsallIds.socialWorker, role: 'social-worker' as const, name: 'Sam Patel' }
				: {
						userId: walsallIds.designatedTeacher,
						role: 'designated-teacher' as const,
						name: 'Alex Jones'
					},
		header: { ...summer.header, status, history: [] },
		a: { ...summer.a, signOff: null },
		b: { ...summer.b, signOff: null },
		targets: summer.targets,
		voice: summer.voice,
		nextPepDate: '2024-10-11',
		at,
		today: '2024-05-20'
	});
	return { ...base, ...change };
}

describe('signing off a section', () => {
	it('lets the social worker sign off a held meeting, with the next PEP date', () => {
		const plan = planSignOff(input('social-worker', 'meeting-held'));
		expect(plan.blockers).toEqual([]);
		expect(plan.signOff).toEqual({
			signedBy: walsallIds.socialWorker,
			signedByName: 'Sam Patel',
			signedAt: at,
			nextPepDate: '2024-10-11'
		});
		expect(plan.header.status).toBe('sw-signed');
		expect(plan.header.nextPepDate).toBe('2024-10-11');
		expect(plan.header.history).toEqual([{ status: 'sw-signed', at, by: walsallIds.socialWorker }]);
	});

	it('refuses the social worker without the next PEP date, and says why', () => {
		const plan = planSignOff(input('social-worker', 'meeting-held', { nextPepDate: undefined }));
		expect(plan.blockers.map((b) => b.message)).toEqual([
			'Enter the date of the next PEP meeting: sign-off is not possible without it.'
		]);
	});

	it('refuses the designated teacher until the social worker has signed', () => {
		const plan = planSignOff(input('designated-teacher', 'meeting-held'));
		expect(plan.blockers[0]?.message).toBe('The social worker signs off Section A first.');
		expect(planSignOff(input('designated-teacher', 'sw-signed')).blockers).toEqual([]);
	});

	it('lets the designated teacher sign off again after quality assurance returned it', () => {
		expect(planSignOff(input('designated-teacher', 'qa-returned')).blockers).toEqual([]);
	});

	it('says who may sign when someone else tries', () => {
		const plan = planSignOff(
			input('designated-teacher', 'sw-signed', {
				person: { userId: walsallIds.virtualSchool, role: 'virtual-school', name: 'Pat Lee' }
			})
		);
		expect(plan.blockers[0]?.message).toBe('Only a designated teacher can do this.');
	});

	it('names what is missing from the section itself', () => {
		const plan = planSignOff(input('designated-teacher', 'sw-signed', { b: null }));
		expect(plan.blockers.map((b) => b.message)).toEqual(['Section B has not been started.']);
		const noA = planSignOff(input('social-worker', 'meeting-held', { a: null }));
		expect(noA.blockers.map((b) => b.message)).toEqual(['Section A is not on this device yet.']);
	});
});
