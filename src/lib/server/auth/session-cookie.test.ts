import { describe, expect, it } from 'vitest';
import { signSession, verifySession } from './session-cookie';

const secret = 'a-test-secret-that-is-long-enough-123';
const now = Date.parse('2026-11-23T10:00:00Z');
const session = {
	userId: 'user-0001',
	sessionId: 'session-0001',
	role: 'social-worker' as const,
	expires: now / 1000 + 3600
};

describe('signed session cookies', () => {
	it('carry the session to any instance with the secret', () => {
		expect(verifySession(signSession(session, secret), secret, now)).toEqual(session);
	});

	it('are refused when forged, altered, expired or signed with another secret', () => {
		const cookie = signSession(session, secret);
		const [body, mac] = cookie.split('.');
		const promoted = Buffer.from(JSON.stringify({ ...session, role: 'admin' })).toString(
			'base64url'
		);
		expect(verifySession(`${promoted}.${mac}`, secret, now)).toBeNull();
		expect(verifySession(`${body}.${mac}x`, secret, now)).toBeNull();
		expect(verifySession(cookie, 'another-secret-that-is-long-enough', now)).toBeNull();
		expect(verifySession(cookie, secret, now + 3601_000)).toBeNull();
	});

	it('are refused when malformed', () => {
		for (const bad of [undefined, '', 'abc', 'a.b.c', '.', 'e30.x']) {
			expect(verifySession(bad, secret, now)).toBeNull();
		}
		const notASession = Buffer.from('{"userId":1}').toString('base64url');
		const signed = signSession(session, secret).split('.')[1];
		expect(verifySession(`${notASession}.${signed}`, secret, now)).toBeNull();
	});
});
