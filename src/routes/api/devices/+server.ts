/** A device tells the server it exists (POST `{ deviceId }`), when its passcode is set. */
import { json, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import { deviceId, publicDevice, registerDevice } from '$lib/server/devices/registry';
import { bindSessionDevice } from '$lib/server/auth/sessions';
import { server } from '$lib/server/context';
import { refusing, whoIsAsking } from '$lib/server/refusal';
import { readJson } from '$lib/server/http';

const body = z.strictObject({ deviceId });

export const POST: RequestHandler = refusing(async ({ locals, request }) => {
	const { session } = whoIsAsking(locals, 'Sign in to set up this device.');
	const { deviceId: id } = await readJson(request, body);
	const { users } = server().db;
	const device = await registerDevice(users, id, session.userId);
	// The session it was registered in is this device's from now on.
	await bindSessionDevice(users, session.sessionId, device.deviceId);
	return json(publicDevice(device), { status: 201 });
});
