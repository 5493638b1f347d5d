/**
 * The devices people have set up, in the server-only `users` database: one document per device
 * (`device:{deviceId}`), made when its passcode is set. An administrator can revoke one that is
 * lost; every request it makes after that is refused with `410 Gone` and
 * `{ "error": "device-revoked" }`, which tells the app on it to remove its data.
 */
import { z } from 'zod';
import { isConflict, isNotFound } from '../store/databases';
import { Refusal } from '../refusal';

/** The cookie the app sets with its device id (see `src/lib/client/security/device-id.ts`). */
export const deviceCookieName = 'pep-device';

export const deviceId = z
	.string()
	.regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8 to 64 letters, digits or hyphens');

const device = z.object({
	_id: z.string(),
	_rev: z.string().optional(),
	type: z.literal('device'),
	deviceId,
	userId: z.string(),
	registeredAt: z.string(),
	revokedAt: z.string().optional(),
	revokedBy: z.string().optional()
});
export type Device = z.infer<typeof device>;

const docId = (id: string) => `device:${id}`;

export class DeviceRefusal extends Refusal {
	constructor(status: 404 | 409, message: string) {
		super(status, message);
		this.name = 'DeviceRefusal';
	}
}

/** Records a device for this person; registering the same device again changes nothing. */
export async function registerDevice(
	users: PouchDB.Database,
	id: string,
	userId: string,
	now = new Date()
): Promise<Device> {
	const existing = await findDevice(users, id);
	if (existing) {
		if (existing.userId !== userId) throw new DeviceRefusal(409, 'This device id is taken.');
		return existing;
	}
	const doc: Device = {
		_id: docId(id),
		type: 'device',
		deviceId: id,
		userId,
		registeredAt: now.toISOString()
	};
	try {
		const { rev } = await users.put(doc);
		return { ...doc, _rev: rev };
	} catch (error) {
		if (isConflict(error)) return registerDevice(users, id, userId, now);
		throw error;
	}
}

export async function findDevice(users: PouchDB.Database, id: string): Promise<Device | null> {
	if (!deviceId.safeParse(id).success) return null;
	try {
		return device.parse(await users.get(docId(id)));
	} catch (error) {
		if (isNotFound(error)) return null;
		throw error;
	}
}

export async function isRevoked(users: PouchDB.Database, id: string): Promise<boolean> {
	return Boolean((await findDevice(users, id))?.revokedAt);
}

export async function revokeDevice(
	users: PouchDB.Database,
	id: string,
	by: string,
	now = new Date()
): Promise<Device> {
	for (let attempt = 0; attempt < 3; attempt++) {
		const found = await findDevice(users, id);
		if (!found) throw new DeviceRefusal(404, `There is no device ${id}.`);
		if (found.revokedAt) return found;
		const revoked = { ...found, revokedAt: now.toISOString(), revokedBy: by };
		try {
			const { rev } = await users.put(revoked);
			return { ...revoked, _rev: rev };
		} catch (error) {
			if (!isConflict(error)) throw error;
		}
	}
	throw new Error(`The device ${id} kept changing while it was being revoked.`);
}

/** Every device, or one person's, oldest first. */
export async function listDevices(users: PouchDB.Database, userId?: string): Promise<Device[]> {
	const all = await users.allDocs({
		startkey: 'device:',
		endkey: 'device:\ufff0',
		include_docs: true
	});
	return all.rows
		.map((row) => device.safeParse(row.doc))
		.flatMap((parsed) => (parsed.success ? [parsed.data] : []))
		.filter((d) => userId === undefined || d.userId === userId)
		.sort((a, b) => a.registeredAt.localeCompare(b.registeredAt));
}

/** A device as the API shows it: without the database's own fields. */
export function publicDevice({ _id, _rev, type, ...rest }: Device) {
	return rest;
}
