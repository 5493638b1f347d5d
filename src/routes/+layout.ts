import { browser } from '$app/environment';
import type { LayoutLoad } from './$types';

// The app renders on the client only, so its shell can start from the service worker cache
// with no network. Server routes (+server.ts) still run on the server.
export const ssr = false;
export const prerender = false;

export const load: LayoutLoad = async () => {
	// Where the person starts (signing in, setting a passcode or unlocking) is found out while the
	// first screen is being drawn, not after it: the layout's own module is loaded by now.
	if (browser) void (await import('$lib/client/app-session.svelte')).appSession.start();
};
