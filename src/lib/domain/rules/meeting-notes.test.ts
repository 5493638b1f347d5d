import { describe, expect, it } from 'vitest';
import { attendedAfterTick, supporterViewOf, withSupporterView } from './meeting-notes';

describe('notes from meeting mode on the meeting page', () => {
	const views = [
		{ name: 'Sam Green', role: 'Carer', views: 'Settled at home.' },
		{ name: 'Mr Lee', role: 'Designated teacher', views: '' }
	];

	it('finds a supporter’s views by name and role, whatever the case or spacing', () => {
		expect(supporterViewOf(views, { name: 'sam green ', role: 'carer' })).toBe('Settled at home.');
		expect(supporterViewOf(views, { name: 'Jo Green', role: 'Carer' })).toBe('');
	});

	it('changes that supporter’s entry, or adds one, keeping the others as they are', () => {
		const changed = withSupporterView(
			views,
			{ name: 'Mr Lee', role: 'Designated teacher' },
			'Maths is improving.'
		);
		expect(changed).toEqual([
			views[0],
			{ name: 'Mr Lee', role: 'Designated teacher', views: 'Maths is improving.' }
		]);
		const added = withSupporterView(views, { name: 'Jo Green', role: 'Carer' }, 'Likes art.');
		expect(added).toHaveLength(3);
		expect(added[2]).toEqual({ name: 'Jo Green', role: 'Carer', views: 'Likes art.' });
		expect(views).toHaveLength(2);
	});

	it('keeps "did the young person attend?" in step with the attendance sheet', () => {
		expect(attendedAfterTick(undefined, true)).toBe('yes');
		expect(attendedAfterTick('no', true)).toBe('yes');
		expect(attendedAfterTick('part', true)).toBe('part');
		expect(attendedAfterTick('yes', false)).toBe('no');
		expect(attendedAfterTick('part', false)).toBe('part');
		expect(attendedAfterTick(undefined, false)).toBeUndefined();
	});
});
