import { describe, expect, it } from 'vitest';
import type { PepHeader } from '$lib/domain/schemas/pep';
import { writesHere } from './part-page';

const header = { term: 'spring', schoolId: 'school-0001' } as PepHeader;

describe('opening a part for its page', () => {
	it('lets the Virtual School write Section B only for a child with no setting', () => {
		expect(writesHere('virtual-school', 'pep-b', header)).toBe(false);
		expect(writesHere('virtual-school', 'pep-b', { ...header, schoolId: null })).toBe(true);
		expect(writesHere('virtual-school', 'pep-targets', header)).toBe(true);
		expect(writesHere('designated-teacher', 'pep-b', header)).toBe(true);
	});
});
