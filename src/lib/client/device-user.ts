/**
 * Who last signed in on this device, so the app can open offline after a first online sign-in.
 * It holds no secret: the server still decides everything on the next sync, and the device lock
 * (a passcode) guards the data on the device itself.
 */
import { parseSessionUser, type SessionUser } from './current-user';

const key = 'pep:device-user';

export function rememberUser(user: SessionUser): void {
	localStorage.setItem(key, JSON.stringify(user));
}

export function rememberedUser(): SessionUser | null {
	const stored = localStorage.getItem(key);
	if (!stored) return null;
	try {
		return parseSessionUser(JSON.parse(stored));
	} catch {
		return null;
	}
}

export function forgetUser(): void {
	localStorage.removeItem(key);
}
