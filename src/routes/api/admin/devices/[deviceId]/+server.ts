/**
 * Revoke a device (PATCH `{ "revoked": true }`), when it is lost or stolen: its next contact
 * with the server is refused, and the app on it removes its data.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import { requireAdmin } from '$lib/server/admin/guard';
import { server } from '$lib/server/context';
import { refusing } from '$lib/server/refusal';
import { findAccount } from '$lib/server/auth/accounts';
import {
	DeviceRefusal,
	findDevice,
	publicDevice,
	revokeDevice
} from '$lib/server/devices/registry';
import { readJson } from '$lib/server/http';

const change = z.strictObject({
	revoked: z.literal(true, { error: 'must be true (a device is revoked, not restored, here)' })
});

export const PATCH: RequestHandler = refusing(async (event) => {
	const admin = await requireAdmin(event);
	await readJson(event.request, change);
	const { users } = server().db;
	const id = event.params.deviceId ?? '';
	// Another authority's device is not this administrator's to find.
	const found = await findDevice(users, id);
	const owner = found ? await findAccount(users, found.userId) : null;
	if (!found || owner?.authorityId !== admin.authorityId) {
		throw new DeviceRefusal(404, `There is no device ${id}.`);
	}
	return json(publicDevice(await revokeDevice(users, id, admin.userId)));
});
