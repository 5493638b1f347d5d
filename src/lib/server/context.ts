/**
 * What every request handler needs — settings, databases and the session secret — made once when
 * the server starts (hooks.server.ts `init`). It holds no per-user state.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, type Config } from './config';
import { openDatabases, type Databases } from './store/databases';

export interface ServerContext {
	config: Config;
	db: Databases;
	sessionSecret: string;
}

let context: ServerContext | undefined;

export function startContext(env: Record<string, string | undefined> = process.env): ServerContext {
	const config = loadConfig(env);
	const db = openDatabases(config);
	context = { config, db, sessionSecret: sessionSecret(config) };
	return context;
}

export function server(): ServerContext {
	if (!context) throw new Error('The server context was used before the server started.');
	return context;
}

/**
 * The secret that signs session cookies. Several instances must share one, so with CouchDB it
 * must be given; on the embedded store it is made once and kept beside the data.
 */
function sessionSecret(config: Config): string {
	if (config.PEP_SESSION_SECRET) return config.PEP_SESSION_SECRET;
	if (config.COUCHDB_URL) {
		throw new Error(
			'PEP_SESSION_SECRET must be set when COUCHDB_URL is: every instance signs sessions with it.'
		);
	}
	const file = join(resolve(config.PEP_DATA_DIR), 'session-secret');
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	const secret = randomBytes(32).toString('base64url');
	writeFileSync(file, secret, { mode: 0o600 });
	return secret;
}
