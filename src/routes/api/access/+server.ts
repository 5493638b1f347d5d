/**
 * Which children the signed-in person reaches now, so their device can remove the record of a
 * child whose assignment has been withdrawn (once its own edits have been sent).
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { accessFor, GatewayError } from '$lib/server/gateway/request';

export const GET: RequestHandler = async (event) => {
	try {
		const access = await accessFor(event);
		return json({ childIds: [...access.childIds].sort(), fingerprint: access.fingerprint });
	} catch (error) {
		if (error instanceof GatewayError)
			return json({ message: error.reason }, { status: error.status });
		throw error;
	}
};
