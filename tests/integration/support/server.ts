/**
 * The integration harness: the production build (`npm run build` first, copied once per run by
 * global-setup.ts) run as real server processes, spoken to over real HTTP, each in a fresh data
 * folder on a free port, and stopped and removed afterwards. What a process printed is kept, so a
 * failure says what the server said.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import PouchDB from 'pouchdb';
import { inject } from 'vitest';
import { root } from './paths';

export { root };
export const demoPassword = 'demo-password-2026';

export interface RunningServer {
	url: string;
	dataDir: string;
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
	return await onFreePort((port) => launchServer(entry, port, options));
}

async function launchServer(
	entry: string,
	port: number,
	options: ServerOptions
): Promise<RunningServer> {
	const ownData = options.dataDir === undefined;
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pep-it-data-'));
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [entry], {
		cwd: root,
		env: {
			...inheritedEnv(),
			PEP_DATA_DIR: dataDir,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			PEP_DEMO: options.demo === false ? 'off' : 'on',
			// Stop promptly: a test's keep-alive connections must not hold the process open.
			SHUTDOWN_TIMEOUT: '1',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const running = supervise(child, 'app server', () => {
		if (ownData) rmSync(dataDir, { recursive: true, force: true });
	});
	await running.ready(`${url}/api/session`);
	return { url, dataDir, output: running.output, stop: running.stop };
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
	return await onFreePort((port) => launchCouch(bin, port));
}

async function launchCouch(bin: string, port: number): Promise<RunningCouch> {
	const dir = mkdtempSync(join(tmpdir(), 'pep-it-couch-'));
	const url = `http://127.0.0.1:${port}/`;
	const child = spawn(
		process.execPath,
		[bin, '--in-memory', '--port', String(port), '--host', '127.0.0.1', '--no-color'],
		{ cwd: dir, env: inheritedEnv(), stdio: ['ignore', 'pipe', 'pipe'] }
	);
	const running = supervise(child, 'pouchdb-server', () =>
		rmSync(dir, { recursive: true, force: true })
	);
	await running.ready(url);
	return { url, output: running.output, stop: running.stop };
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

/**
 * Runs `start` on a free port, and again on another if something took the port in the moment
 * between finding it and the server binding it.
 */
async function onFreePort<T>(start: (port: number) => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt += 1) {
		try {
			return await start(await freePort());
		} catch (error) {
			if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
		}
	}
}

/** A port nothing listens on now: the system's choice for a listener on port 0, released. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.unref();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('No free port.'))
			);
		});
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
			/^(PEP_|COUCHDB_URL$|ORIGIN$|PORT$|HOST$|ADDRESS_HEADER$|PROTOCOL_HEADER$|BODY_SIZE_LIMIT$)/.test(
				name
			)
		) {
			delete env[name];
		}
	}
	return env;
}

const running = new Set<ChildProcess>();
// If a test run dies without stopping its servers, do not leave them listening.
process.once('exit', () => {
	for (const child of running) child.kill('SIGKILL');
});

function supervise(child: ChildProcess, name: string, cleanUp: () => void) {
	running.add(child);
	let log = '';
	let complaints = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		log = (log + chunk.toString('utf8')).slice(-200_000);
	});
	child.stderr?.on('data', (chunk: Buffer) => {
		log = (log + chunk.toString('utf8')).slice(-200_000);
		complaints = (complaints + chunk.toString('utf8')).slice(-20_000);
	});
	const exited = new Promise<void>((resolve) => {
		child.once('exit', () => {
			running.delete(child);
			resolve();
		});
	});
	let stopping: Promise<void> | undefined;

	const stop = () => {
		stopping ??= (async () => {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
				await exited;
				clearTimeout(timer);
			}
			// A server error (a 500's cause) is printed to stderr: show it beside the failing test.
			if (complaints.trim()) console.error(`The ${name} wrote to stderr:\n${complaints}`);
			cleanUp();
		})();
		return stopping;
	};

	const ready = async (probe: string, timeoutMs = 60_000) => {
		const deadline = Date.now() + timeoutMs;
		let gone = false;
		void exited.then(() => (gone = true));
		while (Date.now() < deadline) {
			if (gone) {
				await stop();
				throw new Error(`The ${name} stopped before it answered. It said:\n${log}`);
			}
			try {
				const response = await fetch(probe, { signal: AbortSignal.timeout(2_000) });
				await response.body?.cancel();
				if (response.ok) return;
			} catch {
				// Not listening yet.
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		await stop();
		throw new Error(
			`The ${name} did not answer ${probe} within ${timeoutMs / 1000} s. It said:\n${log}`
		);
	};

	return { ready, stop, output: () => log };
}
