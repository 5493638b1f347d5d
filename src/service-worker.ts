/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The app shell offline. Workbox precaches every built file and static asset of this version,
 * plus the shell page (with ssr off, every route's HTML is the same shell), and answers every
 * navigation with that shell, so the app starts with no network. `/api` and `/db` are never
 * cached: the record lives in the device's own database, not in HTTP caches.
 */
import { build, files, version } from '$service-worker';
import { createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

const shell = '/';

precacheAndRoute([
	...build.map((url) => ({ url, revision: null })),
	...files.map((url) => ({ url, revision: version })),
	{ url: shell, revision: version }
]);

registerRoute(
	new NavigationRoute(createHandlerBoundToURL(shell), {
		denylist: [/^\/api\//, /^\/db\//]
	})
);

// A new version waits until the app says the person is ready ("Update now"), so nobody's
// typing is interrupted by a reload they did not ask for.
self.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
