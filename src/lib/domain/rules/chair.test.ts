import { describe, expect, it } from 'vitest';
import { chairFor } from './chair';

describe('who chairs the meeting', () => {
	it('post-16 and in education: the designated teacher or tutor', () => {
		expect(
			chairFor('post-16', { eetStatus: 'education', setting: { kind: 'college' } })
		).toMatchObject({
			role: 'designated-teacher'
		});
	});

	it('post-16 and NEET: the social worker, and says why', () => {
		const decision = chairFor('post-16', { eetStatus: 'neet', setting: { kind: 'none' } });
		expect(decision.role).toBe('social-worker');
		expect(decision.reason).toMatch(/not in education, employment or training/);
	});

	it('post-16 with no setting recorded counts as NEET', () => {
		expect(chairFor('post-16', { setting: { kind: 'none' } }).role).toBe('social-worker');
	});

	it('school age with no school place: the Virtual School link', () => {
		expect(chairFor('school-age', { setting: { kind: 'none' } }).role).toBe('virtual-school');
	});

	it('school age or early years in a setting: the designated teacher', () => {
		expect(chairFor('school-age', { setting: { kind: 'school' } }).role).toBe('designated-teacher');
		expect(chairFor('early-years', { setting: { kind: 'school' } }).role).toBe(
			'designated-teacher'
		);
	});
});
