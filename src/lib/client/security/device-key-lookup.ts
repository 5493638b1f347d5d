/**
 * Reading this person's wrapped key from the device's `pep-device` database, as the gate screens
 * need at every start, without the libraries that write it (`device-keys.ts`: Dexie, and zod to
 * check what is written): the passcode screen appears before those have loaded. Only reads; a
 * database that does not exist yet is not created here.
 */
import { currentVersion, type WrappedKey } from './passcode-key';

export const deviceDatabaseName = 'pep-device';
export const keysStoreName = 'keys';

/** One person's key on this device; `deviceKey` in `device-keys.ts` is the same, in zod. */
export interface DeviceKey {
	userId: string;
	key: WrappedKey;
	/** Wrong passcodes in a row; reset by a right one. */
	failedAttempts: number;
	/** Random, made at passcode setup; sent with every request so the server can revoke it. */
	deviceId: string;
}

/** This person's key on this device; null when no passcode was set here (or it was wiped). */
export async function findDeviceKey(userId: string): Promise<DeviceKey | null> {
	return parseDeviceKey(await readKey(userId));
}

/** The stored key in `value`, with nothing else, or null if it is not one. */
export function parseDeviceKey(value: unknown): DeviceKey | null {
	if (!isPlainObject(value)) return null;
	const { userId, key, failedAttempts, deviceId } = value;
	if (!isText(userId) || !isText(deviceId)) return null;
	if (!Number.isSafeInteger(failedAttempts) || (failedAttempts as number) < 0) return null;
	if (!isPlainObject(key)) return null;
	const { version, salt, iterations, wrapped } = key;
	if (version !== currentVersion || !isText(salt) || !isText(wrapped)) return null;
	if (!Number.isSafeInteger(iterations) || (iterations as number) <= 0) return null;
	return {
		userId,
		key: { version, salt, iterations: iterations as number, wrapped },
		failedAttempts: failedAttempts as number,
		deviceId
	};
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The stored row, or undefined when there is none (or no database, or no store, yet). */
function readKey(userId: string): Promise<unknown> {
	return new Promise((done, fail) => {
		// Opened at whatever version is on disk, so whoever created it (Dexie) stays in charge of
		// its schema; no version is asked for, so an upgrade only happens when it does not exist.
		const request = indexedDB.open(deviceDatabaseName);
		let missing = false;
		request.onupgradeneeded = () => {
			// Nothing is stored here yet: leave the database uncreated, for Dexie to make.
			missing = true;
			request.transaction?.abort();
		};
		request.onerror = (event) => {
			if (missing) {
				event.preventDefault();
				done(undefined);
			} else fail(request.error);
		};
		request.onblocked = () => fail(new Error(`${deviceDatabaseName} is blocked`));
		request.onsuccess = () => {
			const db = request.result;
			// Never stand in the way of Dexie upgrading or deleting the database.
			db.onversionchange = () => db.close();
			if (!db.objectStoreNames.contains(keysStoreName)) {
				db.close();
				done(undefined);
				return;
			}
			const get = db.transaction(keysStoreName, 'readonly').objectStore(keysStoreName).get(userId);
			get.onsuccess = () => {
				db.close();
				done(get.result);
			};
			get.onerror = () => {
				db.close();
				fail(get.error);
			};
		};
	});
}
