/**
 * The home screen's code: the caseload, its rules and schemas, dates. The app usually opens at
 * `/` while locked, and a page's code is loaded and run before the layout knows that, so the
 * route itself (src/routes/+page.svelte) is kept small and this is loaded only once it is
 * needed: after unlocking, or while the passcode is typed (src/routes/unlock/+page.svelte).
 */
import type HomeScreen from '$lib/components/home/HomeScreen.svelte';

let loading: Promise<typeof HomeScreen> | null = null;

export function loadHomeScreen(): Promise<typeof HomeScreen> {
	loading ??= import('$lib/components/home/HomeScreen.svelte').then(
		async (module) => {
			// The screen counts deadlines from today's English date; working out the first one
			// loads the browser's time-zone data, so that is done now rather than once unlocked.
			(await import('$lib/client/queries')).todayInEngland();
			return module.default;
		},
		(error: unknown) => {
			// Not remembered, so a later call tries again.
			loading = null;
			throw error;
		}
	);
	return loading;
}
