/**
 * The production server (`node server/index.js`, serving the build beside it) on a port of its
 * own, for the integration tests, the end-to-end tests' private servers and the benchmarks. Each
 * caller says which copy of the server to run and with what settings; this starts it, waits until
 * it answers, and stops it.
 */
import { onFreePort, startServerProcess, type ServerProcess } from './server-process';

export interface BuiltServerOptions {
	/** The `server/index.js` to run, beside the `build/` it serves. */
	entry: string;
	cwd: string;
	/**
	 * The server's settings (PEP_DATA_DIR, COUCHDB_URL, PEP_DEMO_DAY, PATH…). The address it
	 * listens on, HOST and PORT, is the launcher's; ORIGIN and SHUTDOWN_TIMEOUT have defaults
	 * that these may override.
	 */
	env: NodeJS.ProcessEnv;
	/** Listen on this port, as a restart on the same address must; otherwise a free one. */
	port?: number;
}

export interface BuiltServer extends ServerProcess {
	/** Where it answers: `http://127.0.0.1:<port>`, no trailing slash. */
	url: string;
	port: number;
}

/** Starts the server and resolves once `/api/session` answers. */
export async function startBuiltServer(options: BuiltServerOptions): Promise<BuiltServer> {
	const start = async (port: number): Promise<BuiltServer> => {
		const url = `http://127.0.0.1:${port}`;
		const server = await startServerProcess({
			name: 'app server',
			script: options.entry,
			cwd: options.cwd,
			env: {
				ORIGIN: url,
				// Stop promptly: a test's keep-alive connections must not hold the process open.
				SHUTDOWN_TIMEOUT: '1',
				...options.env,
				HOST: '127.0.0.1',
				PORT: String(port)
			},
			probe: `${url}/api/session`
		});
		return { ...server, url, port };
	};
	return options.port === undefined ? await onFreePort(start) : await start(options.port);
}
