/**
 * The join page's two forms, checked before anything is sent, in words a 12-year-old can follow:
 * the code (read the way the server reads it), then an email address and a new password (by the
 * same rules as every account's).
 */
import { z } from 'zod';
import { codeProblemMessages, normaliseInvitationCode } from '$lib/domain/invitations';
import { minimumPasswordLength } from '$lib/domain/schemas/users';

export const codeForm = z.object({
	code: z.string().transform((typed, context) => {
		const result = normaliseInvitationCode(typed);
		if (result.ok) return result.code;
		context.addIssue({ code: 'custom', message: codeProblemMessages[result.problem] });
		return z.NEVER;
	})
});

export const accountForm = z
	.object({
		email: z
			.string()
			.trim()
			.min(1, 'Enter your email address')
			.pipe(z.email('Enter your email address in the right format, like name@example.org')),
		// Never trimmed: spaces can be part of a password.
		password: z
			.string()
			.min(1, 'Make up a password')
			.min(
				minimumPasswordLength,
				`Your password must have ${minimumPasswordLength} or more letters, numbers or symbols`
			)
			.max(1_000, 'Your password must have 1,000 or fewer letters, numbers or symbols'),
		confirm: z.string().min(1, 'Type your password again')
	})
	.refine((form) => form.password === form.confirm || form.confirm === '', {
		path: ['confirm'],
		message: 'The two passwords are not the same. Type the same password twice'
	});
export type AccountForm = z.infer<typeof accountForm>;

/** The first problem with each field, to show beside it and in the error summary. */
export function firstErrors<Field extends string>(
	error: z.ZodError,
	fields: readonly Field[]
): Partial<Record<Field, string>> {
	const byField = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
	return Object.fromEntries(
		fields.flatMap((field) => (byField[field]?.[0] ? [[field, byField[field][0]]] : []))
	) as Partial<Record<Field, string>>;
}
