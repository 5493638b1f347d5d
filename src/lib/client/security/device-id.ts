/**
 * The id the server knows this device by, sent as a cookie with every request to `/api` and
 * `/db` so that an administrator can revoke a lost device: its next request is answered with
 * `410 Gone` and `{ "error": "device-revoked" }`, and the app then wipes its data.
 *
 * Not HttpOnly, since the app sets it; it is not a secret (the session cookie is what proves who
 * someone is), only a name for the device.
 */
import { callApi } from '../api/api-client';

export const deviceCookieName = 'pep-device';

export function sendDeviceId(deviceId: string): void {
	// A year: it must outlive every session; SameSite=Strict as the session cookie is.
	document.cookie = `${deviceCookieName}=${encodeURIComponent(deviceId)}; path=/; max-age=31536000; samesite=strict`;
}

export function stopSendingDeviceId(): void {
	document.cookie = `${deviceCookieName}=; path=/; max-age=0; samesite=strict`;
}

const revokedCode = 'device-revoked';

/** Whether an answer from the server says this device has been revoked. */
export function isRevokedAnswer(status: number, body: unknown): boolean {
	return (
		status === 410 &&
		typeof body === 'object' &&
		body !== null &&
		'error' in body &&
		body.error === revokedCode
	);
}

/** The same, for a refusal as the API client reads it. */
export function isRevokedRefusal(refusal: { status: number; code?: string }): boolean {
	return refusal.status === 410 && refusal.code === revokedCode;
}

/** Tells the server this device exists, for this person, so it can be listed and revoked. */
export async function registerDevice(deviceId: string): Promise<boolean> {
	const answer = await callApi({ method: 'POST', path: '/api/devices', body: { deviceId } });
	return answer.kind === 'ok';
}
