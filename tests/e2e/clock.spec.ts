/**
 * The browsers' clocks are on the suite's day (support/clock.ts), the day the server made its demo
 * as of: what the app calls today is testDay, on any real day, and its time still moves on.
 */
import { newContextAt } from './support/clock';
import { signIn } from './support/session';
import { expect, test } from './support/test';
import { testDay } from './support/test-day';
import type { Page } from '@playwright/test';

/** Today in England, as the app reckons it (`todayInEngland`). */
function appToday(page: Page): Promise<string> {
	return page.evaluate(() =>
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())
	);
}

/** How long the page's clock says a 300 ms timer took: the timer fires, and time moves on. */
function timedWait(page: Page): Promise<number> {
	return page.evaluate(async () => {
		const from = Date.now();
		await new Promise((resolve) => setTimeout(resolve, 300));
		return Date.now() - from;
	});
}

test('signed in, the app’s today is the suite’s day, and its clock runs', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	await signIn(page, 'carer@example.org');
	expect(await appToday(page)).toBe(testDay);
	expect(await timedWait(page)).toBeGreaterThanOrEqual(300);

	// A context of a test's own is on the same day.
	const other = await newContextAt(browser);
	const otherPage = await other.newPage();
	await otherPage.goto('/sign-in');
	expect(await appToday(otherPage)).toBe(testDay);
	await other.close();
});
