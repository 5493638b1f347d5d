/**
 * Where the app's phase sends a person: the sign-in, passcode and unlock pages (the gates) until
 * they are unlocked, and back from a gate to the page they were on once they are. Asked by the
 * layout whenever the phase or the page changes, and by its load on an offline start.
 */
import { resolve } from '$app/paths';
import type { Phase } from './app-session.svelte';
import { returnTo } from './return-to';

export const gatePaths: string[] = [resolve('/sign-in'), resolve('/passcode'), resolve('/unlock')];

/** The gate page the person must go to first, if they are not on it. */
export function gatePage(phase: Phase, url: URL): string | null {
	const at = url.pathname;
	// Someone with an invitation code joins without signing in.
	if (phase === 'signed-out' && at === resolve('/join')) return null;
	const only = {
		starting: null,
		'signed-out': resolve('/sign-in'),
		'set-passcode': resolve('/passcode'),
		locked: resolve('/unlock'),
		unlocked: null
	}[phase];
	if (only) return at === only ? null : only;
	if (phase !== 'unlocked' || !gatePaths.includes(at)) return null;
	// The same place the unlock page goes to, whichever of the two navigates first.
	return returnTo(url.searchParams.get('next'), resolve('/'));
}

/** Where to go from `url` in this phase, as an address, or null to stay. */
export function gateAddress(phase: Phase, url: URL): string | null {
	const target = gatePage(phase, url);
	if (!target) return null;
	// Unlocking returns to the page that was open, as the lock screen only covers it.
	const back = `${url.pathname}${url.search}`;
	const next =
		target === resolve('/unlock') && back !== resolve('/')
			? `?next=${encodeURIComponent(back)}`
			: '';
	return `${target}${next}`;
}
