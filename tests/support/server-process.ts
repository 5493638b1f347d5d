/**
 * A server run as a child Node process for the tests and benchmarks: started, waited for until
 * it answers over HTTP, and stopped with a grace period. What it prints is kept, so a failure can
 * say what the server said.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface ServerProcessOptions {
	/** How messages name it: "app server", "pouchdb-server". */
	name: string;
	/** The Node script to run, and its arguments. */
	script: string;
	args?: string[];
	cwd: string;
	/** The whole environment the process gets: nothing is added to it. */
	env: NodeJS.ProcessEnv;
	/** A URL that answers 2xx once the server is ready. */
	probe: string;
	/** How long it may take to answer (default a minute). */
	timeoutMs?: number;
}

export interface ServerProcess {
	pid: number;
	/** The last of everything the process printed, stdout and stderr as they came. */
	output(): string;
	/** The last of what it printed to stderr, where the server reports its errors. */
	stderr(): string;
	/** SIGTERM, then SIGKILL if it has not exited within the grace period; resolves once it has. */
	stop(): Promise<void>;
}

/** Thrown when a server exits, or does not answer in time, before it is ready. */
export class ServerDidNotStart extends Error {
	constructor(
		message: string,
		readonly stderr: string
	) {
		super(message);
		this.name = 'ServerDidNotStart';
	}
}

const pollMs = 100;
const probeTimeoutMs = 2_000;
/** How long a server has to finish its requests and close its databases once asked to stop. */
const stopGraceMs = 5_000;
const outputKept = 200_000;
const stderrKept = 20_000;
/** As much of stderr as an error message quotes: enough for a stack trace and its cause. */
const stderrQuoted = 8_000;

const running = new Set<ChildProcess>();
// If a run dies without stopping its servers, do not leave them listening.
process.once('exit', () => {
	for (const child of running) child.kill('SIGKILL');
});

/** Starts the process and resolves once its probe answers; stops it again if it never does. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
	const child = spawn(process.execPath, [options.script, ...(options.args ?? [])], {
		cwd: options.cwd,
		env: options.env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	running.add(child);
	let output = '';
	let stderr = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		output = (output + chunk.toString('utf8')).slice(-outputKept);
	});
	child.stderr?.on('data', (chunk: Buffer) => {
		output = (output + chunk.toString('utf8')).slice(-outputKept);
		stderr = (stderr + chunk.toString('utf8')).slice(-stderrKept);
	});
	// A process that could not be started at all (no such folder, say) reports it as an error.
	let spawnError: Error | undefined;
	// 'close' rather than 'exit': it comes once stdout and stderr are read to their end, so the
	// last words of a server that failed (an EADDRINUSE, a stack trace) are in the message.
	const exited = new Promise<void>((resolve) => {
		const done = () => {
			running.delete(child);
			resolve();
		};
		child.once('close', done);
		child.once('error', (error) => {
			spawnError = error;
			done();
		});
	});
	let gone = false;
	void exited.then(() => (gone = true));

	let stopping: Promise<void> | undefined;
	const stop = () => {
		stopping ??= (async () => {
			if (!gone) {
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
				await exited;
				clearTimeout(timer);
			}
		})();
		return stopping;
	};

	const failure = (what: string) => {
		const said = stderr.trim()
			? `Its stderr ended with:\n${stderr.slice(-stderrQuoted)}`
			: output.trim()
				? `It wrote nothing to stderr. Its output ended with:\n${output.slice(-stderrQuoted)}`
				: 'It printed nothing.';
		return new ServerDidNotStart(`The ${options.name} ${what}. ${said}`, stderr);
	};

	const deadline = Date.now() + (options.timeoutMs ?? 60_000);
	while (Date.now() < deadline) {
		if (gone) {
			await stop();
			const how = spawnError
				? `could not be started in ${options.cwd} (${spawnError.message})`
				: `exited (${child.signalCode ?? `code ${child.exitCode}`}) before it answered ${options.probe}`;
			throw failure(how);
		}
		if (await answers(options.probe)) {
			return { pid: child.pid!, output: () => output, stderr: () => stderr, stop };
		}
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
	await stop();
	throw failure(`did not answer ${options.probe} within ${(options.timeoutMs ?? 60_000) / 1000} s`);
}

async function answers(url: string): Promise<boolean> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(probeTimeoutMs) });
		await response.body?.cancel();
		return response.ok;
	} catch {
		return false; // Not listening yet.
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

/**
 * Runs `start` on a free port, and again on another if something took the port in the moment
 * between finding it and the server binding it.
 */
export async function onFreePort<T>(start: (port: number) => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt += 1) {
		try {
			return await start(await freePort());
		} catch (error) {
			const portTaken = error instanceof ServerDidNotStart && error.stderr.includes('EADDRINUSE');
			if (attempt >= 3 || !portTaken) throw error;
		}
	}
}
