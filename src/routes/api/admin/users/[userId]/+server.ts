/** Disable an account (PATCH `{ "disabled": true }`): it can no longer sign in or be used. */
import { json, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import { requireAdmin } from '$lib/server/admin/guard';
import { disableUser } from '$lib/server/admin/users';
import { server } from '$lib/server/context';
import { refusing } from '$lib/server/refusal';
import { readJson } from '$lib/server/http';

const change = z.strictObject({
	disabled: z.literal(true, {
		error: 'must be true (an account is disabled, not re-enabled, here)'
	})
});

export const PATCH: RequestHandler = refusing(async (event) => {
	const admin = await requireAdmin(event);
	await readJson(event.request, change);
	const user = await disableUser(server().db.users, event.params.userId ?? '', admin.authorityId);
	return json(user);
});
