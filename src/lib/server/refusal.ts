/**
 * How every API endpoint says no: one refusal type with the status it answers and a message that
 * says why, answered as `{ message }` (with `Retry-After` when waiting helps), and one "who is
 * asking" that every endpoint starts from. The admin, invitation and device paths refuse with
 * subclasses of it, which name where a refusal came from.
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import type { Account } from './auth/accounts';
import type { Session } from './auth/session-cookie';

export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 410 | 429;

export class Refusal extends Error {
	constructor(
		readonly status: RefusalStatus,
		message: string,
		/** For a 429: seconds until another try is allowed. */
		readonly retryAfterSeconds?: number
	) {
		super(message);
		this.name = 'Refusal';
	}
}

/** A refusal as the answer it names; anything else is thrown on, to be a 500. */
export function answerRefusal(cause: unknown): Response {
	if (!(cause instanceof Refusal)) throw cause;
	return json(
		{ message: cause.message },
		{
			status: cause.status,
			headers:
				cause.retryAfterSeconds !== undefined
					? { 'retry-after': String(cause.retryAfterSeconds) }
					: {}
		}
	);
}

/** An endpoint whose refusals are answered as refusals. */
export function refusing<E extends RequestEvent>(
	handler: (event: E) => Promise<Response>
): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			return await handler(event);
		} catch (cause) {
			return answerRefusal(cause);
		}
	};
}

export interface Asker {
	session: Session;
	account: Account;
}

/**
 * Who is asking: the person signed in on a session that is still alive, with an account that
 * still exists and is enabled (both checked on every request in hooks.server.ts), or a 401.
 */
export function whoIsAsking(locals: App.Locals, unsigned = 'Sign in to do this.'): Asker {
	const { session, account } = locals;
	if (!session || !account) throw new Refusal(401, unsigned);
	return { session, account };
}
