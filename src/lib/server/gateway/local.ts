/**
 * `_local` documents: replication checkpoints. Each person's are kept apart under their own
 * prefix, so nobody reads or overwrites another's, and they never replicate.
 */
import { z } from 'zod';
import { isNotFound } from '../store/databases';
import type { Access } from './access';
import { GatewayError } from './request';

const localId = (access: Access, name: string) => `_local/${access.userId}__${name}`;

const checkpoint = z
	.object({ _rev: z.string().max(200).optional() })
	.catchall(z.unknown())
	.refine((doc) => JSON.stringify(doc).length <= 64_000, { error: 'must be smaller than 64 KB' });

export async function localDocument(db: PouchDB.Database, access: Access, name: string) {
	try {
		const doc = await db.get(localId(access, name));
		return { ...doc, _id: `_local/${name}` };
	} catch (error) {
		if (isNotFound(error)) throw new GatewayError(404, 'not_found', 'missing');
		throw error;
	}
}

export async function putLocalDocument(
	db: PouchDB.Database,
	access: Access,
	name: string,
	body: unknown
) {
	const parsed = checkpoint.safeParse(body);
	if (!parsed.success)
		throw new GatewayError(
			400,
			'bad_request',
			'A checkpoint must be a JSON object smaller than 64 KB.'
		);
	const result = await db.put({ ...parsed.data, _id: localId(access, name) });
	return { ok: true, id: `_local/${name}`, rev: result.rev };
}
