import type { Handle, ServerInit } from '@sveltejs/kit';
import { sessionCookieName, verifySession } from '$lib/server/auth/session-cookie';
import { server, startContext } from '$lib/server/context';
import { isCrossSiteWrite, refuseCrossSite } from '$lib/server/cross-site';
import { describeDemo, seedDemo } from '$lib/server/demo/seed';
import { ensureDesign } from '$lib/server/gateway/design';
import { bootstrapAdmin } from '$lib/server/admin/bootstrap';
import { isRevoked } from '$lib/server/devices/registry';
import { json } from '@sveltejs/kit';

/** The cookie the app sets with its device id (see `src/lib/client/security/device-id.ts`). */
const deviceCookieName = 'pep-device';

export const init: ServerInit = async () => {
	// One request's stray failure must never take the service down for everyone: log it loudly.
	process.on('unhandledRejection', (reason) => console.error('Unhandled rejection:', reason));

	const { config, db } = startContext();
	await ensureDesign(db.record);
	console.log(`Personal Education Plans: records in ${db.description}.`);
	const admin = await bootstrapAdmin(db, config);
	if (admin) console.log(`Created the administrator account ${admin}.`);
	if (config.PEP_DEMO === 'on') {
		const signIns = await seedDemo(db);
		if (signIns) console.log(describeDemo(signIns));
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	if (isCrossSiteWrite(event.request, event.url)) return refuseCrossSite();
	// A revoked device is refused everything it asks of the API and the gateway, in words its
	// app recognises, so that it removes its data. (The admin API is for administrators' own
	// machines and scripts, which send no device id.)
	const device = event.cookies.get(deviceCookieName);
	const path = event.url.pathname;
	if (
		device &&
		(path.startsWith('/db/') || (path.startsWith('/api/') && !path.startsWith('/api/admin/'))) &&
		(await isRevoked(server().db.users, device))
	) {
		return json(
			{ error: 'device-revoked', message: 'An administrator has revoked this device.' },
			{ status: 410 }
		);
	}
	event.locals.session = verifySession(
		event.cookies.get(sessionCookieName),
		server().sessionSecret
	);
	const response = await resolve(event);
	// Records and accounts must not be kept in the browser's HTTP cache on disk, which the
	// device's encryption does not cover.
	if (
		(path.startsWith('/db/') || path.startsWith('/api/')) &&
		!response.headers.has('cache-control')
	) {
		response.headers.set('cache-control', 'no-store');
	}
	return response;
};
