/**
 * The security headers on every response: pages, the API, the gateway, and the built and static
 * files (the service worker, the manifest, icons, scripts).
 *
 * Plain JavaScript with no imports, because three places read it: svelte.config.js (the policy
 * for SvelteKit's `kit.csp`, which adds the hash of each page's inline start-up script),
 * hooks.server.ts (the headers on every response SvelteKit makes), and the production server
 * (server/index.js), which adds them to the files adapter-node serves before SvelteKit sees the
 * request.
 */

/**
 * The Content-Security-Policy, in `kit.csp.directives` form: nothing runs, loads or connects
 * except from this origin, and no other site may frame the app.
 *
 * @type {NonNullable<NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']>}
 */
export const cspDirectives = {
	'default-src': ['self'],
	// Scripts only from the app's own files; SvelteKit adds the hash of each page's start-up script.
	'script-src': ['self'],
	// Stylesheets only from the app's own files: govuk-frontend's and the components' styles are
	// built into CSS files, so no inline <style> is needed.
	'style-src': ['self'],
	// One style attribute is allowed, by its hash: SvelteKit's visually hidden announcer of page
	// changes (its generated root.svelte). Blocked, the announcer would show on every page; the
	// browser tests check that nothing else the app does needs an exception.
	'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
	'img-src': ['self', 'data:', 'blob:'],
	'font-src': ['self'],
	'connect-src': ['self'],
	'worker-src': ['self'],
	'manifest-src': ['self'],
	'frame-ancestors': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	'object-src': ['none']
};

const keywords = new Set(['self', 'none', 'unsafe-inline', 'unsafe-eval', 'unsafe-hashes']);
/** @param {string} source */
const quoted = (source) =>
	keywords.has(source) || /^(sha256|sha384|sha512|nonce)-/.test(source) ? `'${source}'` : source;

/** The policy as a header, for responses that are not pages (pages get SvelteKit's, with hashes). */
export const contentSecurityPolicy = Object.entries(cspDirectives)
	.map(([name, sources]) => [name, ...(sources ?? []).map(quoted)].join(' '))
	.join('; ');

/** The camera, for photographs of work attached to a plan; nothing else powerful. */
export const permissionsPolicy = [
	'camera=(self)',
	'microphone=()',
	'geolocation=()',
	'payment=()',
	'usb=()',
	'serial=()',
	'hid=()',
	'midi=()',
	'display-capture=()'
].join(', ');

export const strictTransportSecurity = 'max-age=31536000; includeSubDomains';

/**
 * @param {{ https: boolean }} request whether the request reached us over HTTPS
 * @returns {Record<string, string>}
 */
export function securityHeaders({ https }) {
	return {
		'content-security-policy': contentSecurityPolicy,
		// Whole URLs (which carry children's record ids) never go to another site.
		'referrer-policy': 'same-origin',
		'x-content-type-options': 'nosniff',
		'permissions-policy': permissionsPolicy,
		'cross-origin-opener-policy': 'same-origin',
		// A browser heeds HSTS only over HTTPS; sent over plain HTTP it would only mislead a reader.
		...(https ? { 'strict-transport-security': strictTransportSecurity } : {})
	};
}

/**
 * Whether a request reached us over HTTPS: over TLS to this process itself, or through a proxy
 * that says so in the header named by `PROTOCOL_HEADER` (e.g. `x-forwarded-proto`). The header is
 * believed only when that setting names it, since anyone can send it.
 *
 * @param {{ socket: object, headers: Record<string, string | string[] | undefined> } | undefined} req
 *   the Node request (none in `vite dev`)
 * @param {{ PROTOCOL_HEADER?: string | undefined }} env
 */
export function cameOverHttps(req, env) {
	if (!req) return false;
	if ('encrypted' in req.socket && req.socket.encrypted === true) return true;
	const header = env.PROTOCOL_HEADER?.trim().toLowerCase();
	if (!header) return false;
	const value = req.headers[header];
	// A chain of proxies lists each hop; the first is the one the browser spoke to.
	const first = (Array.isArray(value) ? value[0] : value)?.split(',')[0];
	return first?.trim().toLowerCase() === 'https';
}

/**
 * Adds the headers to a Node response as it sends its head, whoever answers (adapter-node's file
 * server or SvelteKit). A header already set stays, such as SvelteKit's CSP for a page.
 *
 * A 304 Not Modified gets no CSP: its headers replace those the browser cached with the page, and
 * SvelteKit sends its 304s without one, so ours (with no hash for the page's script) would
 * replace the page's own and stop the app from starting.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Record<string, string | undefined>} env
 */
export function addSecurityHeaders(req, res, env) {
	const headers = securityHeaders({ https: cameOverHttps(req, env) });
	const writeHead = res.writeHead;
	/** @type {(...args: Parameters<typeof writeHead>) => typeof res} */
	const writeHeadWithSecurityHeaders = (...args) => {
		for (const [name, value] of Object.entries(headers)) {
			if (args[0] === 304 && name === 'content-security-policy') continue;
			// Headers given to writeHead itself win over these: Node merges the two.
			if (!res.hasHeader(name)) res.setHeader(name, value);
		}
		return writeHead.apply(res, args);
	};
	res.writeHead = /** @type {typeof writeHead} */ (writeHeadWithSecurityHeaders);
}
