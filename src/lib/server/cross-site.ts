/**
 * Refuses a write to the API or the replication gateway that a browser sent from another site.
 * SvelteKit's own check covers only form posts; these endpoints take JSON. The session cookie is
 * SameSite=Strict already: this is the second lock, and it does not depend on the cookie.
 *
 * A browser says where a request came from (`Sec-Fetch-Site`, and `Origin` on every write);
 * a request that says neither is not from a browser (the admin script, a test), and the session
 * decides. The host is compared, not the scheme, so a server started without `ORIGIN` (which
 * then takes its origin to be https) still accepts its own page over http.
 */
import { json } from '@sveltejs/kit';

const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const guarded = /^\/(api|db)(\/|$)/;

export function isCrossSiteWrite(request: Request, url: URL): boolean {
	if (!writes.has(request.method) || !guarded.test(url.pathname)) return false;
	const site = request.headers.get('sec-fetch-site');
	if (site !== null && site !== 'same-origin' && site !== 'none') return true;
	const origin = request.headers.get('origin');
	if (origin === null) return false;
	return hostOf(origin) !== url.host;
}

/** The 403 for such a write. */
export function refuseCrossSite(): Response {
	return json(
		{ message: 'This request came from another website, so it was refused.' },
		{ status: 403 }
	);
}

function hostOf(origin: string): string | null {
	try {
		return new URL(origin).host;
	} catch {
		// `Origin: null` (a sandboxed frame, a file) or something unreadable: not us.
		return null;
	}
}
