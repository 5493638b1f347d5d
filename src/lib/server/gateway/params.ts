/**
 * Query parameters of the replication endpoints, parsed with zod: CouchDB sends booleans and
 * JSON values as strings. A bad value is a 400 naming the parameter.
 */
import { z } from 'zod';
import { describeErrors, fieldErrors } from '$lib/domain/schemas/errors';
import { JsonTooDeep, parseShallowJson } from '../json-depth';
import { GatewayError } from './request';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const jsonOf = <T extends z.ZodType>(schema: T) =>
	z
		.string()
		.transform((value, ctx) => {
			try {
				return parseShallowJson(value);
			} catch (error) {
				ctx.addIssue({
					code: 'custom',
					message: error instanceof JsonTooDeep ? `is ${error.detail}` : 'must be JSON'
				});
				return z.NEVER;
			}
		})
		.pipe(schema);

const count = z.coerce.number().int().min(0).max(100_000);

export const changesParams = z.object({
	since: z.string().max(500).optional(),
	limit: count.optional(),
	style: z.enum(['main_only', 'all_docs']).optional(),
	feed: z.enum(['normal', 'longpoll']).default('normal'),
	timeout: count.optional(),
	heartbeat: z.union([count, z.literal('true').transform(() => 60_000)]).optional(),
	include_docs: bool.optional(),
	conflicts: bool.optional(),
	filter: z.literal('_doc_ids', { error: 'only _doc_ids is supported' }).optional(),
	doc_ids: jsonOf(z.array(z.string().max(300)).max(10_000)).optional(),
	seq_interval: count.optional()
});

export const getParams = z.object({
	rev: z.string().max(200).optional(),
	revs: bool.optional(),
	open_revs: z
		.union([z.literal('all'), jsonOf(z.array(z.string().max(200)).max(1_000))])
		.optional(),
	latest: bool.optional(),
	conflicts: bool.optional(),
	attachments: bool.optional()
});

export const allDocsParams = z.object({
	include_docs: bool.optional(),
	conflicts: bool.optional(),
	startkey: jsonOf(z.string()).optional(),
	endkey: jsonOf(z.string()).optional(),
	start_key: jsonOf(z.string()).optional(),
	end_key: jsonOf(z.string()).optional(),
	keys: jsonOf(z.array(z.string()).max(10_000)).optional(),
	limit: count.optional(),
	skip: count.optional(),
	descending: bool.optional()
});

export function parseParams<T extends z.ZodType>(url: URL, schema: T): z.infer<T> {
	const result = schema.safeParse(Object.fromEntries(url.searchParams));
	if (!result.success)
		throw new GatewayError(400, 'bad_request', describeErrors(fieldErrors(result.error)));
	return result.data;
}

export function parseBody<T extends z.ZodType>(body: unknown, schema: T): z.infer<T> {
	const result = schema.safeParse(body);
	if (!result.success)
		throw new GatewayError(400, 'bad_request', describeErrors(fieldErrors(result.error)));
	return result.data;
}
