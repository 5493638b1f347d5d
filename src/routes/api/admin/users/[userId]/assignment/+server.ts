/**
 * Set what a user may see (PUT `{ childIds?, schoolIds?, authorityIds? }`): the lists given
 * replace what they hold; a kind of assignment their role does not take is refused.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { assignmentChange, setAssignment } from '$lib/server/admin/assignments';
import { requireAdmin } from '$lib/server/admin/guard';
import { server } from '$lib/server/context';
import { refusing } from '$lib/server/refusal';
import { readJson } from '$lib/server/http';

export const PUT: RequestHandler = refusing(async (event) => {
	const admin = await requireAdmin(event);
	const body = await readJson(event.request, assignmentChange);
	const assignment = await setAssignment(
		server().db,
		event.params.userId ?? '',
		body,
		admin.authorityId
	);
	return json(assignment);
});
