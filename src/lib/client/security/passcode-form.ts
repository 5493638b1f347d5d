/** The form to choose a passcode, with the GOV.UK Design System's wording for its errors. */
import { z } from 'zod';
import { minimumPasscodeLength } from './passcode-rules';

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
