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
	return {
		onUpdateWaiting: (listener) => listeners.push(listener),
		applyUpdate: () => workbox.messageSkipWaiting()
	};
}
