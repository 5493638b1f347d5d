/**
 * The two server databases behind one PouchDB interface: embedded PouchDB on disk by default, or
 * a CouchDB 3 server when COUCHDB_URL is set (PouchDB speaks CouchDB's HTTP API, so the rest of
 * the server does not know which it has).
 *   pep   — the shared record that devices replicate, through the gateway only;
 *   users — accounts, credentials and sign-in attempts; never replicated to any device.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import PouchDB from 'pouchdb';
import type { Config } from '../config';

export interface Databases {
	record: PouchDB.Database;
	users: PouchDB.Database;
	/** What the databases are, for the start-up message (never with credentials). */
	description: string;
}

export function openDatabases(config: Pick<Config, 'PEP_DATA_DIR' | 'COUCHDB_URL'>): Databases {
	if (config.COUCHDB_URL) {
		const base = new URL(config.COUCHDB_URL);
		const at = (name: string) => new PouchDB(new URL(name, withSlash(base)).toString());
		return {
			record: at('pep'),
			users: at('pep_users'),
			description: `CouchDB at ${base.protocol}//${base.host}${base.pathname}`
		};
	}
	const dir = resolve(config.PEP_DATA_DIR);
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	return {
		record: new PouchDB(join(dir, 'pep')),
		users: new PouchDB(join(dir, 'users')),
		description: `embedded PouchDB in ${dir}`
	};
}

function withSlash(url: URL): URL {
	const copy = new URL(url);
	if (!copy.pathname.endsWith('/')) copy.pathname += '/';
	copy.username = url.username;
	copy.password = url.password;
	return copy;
}

/** True for PouchDB's "not found" error, which is an answer rather than a failure. */
export function isNotFound(error: unknown): boolean {
	return (
		typeof error === 'object' && error !== null && (error as { status?: number }).status === 404
	);
}

export function isConflict(error: unknown): boolean {
	return (
		typeof error === 'object' && error !== null && (error as { status?: number }).status === 409
	);
}
