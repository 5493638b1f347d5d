/**
 * The integration harness: the production build (`npm run build` first, copied once per run by
 * global-setup.ts) run as real server processes, spoken to over real HTTP, each in a fresh data
 * folder on a free port, and stopped and removed afterwards. What a process printed is kept, so a
 * failure says what the server said.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import PouchDB from 'pouchdb';
import { inject } from 'vitest';
import { startBuiltServer } from '../../support/built-server';
import {
	freePort,
	onFreePort,
	startServerProcess,
	type ServerProcess
} from '../../support/server-process';
import { root } from './paths';

export { freePort, root };
export const demoPassword = 'demo-password-2026';

export interface RunningServer {
	url: string;
	dataDir: string;
	/** The server's process id, to read its memory and CPU from /proc. */
	pid: number;
	/** Everything the process has printed so far. */
	output(): string;
	stop(): Promise<void>;
}

export interface ServerOptions {
	/** Settings on top of the harness's own (a fresh PEP_DATA_DIR, a free PORT, HOST, ORIGIN). */
	env?: Record<string, string>;
	/** Seed the demo authority (default true). */
	demo?: boolean;
	/** Use this data folder instead of a fresh one; it is then left in place on stop. */
	dataDir?: string;
}

/** Starts the production server (`node server/index.js`) and resolves once it answers. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
	const entry = productionBuild();
	const ownData = options.dataDir === undefined;
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pep-it-data-'));
	const removeData = () => {
		if (ownData) rmSync(dataDir, { recursive: true, force: true });
	};
	try {
		const server = await startBuiltServer({
			entry,
			cwd: root,
			env: {
				...inheritedEnv(),
				PEP_DATA_DIR: dataDir,
				PEP_DEMO: options.demo === false ? 'off' : 'on',
				...options.env
			}
		});
		return {
			url: server.url,
			dataDir,
			pid: server.pid,
			output: server.output,
			stop: stopping(server, 'app server', removeData)
		};
	} catch (error) {
		removeData();
		throw error;
	}
}

export interface RunningCouch {
	/** The server's root URL, with a trailing slash, as COUCHDB_URL takes it. */
	url: string;
	output(): string;
	stop(): Promise<void>;
}

/**
 * A CouchDB-compatible server (pouchdb-server, in memory) on a free port. It writes its
 * config.json and log.txt into its working directory, so that is a temporary folder too.
 */
export async function startCouchServer(): Promise<RunningCouch> {
	const require = createRequire(import.meta.url);
	const bin = join(
		require.resolve('pouchdb-server/package.json').replace(/package\.json$/, ''),
		'bin',
		'pouchdb-server'
	);
	const dir = mkdtempSync(join(tmpdir(), 'pep-it-couch-'));
	const removeDir = () => rmSync(dir, { recursive: true, force: true });
	try {
		return await onFreePort(async (port) => {
			const url = `http://127.0.0.1:${port}/`;
			const couch = await startServerProcess({
				name: 'pouchdb-server',
				script: bin,
				args: ['--in-memory', '--port', String(port), '--host', '127.0.0.1', '--no-color'],
				cwd: dir,
				env: inheritedEnv(),
				probe: url
			});
			return { url, output: couch.output, stop: stopping(couch, 'pouchdb-server', removeDir) };
		});
	} catch (error) {
		removeDir();
		throw error;
	}
}

/** Signs in over HTTP and returns the session cookie as a `Cookie` header value. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
	const response = await fetch(`${url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify({ email, password })
	});
	if (response.status !== 200) {
		throw new Error(`Signing in as ${email} failed: ${response.status} ${await response.text()}`);
	}
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0]!)
		.find((pair) => pair.startsWith('pep_session='));
	if (!cookie) throw new Error(`Signing in as ${email} set no session cookie.`);
	return cookie;
}

/** Signs in as a demo person and asks the server who that is: their cookie and user id. */
export async function signedInAccount(
	url: string,
	email: string,
	password = demoPassword
): Promise<{ cookie: string; userId: string }> {
	const cookie = await signIn(url, email, password);
	const me = (await (await fetch(`${url}/api/session`, { headers: { cookie } })).json()) as {
		user: { userId: string };
	};
	return { cookie, userId: me.user.userId };
}

/**
 * A Node PouchDB speaking to the gateway (`/db/pep`) as the signed-in user. Requests go through
 * Node's own fetch with the cookie added, not PouchDB's default fetch, whose cookie jar is shared
 * by every database in the process and would mix one user's session into another's requests.
 */
export function remotePouch(url: string, cookie: string, path = '/db/pep'): PouchDB.Database {
	return new PouchDB(`${url}${path}`, {
		skip_setup: true,
		fetch: async (input, init) => {
			const headers = new Headers(init?.headers as HeadersInit | undefined);
			headers.set('cookie', cookie);
			const response = await fetch(input, { ...init, headers });
			// PouchDB in Node reads attachments with node-fetch's `buffer()`.
			return Object.assign(response, {
				buffer: async () => Buffer.from(await response.arrayBuffer())
			});
		}
	});
}

/** The run's copy of the server and build (see global-setup.ts), or the project's own outside such a run. */
function productionBuild(): string {
	let copy: string | undefined;
	try {
		copy = inject('productionBuild');
	} catch {
		// Not inside a vitest run with the global setup.
	}
	const entry = copy ?? join(root, 'server', 'index.js');
	if (!existsSync(join(dirname(entry), '..', 'build', 'handler.js'))) {
		throw new Error('There is no production build: run `npm run build` before these tests.');
	}
	return entry;
}

/** The environment without this app's settings, so a developer's shell cannot leak into a test. */
function inheritedEnv(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const name of Object.keys(env)) {
		if (
			/^(PEP_|COUCHDB_URL$|ORIGIN$|PORT$|HOST$|ADDRESS_HEADER$|PROTOCOL_HEADER$|BODY_SIZE_LIMIT$|SHUTDOWN_TIMEOUT$)/.test(
				name
			)
		) {
			delete env[name];
		}
	}
	return env;
}

/**
 * Stops a server and then removes what was made for it. A server error (a 500's cause) is
 * printed to stderr: show it beside the failing test.
 */
function stopping(server: ServerProcess, name: string, cleanUp: () => void): () => Promise<void> {
	let stopped: Promise<void> | undefined;
	return () => {
		stopped ??= (async () => {
			await server.stop();
			if (server.stderr().trim()) console.error(`The ${name} wrote to stderr:\n${server.stderr()}`);
			cleanUp();
		})();
		return stopped;
	};
}
