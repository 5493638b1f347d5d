/**
 * Reading a request body: JSON only, parsed by a zod schema, and refused with a 400 that names
 * the field and why — never a 500 for a client's mistake.
 */
import { error } from '@sveltejs/kit';
import type { z } from 'zod';
import { describeErrors, fieldErrors } from '$lib/domain/schemas/errors';
import { apiBodyLimit, BodyTooLarge, readJsonWithin } from './body';
import { JsonTooDeep } from './json-depth';

export async function readJson<T extends z.ZodType>(
	request: Request,
	schema: T
): Promise<z.infer<T>> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().startsWith('application/json')) {
		error(415, 'Send the request body as JSON (Content-Type: application/json).');
	}
	let body: unknown;
	try {
		body = await readJsonWithin(request, apiBodyLimit);
	} catch (cause) {
		if (cause instanceof BodyTooLarge) error(413, 'The request body is too large.');
		if (cause instanceof JsonTooDeep) error(400, `The request body is ${cause.detail}.`);
		error(400, 'The request body is not valid JSON.');
	}
	const result = schema.safeParse(body);
	if (!result.success) error(400, describeErrors(fieldErrors(result.error)));
	return result.data;
}
