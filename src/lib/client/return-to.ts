/**
 * Where to go after unlocking: back to the page that was open when the app locked, passed as
 * `?next=`. Only ever a path in this app, never another site.
 */
export function returnTo(next: string | null, home: string): string {
	return next && next.startsWith('/') && !next.startsWith('//') ? next : home;
}
