/**
 * How the admin path says no: a status the API answers with, and a message that names the field
 * and why, so neither the script nor a person has to guess what to change.
 */
import type { z } from 'zod';
import { describeErrors, fieldErrors } from '$lib/domain/schemas/errors';
import { Refusal } from '../refusal';

export class AdminRefusal extends Refusal {
	constructor(status: 400 | 403 | 404 | 409, message: string) {
		super(status, message);
		this.name = 'AdminRefusal';
	}
}

/** Parses input with a schema, refusing with a 400 that names each field at fault. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
	const result = schema.safeParse(input);
	if (!result.success) throw new AdminRefusal(400, describeErrors(fieldErrors(result.error)));
	return result.data;
}

export function noSuchUser(userId: string): AdminRefusal {
	return new AdminRefusal(404, `There is no user with the id "${userId.slice(0, 80)}".`);
}
