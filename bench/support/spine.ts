/**
 * What the benchmarks share: a fixture written straight into a fresh embedded data folder before
 * the server starts, the server process itself (the integration harness's), a stock CouchDB-protocol
 * server for baselines, device databases, a `fetch` that times every request by endpoint, a social
 * worker's caseload and a device pulling it, and the server process's memory and CPU read from /proc.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { generateAuthority } from '$lib/domain/fixtures/generator';
import type { Assignment, User } from '$lib/domain/schemas/users';
import { mayRead, type Access } from '$lib/server/gateway/access';
import { createAccount } from '$lib/server/auth/accounts';
import { openDatabases } from '$lib/server/store/databases';
import { signIn, startServer, type RunningServer } from '../../tests/integration/support/server';
import { onFreePort, startServerProcess } from '../../tests/support/server-process';

PouchDB.plugin(memoryAdapter);

export { signIn };

/**
 * How many documents a device replicates per batch: what the app's live sync asks for
 * (src/lib/client/data/sync.svelte.ts), so the devices here replicate as the app's do.
 */
export const appBatchSize = 250;

/** Every benchmark account signs in with this. */
export const benchPassword = 'bench-password-2026';

export interface Seed {
	documents: object[];
	assignments: Assignment[];
	/** Accounts to create, each with `benchPassword`. */
	users: User[];
}

/**
 * A fresh data folder holding exactly this fixture: accounts through `createAccount`, documents
 * and assignments with `bulkDocs`, the gateway's design document, then closed.
 */
export async function seedDataDir(seed: Seed): Promise<string> {
	const dataDir = mkdtempSync(join(tmpdir(), 'pep-bench-data-'));
	const db = openDatabases({ PEP_DATA_DIR: dataDir, COUCHDB_URL: undefined });
	try {
		// scrypt runs on libuv's four threads: four accounts at a time keep them busy.
		const queue = [...seed.users];
		await Promise.all(
			Array.from({ length: 4 }, async () => {
				for (let user = queue.shift(); user; user = queue.shift()) {
					await createAccount(db.users, user, benchPassword);
				}
			})
		);
		const all = [...seed.documents, ...seed.assignments];
		for (let i = 0; i < all.length; i += 500) {
			const results = await db.record.bulkDocs(
				all.slice(i, i + 500) as PouchDB.Core.PutDocument<object>[]
			);
			const failed = results.filter((r) => 'error' in r && r.error);
			if (failed.length > 0) throw new Error(`Seeding failed: ${JSON.stringify(failed[0])}`);
		}
	} finally {
		await db.record.close();
		await db.users.close();
	}
	return dataDir;
}

export function userFor(
	person: { userId: string; role: User['role']; displayName: string; email: string },
	authorityId: string
): User {
	return {
		type: 'user',
		schemaVersion: 1,
		userId: person.userId,
		email: person.email,
		displayName: person.displayName,
		role: person.role,
		authorityId,
		disabled: false,
		createdAt: '2026-11-23T08:00:00.000Z'
	};
}

/** The production build on this data folder, with no demo. */
export function startGateway(dataDir: string, env: Record<string, string> = {}) {
	return startServer({ dataDir, demo: false, env });
}

export function removeDir(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// A social worker's caseload: the authority, seeded, served, and signed in to.

/**
 * `generateAuthority({ seed: 1, children, years: 3, today: '2026-11-23' })` with one social worker
 * given every child (everyone else keeps the generator's assignment), and the ids of the
 * documents that person may read: every document and their own assignment.
 */
export function workerCaseload(children: number) {
	const fixture = generateAuthority({ seed: 1, children, years: 3, today: '2026-11-23' });
	const authorityId = fixture.authority.authorityId;
	const worker = fixture.users.find((u) => u.role === 'social-worker')!;
	const allChildren = fixture.children.map((c) => c.childId).sort();
	const assignments = fixture.assignments.map((a) =>
		a.userId === worker.userId ? { ...a, childIds: allChildren } : a
	);
	const access: Access = {
		userId: worker.userId,
		role: 'social-worker',
		authorityId,
		childIds: new Set(allChildren),
		sharedPepIds: new Set(),
		fingerprint: ''
	};
	const readableIds = [...fixture.documents, ...assignments]
		.map((d) => (d as { _id: string })._id)
		.filter((id) => mayRead(access, id));
	return { fixture, authorityId, worker, assignments, readableIds };
}

export type Caseload = ReturnType<typeof workerCaseload>;

/** A fresh data folder holding the caseload, with accounts for its social worker and `others`. */
export function seedCaseload(caseload: Caseload, others: Caseload['worker'][] = []) {
	return seedDataDir({
		documents: caseload.fixture.documents,
		assignments: caseload.assignments,
		users: [caseload.worker, ...others].map((person) => userFor(person, caseload.authorityId))
	});
}

/** The gateway on a seeded data folder, and the social worker's session cookie on it. */
export async function startCaseloadGateway(
	dataDir: string,
	caseload: Caseload,
	env: Record<string, string> = {}
) {
	const gateway = await startGateway(dataDir, env);
	const cookie = await signIn(gateway.url, caseload.worker.email, benchPassword);
	return { gateway, cookie };
}

/** One pull of a caseload into a device database, timed; the device is then destroyed. */
export interface Pull {
	ms: number;
	/** The CPU time (user + system) of this process, the device's side, during the pull. */
	deviceCpuMs: number;
	/** With `serverPid`: the CPU seconds the server process used during the pull. */
	serverCpu: number;
	/** Documents on the device after the pull. */
	docs: number;
	writeFailures: number;
	/** Why the replication failed, if it did. */
	failed?: string;
}

/**
 * A device's first sync: stock one-shot replication from `remote` into `local`, timed. Both are
 * closed afterwards and the device destroyed.
 */
export async function pullCaseload(
	local: PouchDB.Database,
	remote: PouchDB.Database,
	{ batch = appBatchSize, serverPid }: { batch?: number; serverPid?: number } = {}
): Promise<Pull> {
	const cpuBefore = serverPid === undefined ? 0 : cpuSecondsOf(serverPid);
	const started = performance.now();
	const cpu = process.cpuUsage();
	let failed: string | undefined;
	const result = await local.replicate.from(remote, { batch_size: batch }).catch((error: Error) => {
		failed = `the replication failed: ${error.message}`;
		return { doc_write_failures: 0 };
	});
	const elapsed = performance.now() - started;
	const used = process.cpuUsage(cpu);
	const serverCpu = serverPid === undefined ? 0 : cpuSecondsOf(serverPid) - cpuBefore;
	const docs = (await local.info()).doc_count;
	await local.destroy();
	await remote.close();
	return {
		ms: elapsed,
		deviceCpuMs: (used.user + used.system) / 1000,
		serverCpu,
		docs,
		writeFailures: result.doc_write_failures,
		failed
	};
}

// ---------------------------------------------------------------------------------------------
// A stock CouchDB-protocol server for baselines.

export interface RunningPouchServer {
	/** The server's root, with a trailing slash. */
	url: string;
	pid: number;
	stop(): Promise<void>;
}

/**
 * pouchdb-server (express-pouchdb over PouchDB 7 on LevelDB, on disk, no authentication) in its
 * own process, logging only errors, so a baseline pays no more than the protocol and the storage.
 */
export async function startPouchServer(): Promise<RunningPouchServer> {
	const require = createRequire(import.meta.url);
	const bin = join(
		require.resolve('pouchdb-server/package.json').replace(/package\.json$/, ''),
		'bin',
		'pouchdb-server'
	);
	const dir = mkdtempSync(join(tmpdir(), 'pep-bench-couch-'));
	writeFileSync(join(dir, 'config.json'), JSON.stringify({ log: { level: 'error' } }));
	try {
		return await onFreePort(async (port) => {
			const url = `http://127.0.0.1:${port}/`;
			const couch = await startServerProcess({
				name: 'pouchdb-server',
				script: bin,
				args: ['--port', String(port), '--host', '127.0.0.1', '--dir', dir, '--no-stdout-logs'],
				cwd: dir,
				env: process.env,
				probe: url,
				timeoutMs: 30_000
			});
			const stop = async () => {
				await couch.stop();
				removeDir(dir);
			};
			return { url, pid: couch.pid, stop };
		});
	} catch (error) {
		removeDir(dir);
		throw error;
	}
}

// ---------------------------------------------------------------------------------------------
// Devices, and timing each request.

let localCount = 0;

/** A fresh device database, in memory. */
export function localPouch(prefix = 'device'): PouchDB.Database {
	localCount += 1;
	return new PouchDB(`${prefix}-${process.pid}-${localCount}-${Date.now()}`, {
		adapter: 'memory'
	});
}

export interface RequestTiming {
	endpoint: string;
	ms: number;
	/** 0 when the request failed before an answer. */
	status: number;
	/** When it was answered (or failed), in ms since the recorder was made. */
	at: number;
	/** Why it failed, for a request with no answer: the error and its cause's code. */
	reason?: string;
}

/** Collects the timing of every request made through `timedFetch`. */
export class Recorder {
	readonly timings: RequestTiming[] = [];
	readonly origin = performance.now();
	/** Requests sent and not yet answered in full: now, and the most at any moment. */
	inFlight = 0;
	peakInFlight = 0;

	byEndpoint(): Map<string, RequestTiming[]> {
		const groups = new Map<string, RequestTiming[]>();
		for (const timing of this.timings) {
			if (!groups.has(timing.endpoint)) groups.set(timing.endpoint, []);
			groups.get(timing.endpoint)!.push(timing);
		}
		return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
	}

	/** Answers that are not a normal part of replication (a missing checkpoint's 404 is, and the root's). */
	unexpected(): RequestTiming[] {
		return this.timings.filter(
			(t) => t.status === 0 || t.status >= 500 || (t.status >= 400 && !isMissingCheckpoint(t))
		);
	}
}

function isMissingCheckpoint(timing: RequestTiming): boolean {
	return (
		timing.status === 404 &&
		(timing.endpoint === 'GET _local' || timing.endpoint === 'GET server root')
	);
}

/** Which replication endpoint a request is, by method and the path after the database's. */
export function endpointOf(method: string, url: string, dbPath: string): string {
	const path = new URL(url).pathname;
	// PouchDB asks the server's root for a uuid (to name the replication); a 404 is fine.
	if (!path.startsWith(dbPath)) return `${method} server root`;
	const rest = path.slice(dbPath.length).replace(/^\/+/, '');
	const first = rest.split('/')[0] ?? '';
	if (first === '') return `${method} info`;
	if (first.startsWith('_')) return `${method} ${first}`;
	return rest.includes('/') ? `${method} {doc}/{attachment}` : `${method} {doc}`;
}

const nullBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for PouchDB that adds the session cookie and times each request to its last byte
 * (the body is read here, then handed on), filed under its endpoint.
 */
export function timedFetch(recorder: Recorder, dbPath: string, cookie?: string) {
	return async (input: string | URL | Request, init?: RequestInit) => {
		const headers = new Headers(init?.headers as HeadersInit | undefined);
		if (cookie) headers.set('cookie', cookie);
		const method = (init?.method ?? 'GET').toUpperCase();
		const url = String(input instanceof Request ? input.url : input);
		const endpoint = endpointOf(method, url, dbPath);
		const started = performance.now();
		recorder.inFlight += 1;
		recorder.peakInFlight = Math.max(recorder.peakInFlight, recorder.inFlight);
		try {
			const response = await fetch(input, { ...init, headers });
			const body = nullBodyStatuses.has(response.status) ? null : await response.arrayBuffer();
			const now = performance.now();
			recorder.timings.push({
				endpoint,
				ms: now - started,
				status: response.status,
				at: now - recorder.origin
			});
			const copy = new Response(body, {
				status: response.status,
				statusText: response.statusText,
				headers: response.headers
			});
			// PouchDB in Node reads attachments with node-fetch's `buffer()`.
			return Object.assign(copy, { buffer: async () => Buffer.from(body ?? new ArrayBuffer(0)) });
		} catch (error) {
			const now = performance.now();
			const cause = (error as { cause?: { code?: string } }).cause?.code;
			recorder.timings.push({
				endpoint,
				ms: now - started,
				status: 0,
				at: now - recorder.origin,
				reason: `${(error as Error).name}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`
			});
			throw error;
		} finally {
			recorder.inFlight -= 1;
		}
	};
}

/** A remote database as a device sees it, every request timed. */
export function timedRemote(
	url: string,
	recorder: Recorder,
	cookie?: string,
	dbPath = '/db/pep'
): PouchDB.Database {
	return new PouchDB(`${url}${dbPath}`, {
		skip_setup: true,
		fetch: timedFetch(recorder, dbPath, cookie)
	});
}

// ---------------------------------------------------------------------------------------------
// The server process, seen from /proc.

/** The process id of a server this process started. */
export function serverPid(server: RunningServer): number {
	return server.pid;
}

/** Resident memory now, and the peak the kernel has seen (VmHWM), in bytes. */
export function memoryOf(pid: number): { rss: number; hwm: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kib = (name: string) =>
		Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
	return { rss: kib('VmRSS') * 1024, hwm: kib('VmHWM') * 1024 };
}

/** CPU time (user + system) the process has used so far, in seconds. */
export function cpuSecondsOf(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Samples a process's resident memory every `everyMs`, keeping the peak and the series. */
export function sampleMemory(pid: number, everyMs = 100) {
	const samples: { at: number; rss: number }[] = [];
	const started = performance.now();
	const take = () => {
		try {
			samples.push({ at: performance.now() - started, rss: memoryOf(pid).rss });
		} catch {
			// The process has gone.
		}
	};
	take();
	const timer = setInterval(take, everyMs);
	return {
		samples,
		peak: () => Math.max(...samples.map((s) => s.rss)),
		/** The peak between two moments (ms since sampling started). */
		peakBetween: (from: number, to: number) =>
			Math.max(0, ...samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.rss)),
		elapsed: () => performance.now() - started,
		stop: () => {
			take();
			clearInterval(timer);
		}
	};
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
