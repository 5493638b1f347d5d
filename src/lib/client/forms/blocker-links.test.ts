import { describe, expect, it } from 'vitest';
import { partPageFor } from './blocker-links';
import { partSpecs } from './pep-parts';

describe('where a reason not to sign off can be put right', () => {
	it('names a part page that exists for each part the rules speak of', () => {
		for (const part of ['progress', 'subjects', 'targets', 'personalCare', 'neet-options']) {
			const slug = partPageFor({ part });
			expect(slug, part).not.toBeNull();
			expect(partSpecs.some((spec) => spec.slug === slug)).toBe(true);
		}
	});

	it('names no page for what is not a part (the status, the date on the sign-off page)', () => {
		expect(partPageFor({ part: 'status' })).toBeNull();
		expect(partPageFor({ part: 'voice' })).toBeNull();
	});
});
