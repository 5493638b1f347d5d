import type { Handle, ServerInit } from '@sveltejs/kit';
import { sessionCookieName, verifySession } from '$lib/server/auth/session-cookie';
import { server, startContext } from '$lib/server/context';
import { isCrossSiteWrite, refuseCrossSite } from '$lib/server/cross-site';
import { describeDemo, seedDemo } from '$lib/server/demo/seed';
import { scopeIndexOf } from '$lib/server/gateway/scope-index';
import { bootstrapAdmin } from '$lib/server/admin/bootstrap';

export const init: ServerInit = async () => {
	// One request's stray failure must never take the service down for everyone: log it loudly.
	process.on('unhandledRejection', (reason) => console.error('Unhandled rejection:', reason));

	const { config, db } = startContext();
	// Read the whole record once now, so the first person to sign in does not wait for it.
	await scopeIndexOf(db.record);
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
	event.locals.session = verifySession(
		event.cookies.get(sessionCookieName),
		server().sessionSecret
	);
	return resolve(event);
};
