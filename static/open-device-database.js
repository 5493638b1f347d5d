/*
 * Opens the device's key database while the page is still starting, before the app's code has
 * loaded. On a cold start the browser takes a few hundred milliseconds to open a site's IndexedDB
 * from disk, and the app's first question (is there a passcode on this device?) waits for that:
 * started here, the opening overlaps the loading of the app's code, and the app's own read
 * (src/lib/client/security/device-key-lookup.ts) finds the database ready.
 *
 * Nothing is read or written. A database that does not exist yet is left uncreated (Dexie makes
 * it), and the connection is let go after a few seconds, or at once if Dexie upgrades or deletes
 * the database.
 */
(() => {
	if (!('indexedDB' in self)) return;
	const request = indexedDB.open('pep-device');
	request.onupgradeneeded = () => request.transaction?.abort();
	request.onerror = (event) => event.preventDefault();
	request.onsuccess = () => {
		const db = request.result;
		db.onversionchange = () => db.close();
		setTimeout(() => db.close(), 5000);
	};
})();
