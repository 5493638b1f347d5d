/**
 * Every browser context the suite makes keeps the time of `testDay` (support/test-day.ts), the day
 * the server made its demo as of, so the app's "today" is the journeys' today on any real day.
 * The clock is Playwright's fake one, installed with time flowing from the start (`clock.install`:
 * timers fire, `Date.now` moves on), never a fixed time, which would stop anything that waits for
 * time to pass.
 */
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions
} from '@playwright/test';
import { todayInEngland } from '../../../src/lib/domain/calendar/today';
import { londonTime, testDay } from './test-day';

/**
 * When a context's clock starts: the real time on the real today (testDay at London's time of day
 * now), otherwise 10:00 in London on testDay, well clear of midnight on either side.
 */
export function testClockStart(now: Date = new Date()): Date {
	return todayInEngland(now) === testDay ? now : londonTime(testDay, 10);
}

/** Puts the context's clock, in every page it has and will have, on testDay. */
export async function installTestClock(context: BrowserContext): Promise<BrowserContext> {
	await context.clock.install({ time: testClockStart() });
	return context;
}

/** `browser.newContext`, with the clock on testDay before any page opens. */
export async function newContextAt(
	browser: Browser,
	options?: BrowserContextOptions
): Promise<BrowserContext> {
	return installTestClock(await browser.newContext(options));
}

/** `chromium.launchPersistentContext` (a browser profile on disk), with the clock on testDay. */
export async function launchPersistentContextAt(
	userDataDir: string,
	options?: Parameters<typeof chromium.launchPersistentContext>[1]
): Promise<BrowserContext> {
	return installTestClock(await chromium.launchPersistentContext(userDataDir, options));
}
