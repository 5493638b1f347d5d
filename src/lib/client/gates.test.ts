import { describe, expect, it } from 'vitest';
import { gateAddress } from './gates';

const at = (path: string) => new URL(path, 'https://pep.example.org');

describe('where the app sends a person', () => {
	it('sends a locked app to the unlock page, remembering the page that was open', () => {
		expect(gateAddress('locked', at('/'))).toBe('/unlock');
		expect(gateAddress('locked', at('/children/c1?tab=peps'))).toBe(
			`/unlock?next=${encodeURIComponent('/children/c1?tab=peps')}`
		);
		expect(gateAddress('locked', at('/unlock?next=%2Fdevice'))).toBeNull();
	});

	it('sends nobody anywhere while starting, and someone signed out to sign in (but lets them join)', () => {
		expect(gateAddress('starting', at('/children/c1'))).toBeNull();
		expect(gateAddress('signed-out', at('/children/c1'))).toBe('/sign-in');
		expect(gateAddress('signed-out', at('/join'))).toBeNull();
		expect(gateAddress('set-passcode', at('/'))).toBe('/passcode');
	});

	it('takes an unlocked person from a gate back to the page they were on, and no further', () => {
		expect(gateAddress('unlocked', at('/unlock?next=%2Fchildren%2Fc1'))).toBe('/children/c1');
		expect(gateAddress('unlocked', at('/unlock'))).toBe('/');
		// Only pages of the app's own: an address elsewhere is not followed.
		expect(gateAddress('unlocked', at('/unlock?next=https%3A%2F%2Fevil.example'))).toBe('/');
		expect(gateAddress('unlocked', at('/children/c1'))).toBeNull();
	});
});
