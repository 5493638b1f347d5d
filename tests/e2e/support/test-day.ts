/**
 * The day the browser suite runs as: England's today, unless `PEP_TEST_DAY` (YYYY-MM-DD) names
 * another. The server makes its demo as of this day (`PEP_DEMO_DAY`, set in playwright.config.ts),
 * every browser context's clock starts on it (support/clock.ts), and the journeys work out what
 * they expect from it, so the suite can be run on any day of the year, e.g.
 * `PEP_TEST_DAY=2028-02-29 npm run test:e2e`.
 */
import { todayInEngland } from '../../../src/lib/domain/calendar/today';
import { isoDate } from '../../../src/lib/domain/schemas/common';

function dayFromEnvironment(): string {
	const named = process.env.PEP_TEST_DAY;
	if (!named) return todayInEngland();
	// The server's own check (PEP_DEMO_DAY): `Date.parse` would take 2027-02-30 as 2 March.
	if (!isoDate.safeParse(named).success) {
		throw new Error(`PEP_TEST_DAY must be a real date as YYYY-MM-DD, not "${named}".`);
	}
	return named;
}

export const testDay: string = dayFromEnvironment();

/** The calendar day `days` after `day` (before it, when negative), as YYYY-MM-DD. */
export function dayAfter(day: string, days: number): string {
	const [year, month, date] = day.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** The instant it is `hour`:`minute` in London (GMT or BST, as it is then) on `day`. */
export function londonTime(day: string, hour: number, minute = 0): Date {
	const [year, month, date] = day.split('-').map(Number) as [number, number, number];
	const asIfUtc = Date.UTC(year, month - 1, date, hour, minute);
	// London's clocks change at 01:00 UTC, so the offset at this instant is the offset that day.
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/London',
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit'
		})
			.formatToParts(new Date(asIfUtc))
			.map((part) => [part.type, Number(part.value)])
	) as Record<'year' | 'month' | 'day' | 'hour' | 'minute', number>;
	const wallClock = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
	return new Date(asIfUtc - (wallClock - asIfUtc));
}
