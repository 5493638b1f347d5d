/** A device tells the server it exists (POST `{ deviceId }`), when its passcode is set. */
import { error, json, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import {
	deviceId,
	DeviceRefusal,
	publicDevice,
	registerDevice
} from '$lib/server/devices/registry';
import { bindSessionDevice } from '$lib/server/auth/sessions';
import { server } from '$lib/server/context';
import { readJson } from '$lib/server/http';

const body = z.strictObject({ deviceId });

export const POST: RequestHandler = async ({ locals, request }) => {
	if (!locals.session) error(401, 'Sign in to set up this device.');
	const { deviceId: id } = await readJson(request, body);
	try {
		const { users } = server().db;
		const device = await registerDevice(users, id, locals.session.userId);
		// The session it was registered in is this device's from now on.
		await bindSessionDevice(users, locals.session.sessionId, device.deviceId);
		return json(publicDevice(device), { status: 201 });
	} catch (cause) {
		if (cause instanceof DeviceRefusal) error(cause.status, cause.message);
		throw cause;
	}
};
