import type { Handle, ServerInit } from '@sveltejs/kit';
import { sessionCookieName, verifySession } from '$lib/server/auth/session-cookie';
import { server, startContext } from '$lib/server/context';
import { isCrossSiteWrite, refuseCrossSite } from '$lib/server/cross-site';
import { describeDemo, seedDemo } from '$lib/server/demo/seed';
import { scopeIndexOf } from '$lib/server/gateway/scope-index';
import { bootstrapAdmin } from '$lib/server/admin/bootstrap';
import { cameOverHttps, securityHeaders } from '../server/security-headers.js';

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
	const https = cameOverHttps(event.platform?.req, server().config);
	if (isCrossSiteWrite(event.request, event.url)) {
		return withSecurityHeaders(refuseCrossSite(), https);
	}
	event.locals.session = verifySession(
		event.cookies.get(sessionCookieName),
		server().sessionSecret
	);
	return withSecurityHeaders(await resolve(event), https);
};

/**
 * The security headers on every response SvelteKit makes (the production server adds them to the
 * files it serves itself). A page keeps the policy SvelteKit gave it, with its script's hash.
 */
function withSecurityHeaders(response: Response, https: boolean): Response {
	const missing = Object.entries(securityHeaders({ https })).filter(
		([name]) => !response.headers.has(name)
	);
	const target = hasMutableHeaders(response) ? response : new Response(response.body, response);
	for (const [name, value] of missing) target.headers.set(name, value);
	return target;
}

/**
 * A fetched response, or one from `Response.redirect`, has headers that cannot change. Found by
 * setting one of the security headers itself, which every response gets anyway.
 */
function hasMutableHeaders(response: Response): boolean {
	try {
		response.headers.set('x-content-type-options', 'nosniff');
		return true;
	} catch {
		return false;
	}
}
