import type { Handle, ServerInit } from '@sveltejs/kit';
import { sessionCookieName, verifySession } from '$lib/server/auth/session-cookie';
import { server, startContext } from '$lib/server/context';
import { isCrossSiteWrite, refuseCrossSite } from '$lib/server/cross-site';
import { describeDemo, seedDemo } from '$lib/server/demo/seed';
import { todayInEngland } from '$lib/domain/calendar/today';
import { scopeIndexOf } from '$lib/server/gateway/scope-index';
import { bootstrapAdmin } from '$lib/server/admin/bootstrap';
import { deviceCookieName, isRevoked } from '$lib/server/devices/registry';
import { checkSession } from '$lib/server/auth/sessions';
import { json } from '@sveltejs/kit';
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
		const signIns = await seedDemo(db, config.PEP_DEMO_DAY ?? todayInEngland());
		if (signIns) console.log(describeDemo(signIns));
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	const https = cameOverHttps(event.platform?.req, server().config);
	if (isCrossSiteWrite(event.request, event.url)) {
		return withSecurityHeaders(refuseCrossSite(), https);
	}
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
		return withSecurityHeaders(
			json(
				{ error: 'device-revoked', message: 'An administrator has revoked this device.' },
				{ status: 410 }
			),
			https
		);
	}
	// Who is asking, worked out once here for every route: a signed cookie naming a session the
	// server still holds alive, and that session's account as it is now.
	event.locals.session = null;
	event.locals.account = null;
	const claim = verifySession(event.cookies.get(sessionCookieName), server().sessionSecret);
	if (claim) {
		const check = await checkSession(server().db.users, claim, device);
		if (check.alive) {
			event.locals.session = { ...claim, role: check.account.role };
			event.locals.account = check.account;
		}
	}
	const response = await resolve(event);
	// Records and accounts must not be kept in the browser's HTTP cache on disk, which the
	// device's encryption does not cover.
	if (
		(path.startsWith('/db/') || path.startsWith('/api/')) &&
		!response.headers.has('cache-control')
	) {
		response.headers.set('cache-control', 'no-store');
	}
	return withSecurityHeaders(response, https);
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
