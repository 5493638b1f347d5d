/** Turns zod's issues into refusals a person can act on: which field, and why. */
import type { z } from 'zod';

export interface FieldError {
	/** Dotted path to the field, e.g. `person.dateOfBirth` or `subjects.2.course`. */
	field: string;
	message: string;
}

export function fieldErrors(error: z.ZodError): FieldError[] {
	return error.issues.map((issue) => ({
		field: issue.path.map(String).join('.') || '(document)',
		message: issue.message
	}));
}

/** One line per problem, for logs and HTTP refusals. */
export function describeErrors(errors: FieldError[]): string {
	return errors.map((e) => `${e.field}: ${e.message}`).join('; ');
}
