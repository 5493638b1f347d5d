/**
 * The rules of the passcode, in one place for the screens and the session: how long it must be,
 * and how many wrong tries a device allows before it removes its data.
 */
import { z } from 'zod';

export const minimumPasscodeLength = 6;
export const maxWrongPasscodes = 10;
/** Warn from this many wrong tries, so nobody loses unsent work without being told first. */
export const warnAfterWrongPasscodes = 7;

export const triesLeft = (wrong: number) => Math.max(0, maxWrongPasscodes - wrong);

/** The form to choose a passcode, with the GOV.UK Design System's wording for its errors. */
export const newPasscodeForm = z
	.object({
		passcode: z
			.string()
			.min(1, 'Enter a passcode')
			.min(minimumPasscodeLength, `Passcode must be ${minimumPasscodeLength} characters or more`),
		confirm: z.string().min(1, 'Enter your passcode again')
	})
	.refine((form) => form.passcode === form.confirm || form.confirm === '', {
		path: ['confirm'],
		message: 'Passcodes do not match. Enter the same passcode twice'
	});
export type NewPasscodeForm = z.infer<typeof newPasscodeForm>;

export function newPasscodeErrors(error: z.ZodError<NewPasscodeForm>) {
	const { fieldErrors } = z.flattenError(error);
	return { passcode: fieldErrors.passcode?.[0], confirm: fieldErrors.confirm?.[0] };
}

/** What the unlock screen says after a wrong passcode. */
export function wrongPasscodeMessage(left: number): string {
	if (maxWrongPasscodes - left < warnAfterWrongPasscodes) return 'The passcode is not correct';
	const tries = left === 1 ? '1 more try' : `${left} more tries`;
	return `The passcode is not correct. You have ${tries}. After that, the data on this device will be removed and anything not yet sent to the server will be lost`;
}
