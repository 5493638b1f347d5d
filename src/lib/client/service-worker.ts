/**
 * Registers the service worker through workbox-window, which tells us when a new version is
 * waiting, so the app can offer "Update now" at a moment that loses nothing.
 */
import { Workbox } from 'workbox-window';

export interface ServiceWorkerControl {
	/** Called when a new version has installed and is waiting to take over. */
	onUpdateWaiting(listener: () => void): void;
	/** Activates the waiting version and reloads into it. */
	applyUpdate(): void;
}

export function registerServiceWorker(): ServiceWorkerControl | null {
	if (!('serviceWorker' in navigator)) return null;
	const workbox = new Workbox('/service-worker.js', {
		type: import.meta.env.DEV ? 'module' : 'classic'
	});
	const listeners: (() => void)[] = [];
	workbox.addEventListener('waiting', () => listeners.forEach((l) => l()));
	workbox.addEventListener('controlling', () => window.location.reload());
	void workbox.register();
	lookForUpdates(() => workbox.update());
	return {
		onUpdateWaiting: (listener) => listeners.push(listener),
		applyUpdate: () => workbox.messageSkipWaiting()
	};
}

/** How often an app left open looks for a new version. */
const updateCheckMs = 60 * 60 * 1000;

/**
 * The browser looks for a new service worker when a page is opened, but this app is one page that
 * can stay open for days on a tablet. So look again whenever the connection comes back or the app
 * comes back into view, and every hour.
 */
function lookForUpdates(update: () => Promise<unknown>) {
	const check = () => {
		// Offline, or the server is unreachable: the next chance will do.
		if (navigator.onLine) update().catch(() => undefined);
	};
	window.addEventListener('online', check);
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') check();
	});
	setInterval(check, updateCheckMs);
}
