import { browser } from '$app/environment';
import { redirect } from '@sveltejs/kit';
import { gateAddress } from '$lib/client/gates';
import type { LayoutLoad } from './$types';

// The app renders on the client only, so its shell can start from the service worker cache
// with no network. Server routes (+server.ts) still run on the server.
export const ssr = false;
export const prerender = false;

export const load: LayoutLoad = async ({ url }) => {
	if (!browser) return;
	// Where the person starts (signing in, setting a passcode or unlocking) is found out while the
	// first screen is being drawn, not after it: the layout's own module is loaded by now.
	const { appSession } = await import('$lib/client/app-session.svelte');
	const firstStart = !appSession.ready;
	const starting = appSession.start();
	// Offline, starting asks only the device, in a moment: the first load waits for it, so an app
	// opened while locked goes straight to the unlock page, rather than first making the page that
	// was asked for and then leaving it (which a slow tablet feels). Online, the server is asked,
	// and nothing waits on the network; the layout sends the person on once it has answered.
	if (!firstStart || navigator.onLine) return;
	await starting;
	const target = gateAddress(appSession.phase, url);
	if (target) redirect(307, target);
};
