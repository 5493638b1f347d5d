/**
 * Accounts of the administrator's own authority: create one (POST), list them (GET, never with a
 * password hash). A duplicate email is a 409; a field at fault is a 400 that names it.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/admin/guard';
import { createUser, listUsers, newUser, refuseOtherAuthority } from '$lib/server/admin/users';
import { server } from '$lib/server/context';
import { refusing } from '$lib/server/refusal';
import { readJson } from '$lib/server/http';

export const POST: RequestHandler = refusing(async (event) => {
	const admin = await requireAdmin(event);
	const body = await readJson(event.request, newUser);
	const user = await Promise.resolve()
		.then(() => refuseOtherAuthority(body, admin.authorityId))
		.then(() => createUser(server().db.users, body));
	return json(user, { status: 201 });
});

export const GET: RequestHandler = refusing(async (event) => {
	const admin = await requireAdmin(event);
	return json({ users: await listUsers(server().db.users, admin.authorityId) });
});
