/**
 * Today's date in England. Deadlines are counted in English days, and the server (the demo's
 * "as of" day) and the app (every deadline on screen) must agree on which day it is.
 */
import type { IsoDate } from '../schemas/common';

/**
 * Made once: the first formatter for a time zone loads the browser's time-zone data, which takes
 * a slow tablet about 90 ms (the home screen's largest single cost after unlocking, before this
 * was kept and made while the passcode is typed: see `client/home-screen.ts`).
 */
let englishDates: Intl.DateTimeFormat | null = null;

/** Today's date in England, as YYYY-MM-DD. */
export function todayInEngland(now: Date = new Date()): IsoDate {
	englishDates ??= new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/London',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	});
	return englishDates.format(now) as IsoDate;
}

/**
 * This moment, as an ISO date and time: the time stamped on a decision or a sign-off. The same
 * clock as `todayInEngland`'s default, which the browser tests set.
 */
export function nowIso(): string {
	return new Date().toISOString();
}
