/**
 * The server root PouchDB asks for before it replicates, as CouchDB answers it. PouchDB uses the
 * `uuid` to name its replication checkpoints, so it must stay the same across restarts and
 * instances: it is derived from the shared session secret (and reveals nothing of it).
 */
import { createHash } from 'node:crypto';
import { json, type RequestHandler } from '@sveltejs/kit';
import { server } from '$lib/server/context';

export const trailingSlash = 'ignore';

export const GET: RequestHandler = () => {
	const uuid = createHash('sha256')
		.update(`couchdb-root:${server().sessionSecret}`)
		.digest('hex')
		.slice(0, 32);
	return json({ couchdb: 'Welcome', uuid, vendor: { name: 'Personal Education Plans' } });
};
