/**
 * "This browser has signed in to this account before": a signed cookie the server sets at each
 * sign-in, after OWASP's device-cookie scheme against password guessing. Attempts that carry a
 * valid one for the account are counted apart from everyone else's (`sign-in-limits.ts`), so a
 * stranger guessing at someone's account or from their school's network never locks them out
 * of the devices they use.
 *
 * The cookie is sent only to the API, cannot be read by scripts, and names up to five accounts
 * (a family's shared tablet), each with a random token whose own failures are counted.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { z } from 'zod';

export const knownDeviceCookieName = 'pep_known';

/** How long a browser stays known after its last sign-in. */
const keepDays = 90;
const accountsPerBrowser = 5;

const entry = z.object({
	userId: z.string().min(1),
	token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
	/** Milliseconds since the epoch of the sign-in that set it. */
	at: z.number().int()
});
type KnownDevice = z.infer<typeof entry>;
const entries = z.array(entry).max(accountsPerBrowser);

/** The token this browser holds for the account, or null when it holds none that is valid. */
export function knownDeviceToken(
	cookies: Pick<Cookies, 'get'>,
	userId: string,
	secret: string,
	now = Date.now()
): string | null {
	const found = readEntries(cookies.get(knownDeviceCookieName), secret, now).find(
		(known) => known.userId === userId
	);
	return found?.token ?? null;
}

/** Remembers, on this browser, that the account has just signed in on it. */
export function rememberKnownDevice(
	{ cookies, url }: { cookies: Cookies; url: URL },
	userId: string,
	secret: string,
	now = Date.now()
): void {
	const current = readEntries(cookies.get(knownDeviceCookieName), secret, now);
	const mine = current.find((known) => known.userId === userId);
	const others = current.filter((known) => known.userId !== userId);
	const renewed: KnownDevice = {
		userId,
		token: mine?.token ?? randomBytes(18).toString('base64url'),
		at: now
	};
	const kept = [renewed, ...others].slice(0, accountsPerBrowser);
	cookies.set(knownDeviceCookieName, sign(kept, secret), {
		path: '/api',
		httpOnly: true,
		sameSite: 'strict',
		secure: url.protocol === 'https:',
		maxAge: keepDays * 24 * 3600
	});
}

function readEntries(cookie: string | undefined, secret: string, now: number): KnownDevice[] {
	if (!cookie) return [];
	const [body, signature, extra] = cookie.split('.');
	if (!body || !signature || extra !== undefined) return [];
	const expected = new TextEncoder().encode(mac(body, secret));
	const given = new TextEncoder().encode(signature);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return [];
	try {
		const parsed = entries.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
		return parsed.filter((known) => known.at + keepDays * 24 * 3600_000 > now);
	} catch {
		return [];
	}
}

function sign(value: KnownDevice[], secret: string): string {
	const body = Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${body}.${mac(body, secret)}`;
}

/** Keyed apart from session cookies, so neither can be passed off as the other. */
function mac(body: string, secret: string): string {
	return createHmac('sha256', secret).update(`known-device\n${body}`).digest('base64url');
}
