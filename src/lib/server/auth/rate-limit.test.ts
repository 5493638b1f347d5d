import { describe, expect, it } from 'vitest';
import { limits, waitAfter } from './rate-limit';

const minute = 60_000;

describe('waiting after failures', () => {
	it('locks a count until the first of the failures that filled it is a window old', () => {
		const failures = [0, 1, 2, 3].map((i) => i * minute);
		expect(waitAfter(failures, 'account-address', 4 * minute)).toBe(0);
		const full = [...failures, 4 * minute];
		expect(waitAfter(full, 'account-address', 4 * minute)).toBe(11 * 60);
		expect(waitAfter(full, 'account-address', 10 * minute)).toBe(5 * 60);
	});

	it('slows a shared count: a second after the allowance, doubling, never past the window', () => {
		const { failures: allowance } = limits.account;
		const at = (count: number) => Array.from({ length: count }, (_, i) => i);
		const last = (count: number) => count - 1;
		expect(waitAfter(at(allowance - 1), 'account', last(allowance - 1))).toBe(0);
		expect(waitAfter(at(allowance), 'account', last(allowance))).toBe(1);
		expect(waitAfter(at(allowance + 3), 'account', last(allowance + 3))).toBe(8);
		expect(waitAfter(at(allowance + 40), 'account', last(allowance + 40))).toBe(15 * 60);
		// Once the wait has passed, the next try is allowed.
		expect(waitAfter(at(allowance + 3), 'account', last(allowance + 3) + 8_000)).toBe(0);
	});
});
