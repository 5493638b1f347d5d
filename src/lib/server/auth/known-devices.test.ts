import { describe, expect, it } from 'vitest';
import { knownDeviceCookieName, knownDeviceToken, rememberKnownDevice } from './known-devices';

const secret = 'a-test-secret-that-is-long-enough-0123';

/** A cookie jar with the parts of SvelteKit's `Cookies` these functions use. */
function jar(initial?: string) {
	let value = initial;
	const options: Record<string, unknown>[] = [];
	return {
		cookies: {
			get: (name: string) => (name === knownDeviceCookieName ? value : undefined),
			set: (name: string, next: string, opts: Record<string, unknown>) => {
				if (name === knownDeviceCookieName) value = next;
				options.push(opts);
			}
		} as never,
		url: new URL('https://pep.example.org/api/session'),
		value: () => value,
		options
	};
}

describe('known devices', () => {
	it('remembers an account on a browser, keeps its token, and holds up to five accounts', () => {
		const browser = jar();
		rememberKnownDevice(browser, 'user-1', secret, 1_000);
		const token = knownDeviceToken(browser.cookies, 'user-1', secret, 2_000);
		expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
		rememberKnownDevice(browser, 'user-1', secret, 3_000);
		expect(knownDeviceToken(browser.cookies, 'user-1', secret, 4_000)).toBe(token);
		expect(browser.options.at(-1)).toMatchObject({
			httpOnly: true,
			sameSite: 'strict',
			secure: true,
			path: '/api'
		});

		for (let i = 2; i <= 6; i += 1) rememberKnownDevice(browser, `user-${i}`, secret, 5_000 + i);
		expect(knownDeviceToken(browser.cookies, 'user-1', secret, 6_000)).toBeNull();
		expect(knownDeviceToken(browser.cookies, 'user-6', secret, 6_000)).not.toBeNull();
	});

	it('forgets a browser ninety days after its last sign-in', () => {
		const browser = jar();
		rememberKnownDevice(browser, 'user-1', secret, 0);
		const day = 24 * 3600_000;
		expect(knownDeviceToken(browser.cookies, 'user-1', secret, 89 * day)).not.toBeNull();
		expect(knownDeviceToken(browser.cookies, 'user-1', secret, 90 * day)).toBeNull();
	});

	it('takes nothing from a cookie signed with another secret, altered or malformed', () => {
		const browser = jar();
		rememberKnownDevice(browser, 'user-1', secret, 0);
		const [body, signature] = browser.value()!.split('.');
		for (const cookie of [
			browser.value(),
			`${body}.${signature}x`,
			`${body}x.${signature}`,
			`${body}.${signature}.more`,
			'not-a-cookie',
			''
		]) {
			const key = cookie === browser.value() ? 'another-secret-that-is-long-enough-456' : secret;
			expect(knownDeviceToken(jar(cookie).cookies, 'user-1', key, 1), cookie).toBeNull();
		}
	});
});
