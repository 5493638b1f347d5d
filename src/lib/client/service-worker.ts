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
	let reloading = false;
	const reloadOnce = () => {
		if (reloading) return;
		reloading = true;
		window.location.reload();
	};
	workbox.addEventListener('waiting', () => listeners.forEach((l) => l()));
	workbox.addEventListener('controlling', reloadOnce);
	void workbox.register();
	lookForUpdates(() => workbox.update());
	return {
		onUpdateWaiting: (listener) => listeners.push(listener),
		applyUpdate: () => {
			navigator.serviceWorker.addEventListener('controllerchange', reloadOnce);
			// Workbox tells the waiting version only if its own registration object has it; the
			// browser's registration is asked too, and the page reloads on whichever signal comes.
			const askToTakeOver = () => {
				workbox.messageSkipWaiting();
				void navigator.serviceWorker
					.getRegistration()
					.then((registration) => registration?.waiting?.postMessage({ type: 'SKIP_WAITING' }))
					.catch(() => undefined);
			};
			askToTakeOver();
			// The page stops its own requests first (`stopSyncForUpdate`): in Chromium, requests
			// through the old worker can leave the new one waiting. Asked again until it takes over.
			const again = setInterval(() => {
				if (reloading) clearInterval(again);
				else askToTakeOver();
			}, 2_000);
		}
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
