/**
 * What every gateway request starts with: who is asking (a signed-in, enabled account) and what
 * they may reach, resolved now. Answers use CouchDB's error shape, `{ error, reason }`, which
 * PouchDB understands.
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import { BodyTooLarge, gatewayBodyLimit, readJsonWithin } from '../body';
import { server } from '../context';
import { JsonTooDeep } from '../json-depth';
import { resolveAccess, type Access } from './access';

export class GatewayError extends Error {
	constructor(
		readonly status: number,
		readonly error: string,
		readonly reason: string
	) {
		super(reason);
	}
}

export function couchError(status: number, error: string, reason: string): Response {
	return json({ error, reason }, { status });
}

export async function accessFor(event: RequestEvent): Promise<Access> {
	const { session, account } = event.locals;
	if (!session || !account)
		throw new GatewayError(401, 'unauthorized', 'Sign in to reach the record.');
	return resolveAccess(server().db.record, session, account.authorityId);
}

/** A JSON request body within `limit`, or a 4xx that says what is wrong with it. */
export async function jsonBody(request: Request, limit = gatewayBodyLimit): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().includes('json')) {
		throw new GatewayError(
			415,
			'bad_content_type',
			'Send the request body as JSON (Content-Type: application/json).'
		);
	}
	try {
		return await readJsonWithin(request, limit);
	} catch (error) {
		if (error instanceof BodyTooLarge) {
			throw new GatewayError(
				413,
				'too_large',
				`The request body is over ${Math.round(limit / (1024 * 1024))} MB.`
			);
		}
		if (error instanceof JsonTooDeep)
			throw new GatewayError(400, 'bad_request', `The request body is ${error.detail}.`);
		throw new GatewayError(400, 'bad_request', 'The request body is not valid JSON.');
	}
}

/** Runs a handler, turning gateway refusals into CouchDB-shaped answers. */
export async function handleGateway(run: () => Promise<Response>): Promise<Response> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof GatewayError) return couchError(error.status, error.error, error.reason);
		const status = (error as { status?: number }).status;
		if (status === 404) return couchError(404, 'not_found', 'missing');
		if (status === 409) return couchError(409, 'conflict', 'Document update conflict.');
		if (status === 400) return couchError(400, 'bad_request', (error as Error).message);
		throw error;
	}
}
