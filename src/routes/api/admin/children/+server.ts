/**
 * Open a child's record (POST the profile without ids or stamps): the server gives the child an
 * id and files the record under the administrator's authority and the child's setting.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { createChild, newChild } from '$lib/server/admin/children';
import { requireAdmin } from '$lib/server/admin/guard';
import { server } from '$lib/server/context';
import { refusing } from '$lib/server/refusal';
import { readJson } from '$lib/server/http';

export const POST: RequestHandler = refusing(async (event) => {
	const admin = await requireAdmin(event);
	const body = await readJson(event.request, newChild);
	const child = await createChild(server().db.record, admin, body);
	return json(child, { status: 201 });
});
