/**
 * The replication gateway at /db/pep: the CouchDB replication protocol, so stock PouchDB
 * replication works against it, with every read filtered and every write checked for the person
 * signed in (src/lib/server/gateway). The backend itself is never exposed.
 */
import type { RequestHandler } from '@sveltejs/kit';
import { dispatch } from '$lib/server/gateway/endpoints';

// PouchDB asks for `/db/pep/` with a slash; CouchDB answers both forms.
export const trailingSlash = 'ignore';

export const GET: RequestHandler = (event) => dispatch('GET', event);
export const POST: RequestHandler = (event) => dispatch('POST', event);
export const PUT: RequestHandler = (event) => dispatch('PUT', event);
export const DELETE: RequestHandler = (event) => dispatch('DELETE', event);
