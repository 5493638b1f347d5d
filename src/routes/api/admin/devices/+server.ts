/** Devices, for an administrator: every one (GET), or one person's (`?userId=`). */
import { json, type RequestHandler } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/admin/guard';
import { server } from '$lib/server/context';
import { listDevices, publicDevice } from '$lib/server/devices/registry';

export const GET: RequestHandler = async (event) => {
	await requireAdmin(event);
	const userId = event.url.searchParams.get('userId') ?? undefined;
	const devices = await listDevices(server().db.users, userId);
	return json({ devices: devices.map(publicDevice) });
};
