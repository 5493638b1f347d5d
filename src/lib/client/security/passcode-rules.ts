/**
 * The rules of the passcode, in one place for the screens and the session: how long it must be,
 * and how many wrong tries a device allows before it removes its data. The form that applies the
 * first rule is in `passcode-form.ts`, with zod, which the unlock screen does not need.
 */

export const minimumPasscodeLength = 6;
export const maxWrongPasscodes = 10;
/** Warn from this many wrong tries, so nobody loses unsent work without being told first. */
export const warnAfterWrongPasscodes = 7;

export const triesLeft = (wrong: number) => Math.max(0, maxWrongPasscodes - wrong);

/** What the unlock screen says after a wrong passcode. */
export function wrongPasscodeMessage(left: number): string {
	if (maxWrongPasscodes - left < warnAfterWrongPasscodes) return 'The passcode is not correct';
	const tries = left === 1 ? '1 more try' : `${left} more tries`;
	return `The passcode is not correct. You have ${tries}. After that, the data on this device will be removed and anything not yet sent to the server will be lost`;
}
