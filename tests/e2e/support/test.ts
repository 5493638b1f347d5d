/**
 * The suite's `test`: Playwright's, with the clock of the `context` fixture (and so of `page`) on
 * testDay (support/clock.ts). Every spec imports `test` and `expect` from here.
 */
import { test as base, expect } from '@playwright/test';
import { installTestClock } from './clock';

export const test = base.extend({
	context: async ({ context }, use) => {
		await use(await installTestClock(context));
	}
});

export { expect };
