/** Devices, for an administrator: every one (GET), or one person's (`?userId=`). */
import { json, type RequestHandler } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/admin/guard';
import { listUsers } from '$lib/server/admin/users';
import { server } from '$lib/server/context';
import { refusing } from '$lib/server/refusal';
import { listDevices, publicDevice } from '$lib/server/devices/registry';

export const GET: RequestHandler = refusing(async (event) => {
	const admin = await requireAdmin(event);
	const userId = event.url.searchParams.get('userId') ?? undefined;
	const { users } = server().db;
	const people = new Set((await listUsers(users, admin.authorityId)).map((u) => u.userId));
	const devices = (await listDevices(users, userId)).filter((d) => people.has(d.userId));
	return json({ devices: devices.map(publicDevice) });
});
