/**
 * Who is signed in: as `/api/session` answers, and as this device remembers it. Every start of
 * the app reads this before its first screen, so it is checked by hand rather than with zod,
 * which would have to load and build its schemas first; `session.test.ts` holds the check to the
 * zod schema the sign-in request uses (`sessionUser` in `session.ts`).
 */
import { isRole, opaqueIdPattern, type Role } from '$lib/domain/roles';
import { isRevokedAnswer } from './security/device-id';

export interface SessionUser {
	userId: string;
	displayName: string;
	role: Role;
}

/** The user in `value`, with nothing else, or null if it is not one. */
export function parseSessionUser(value: unknown): SessionUser | null {
	if (!isPlainObject(value)) return null;
	const { userId, displayName, role } = value;
	if (typeof userId !== 'string' || !opaqueIdPattern.test(userId)) return null;
	if (typeof displayName !== 'string' || displayName.length < 1) return null;
	if (!isRole(role)) return null;
	return { userId, displayName, role };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function readJson(response: Response): Promise<unknown> {
	try {
		return await response.json();
	} catch {
		return notJson;
	}
}

export const notJson = Symbol('not JSON');

/**
 * Who is signed in on this browser: the user, `null` when the server says nobody is,
 * `'revoked'` when an administrator has revoked this device, or `undefined` when the server
 * could not be asked (offline, or a server fault).
 */
export async function currentUser(): Promise<SessionUser | null | 'revoked' | undefined> {
	try {
		const response = await fetch('/api/session', {
			headers: { accept: 'application/json' },
			credentials: 'same-origin'
		});
		if (!response.ok) {
			return isRevokedAnswer(response.status, await readJson(response)) ? 'revoked' : undefined;
		}
		const body = await readJson(response);
		if (!isPlainObject(body)) return undefined;
		if (body.user === null) return null;
		return parseSessionUser(body.user) ?? undefined;
	} catch {
		return undefined;
	}
}

export async function signOut(): Promise<void> {
	await fetch('/api/session', { method: 'DELETE', credentials: 'same-origin' });
}
