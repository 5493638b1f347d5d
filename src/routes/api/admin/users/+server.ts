/**
 * Accounts, for an administrator: create one (POST), list them all (GET, never with a password
 * hash). A duplicate email is a 409; a field at fault is a 400 that names it.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { answerRefusal, requireAdmin } from '$lib/server/admin/guard';
import { createUser, listUsers, newUser } from '$lib/server/admin/users';
import { server } from '$lib/server/context';
import { readJson } from '$lib/server/http';

export const POST: RequestHandler = async (event) => {
	await requireAdmin(event);
	const body = await readJson(event.request, newUser);
	const user = await createUser(server().db.users, body).catch(answerRefusal);
	return json(user, { status: 201 });
};

export const GET: RequestHandler = async (event) => {
	await requireAdmin(event);
	return json({ users: await listUsers(server().db.users) });
};
