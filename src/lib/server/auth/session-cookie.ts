/**
 * Sessions are signed cookies, so any instance behind a load balancer can verify them with the
 * shared secret. The cookie holds who, which session and until when; whether that session is still
 * alive (auth/sessions.ts) and what they may see are looked up on every request, so signing out, a
 * withdrawn assignment or a disabled account takes effect at once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { role } from '$lib/domain/schemas/users';

export const sessionCookieName = 'pep_session';

const payload = z.object({
	userId: z.string(),
	/** The session's record on the server (auth/sessions.ts), which says whether it is alive. */
	sessionId: z.string(),
	role,
	/** Seconds since the epoch. */
	expires: z.number().int()
});
export type Session = z.infer<typeof payload>;

export function signSession(session: Session, secret: string): string {
	const body = Buffer.from(JSON.stringify(session)).toString('base64url');
	return `${body}.${mac(body, secret)}`;
}

/** The session a cookie carries, or null if it is forged, malformed or expired. */
export function verifySession(
	cookie: string | undefined,
	secret: string,
	now = Date.now()
): Session | null {
	if (!cookie) return null;
	const [body, signature, extra] = cookie.split('.');
	if (!body || !signature || extra !== undefined) return null;
	const expected = new TextEncoder().encode(mac(body, secret));
	const given = new TextEncoder().encode(signature);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
	try {
		const session = payload.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
		return session.expires * 1000 > now ? session : null;
	} catch {
		return null;
	}
}

function mac(body: string, secret: string): string {
	return createHmac('sha256', secret).update(body).digest('base64url');
}
