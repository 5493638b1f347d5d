import { todayInEngland } from '$lib/domain/calendar/today';
import { generateDemo } from '$lib/domain/fixtures/demo';

/**
 * How many accounts the demo seed makes on a server started today: every person of the demo
 * authority and the demo administrator. Worked out from the same generator the server seeds from,
 * so the figure follows the demo instead of a number written into a test.
 */
export function demoAccountCount(today = todayInEngland()): number {
	return generateDemo(today).users.length + 1;
}
