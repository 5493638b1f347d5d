/**
 * Who is signed in: as `/api/session` answers, and as this device remembers it. Every start of
 * the app reads this before its first screen, so it is checked by hand rather than with zod,
 * which would have to load and build its schemas first; `session.test.ts` holds the check to the
 * zod schema the sign-in request uses (`sessionUser` in `session.ts`).
 */
import { isRole, opaqueIdPattern, type Role } from '$lib/domain/roles';
import { callApi, type AnswerSchema } from './api/api-client';
import { isRevokedRefusal } from './security/device-id';

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

/** `/api/session`'s answer to who is asking: `{ user }`, or `{ user: null }` for nobody. */
const whoIsSignedIn: AnswerSchema<SessionUser | null> = {
	safeParse(body) {
		if (isPlainObject(body) && body.user === null) return { success: true, data: null };
		const user = isPlainObject(body) ? parseSessionUser(body.user) : null;
		return user
			? { success: true, data: user }
			: { success: false, error: { issues: [{ path: ['user'], message: 'is not a user' }] } };
	}
};

/**
 * Who is signed in on this browser: the user, `null` when the server says nobody is,
 * `'revoked'` when an administrator has revoked this device, or `undefined` when the server
 * could not be asked (offline, or a server fault).
 */
export async function currentUser(): Promise<SessionUser | null | 'revoked' | undefined> {
	const answer = await callApi({ method: 'GET', path: '/api/session' }, whoIsSignedIn);
	switch (answer.kind) {
		case 'ok':
			return answer.value;
		case 'refused':
			return isRevokedRefusal(answer) ? 'revoked' : undefined;
		default:
			return undefined;
	}
}

/** Ends the session on the server; fails only when the server could not be asked. */
export async function signOut(): Promise<void> {
	const answer = await callApi({ method: 'DELETE', path: '/api/session' });
	if (answer.kind === 'offline') throw new Error('Could not sign out: no connection');
}
