/**
 * Load: 200 simulated devices, each its own person with a small caseload, against one server
 * process on a realistic authority. Each signs in, pulls its caseload, then pushes 20 edits, one
 * replication each. Counted: errors, the time of every request by endpoint, and the server's
 * resident memory, sampled every 100 ms from /proc.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import { generateAuthority } from '$lib/domain/fixtures/generator';
import type { Assignment, User } from '$lib/domain/schemas/users';
import {
	max,
	mb,
	median,
	ms,
	percentile,
	print,
	sectionHead,
	table,
	verdict,
	writeSection
} from './support/report';
import {
	appBatchSize,
	benchPassword,
	cpuSecondsOf,
	localPouch,
	memoryOf,
	Recorder,
	removeDir,
	sampleMemory,
	seedDataDir,
	serverPid,
	signIn,
	sleep,
	startGateway,
	timedRemote,
	type RequestTiming
} from './support/spine';
import {
	describeMemory,
	probeEnv,
	readMemoryLog,
	startProfiling,
	stopProfiling,
	summariseProfile
} from './support/profile';

const clients = 200;
const socialWorkers = 160;
const editsEach = 20;
/** Devices in their pull-and-push at once; the rest wait their turn (a rolling pool). */
const concurrency = 50;
/** Sign-ins at once: each is a deliberately slow scrypt hash on the server. */
const signInConcurrency = 20;
const budgetMs = 15 * 60_000;
const targetMemoryBytes = 400e6;

const today = '2026-11-23';
const fixture = generateAuthority({ seed: 2, children: 200, years: 3, today });
const authorityId = fixture.authority.authorityId;
const children = fixture.children;

interface Client {
	user: User;
	/** The documents this person edits: their own part of one child's PEPs. */
	editable: string[];
	/** Which part of the document the edit changes. */
	field: 'education' | 'progressOverview';
}

const planned = planClients();

/**
 * 160 social workers, each holding 3 to 5 children (child i and others spread through the
 * authority, so children are shared), who edit Section A of child i's PEPs; and 40 designated
 * teachers, each assigned one school, who edit Section B of one child there.
 */
function planClients(): { clients: Client[]; assignments: Assignment[] } {
	const list: Client[] = [];
	const assignments: Assignment[] = [];
	const at = `${today}T08:00:00.000Z`;
	const partsOf = (childId: string, type: string) =>
		fixture.documents
			.filter((d) => d.type === type && (d as { childId?: string }).childId === childId)
			.map((d) => String(d._id));
	for (let i = 0; i < socialWorkers; i += 1) {
		const userId = `bench-sw-${String(i).padStart(3, '0')}`;
		const held = [0, 40, 80, 120, 160]
			.slice(0, 3 + (i % 3))
			.map((offset) => children[(i + offset) % children.length]!.childId);
		list.push({
			user: benchUser(userId, 'social-worker', `sw${i}`),
			editable: partsOf(held[0]!, 'pep-a'),
			field: 'education'
		});
		assignments.push({
			_id: `assign:${userId}`,
			type: 'assignment',
			schemaVersion: 1,
			userId,
			role: 'social-worker',
			childIds: [...held].sort(),
			schoolIds: [],
			authorityIds: [],
			updatedAt: at
		});
	}
	const schools = [...new Set(children.flatMap((c) => (c.schoolId ? [c.schoolId] : [])))].sort();
	for (let j = 0; j < clients - socialWorkers; j += 1) {
		const userId = `bench-dt-${String(j).padStart(3, '0')}`;
		const schoolId = schools[j % schools.length]!;
		const pupils = children.filter((c) => c.schoolId === schoolId);
		const child = pupils[Math.floor(j / schools.length) % pupils.length]!;
		list.push({
			user: benchUser(userId, 'designated-teacher', `dt${j}`),
			editable: partsOf(child.childId, 'pep-b'),
			field: 'progressOverview'
		});
		assignments.push({
			_id: `assign:${userId}`,
			type: 'assignment',
			schemaVersion: 1,
			userId,
			role: 'designated-teacher',
			childIds: [],
			schoolIds: [schoolId],
			authorityIds: [],
			updatedAt: at
		});
	}
	return { clients: list, assignments };
}

function benchUser(userId: string, role: User['role'], handle: string): User {
	return {
		type: 'user',
		schemaVersion: 1,
		userId,
		email: `${handle}@bench.example.org`,
		displayName: `Bench ${handle}`,
		role,
		authorityId,
		disabled: false,
		createdAt: `${today}T08:00:00.000Z`
	};
}

interface Outcome {
	signedIn: boolean;
	pulled: number;
	pullMs: number;
	pushMs: number[];
	pushed: number;
	/** What went wrong, and when (ms since the pull-and-push phase began). */
	errors: { at: number; message: string }[];
}

let dataDir: string;
let gateway: Awaited<ReturnType<typeof startGateway>>;
/** The server's own account of its memory, and (BENCH_PROFILE=1) its CPU profile. */
const probeDir = mkdtempSync(join(tmpdir(), 'pep-bench-probe-'));
const memoryLog = join(probeDir, 'memory.json');
const cpuProfile = join(probeDir, 'load.cpuprofile');
const profiling = process.env.BENCH_PROFILE === '1';
let indexBuild = { ms: NaN, peak: NaN };

beforeAll(async () => {
	dataDir = await seedDataDir({
		documents: fixture.documents,
		assignments: [...fixture.assignments, ...planned.assignments],
		users: planned.clients.map((c) => c.user)
	});
	// The server reads the whole record once as it starts, to index children by school and
	// authority (gateway/scope-index.ts): time the start, to when it answers.
	const starting = performance.now();
	gateway = await startGateway(
		dataDir,
		probeEnv({ memoryLog, ...(profiling ? { cpuProfile } : {}) })
	);
	indexBuild = { ms: performance.now() - starting, peak: memoryOf(serverPid(gateway)).hwm };
}, 900_000);

afterAll(async () => {
	await gateway?.stop();
	if (dataDir) removeDir(dataDir);
	removeDir(probeDir);
});

/** Runs `work` over `items`, `limit` at a time, stopping new work after the deadline. */
async function pool<T>(
	items: T[],
	limit: number,
	deadline: number,
	work: (item: T) => Promise<void>
) {
	const queue = [...items];
	await Promise.all(
		Array.from({ length: limit }, async () => {
			for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
				if (performance.now() > deadline) return;
				await work(item);
			}
		})
	);
}

test('load: 200 devices pull their caseloads and push 20 edits each', async () => {
	const pid = serverPid(gateway);
	const memory = sampleMemory(pid, 100);
	const idleRss = memoryOf(pid).rss;
	const deadline = performance.now() + budgetMs;
	const outcomes = new Map<Client, Outcome>();
	const cookies = new Map<Client, string>();
	const active = new Set<{ cancel(): void }>();

	// Sign-ins first, timed as an endpoint of their own.
	const signIns = new Recorder();
	const signInStart = memory.elapsed();
	const cpuAtStart = cpuSecondsOf(pid);
	const clientCpuAtStart = process.cpuUsage();
	const signInStarted = performance.now();
	await pool(planned.clients, signInConcurrency, deadline, async (client) => {
		const outcome: Outcome = {
			signedIn: false,
			pulled: 0,
			pullMs: 0,
			pushMs: [],
			pushed: 0,
			errors: []
		};
		outcomes.set(client, outcome);
		const started = performance.now();
		try {
			cookies.set(client, await signIn(gateway.url, client.user.email, benchPassword));
			outcome.signedIn = true;
			signIns.timings.push({
				endpoint: 'POST /api/session',
				ms: performance.now() - started,
				status: 200,
				at: performance.now() - signIns.origin
			});
		} catch (error) {
			signIns.timings.push({
				endpoint: 'POST /api/session',
				ms: performance.now() - started,
				status: 0,
				at: performance.now() - signIns.origin,
				reason: (error as Error).message
			});
			outcome.errors.push({ at: 0, message: `sign-in: ${(error as Error).message}` });
		}
	});
	const signInMs = performance.now() - signInStarted;
	const signInEnd = memory.elapsed();
	const cpuAfterSignIn = cpuSecondsOf(pid);

	// Then every device pulls and pushes, `concurrency` at a time.
	const requests = new Recorder();
	if (profiling) await startProfiling(pid);
	const syncStarted = performance.now();
	// At the time limit, what is still replicating is cancelled; what fails after that was cut off.
	let cutOffAt = Infinity;
	const watchdog = setTimeout(
		() => {
			cutOffAt = performance.now() - requests.origin;
			for (const replication of active) replication.cancel();
		},
		Math.max(0, deadline - performance.now())
	);
	await pool(
		planned.clients.filter((c) => cookies.has(c)),
		concurrency,
		deadline,
		async (client) => {
			const outcome = outcomes.get(client)!;
			const remote = timedRemote(gateway.url, requests, cookies.get(client));
			const local = localPouch('load');
			const run = async <R>(replication: PromiseLike<R> & { cancel(): void }) => {
				active.add(replication);
				try {
					return await replication;
				} finally {
					active.delete(replication);
				}
			};
			try {
				let started = performance.now();
				const pulled = await run(local.replicate.from(remote, { batch_size: appBatchSize }));
				outcome.pullMs = performance.now() - started;
				outcome.pulled = pulled.docs_written;
				if (pulled.doc_write_failures > 0) {
					outcome.errors.push({
						at: performance.now() - requests.origin,
						message: `pull: ${pulled.doc_write_failures} documents not written`
					});
				}
				for (let i = 0; i < editsEach && performance.now() < deadline; i += 1) {
					const id = client.editable[i % client.editable.length]!;
					const doc = await local.get<Record<string, unknown>>(id);
					const part = doc[client.field] as Record<string, unknown>;
					const text = `Load edit ${i + 1} by ${client.user.userId}`;
					await local.put({
						...doc,
						[client.field]:
							client.field === 'education' ? { ...part, notes: text } : { ...part, text },
						updated: { by: client.user.userId, at: new Date().toISOString() }
					});
					started = performance.now();
					const pushed = await run(local.replicate.to(remote, { batch_size: appBatchSize }));
					outcome.pushMs.push(performance.now() - started);
					outcome.pushed += pushed.docs_written;
					if (pushed.doc_write_failures > 0) {
						const reasons = pushed.errors.map((e) => (e as Error).message).join('; ');
						outcome.errors.push({
							at: performance.now() - requests.origin,
							message: `push: ${pushed.doc_write_failures} refused (${reasons})`
						});
					}
				}
			} catch (error) {
				outcome.errors.push({
					at: performance.now() - requests.origin,
					message: `replication: ${(error as Error).message}`
				});
			} finally {
				await local.destroy().catch(() => undefined);
				await remote.close().catch(() => undefined);
			}
		}
	);
	clearTimeout(watchdog);
	const syncMs = performance.now() - syncStarted;
	// Let cancelled replications' last requests finish before anything stops (up to a minute).
	for (let i = 0; i < 600 && requests.inFlight > 0; i += 1) await sleep(100);
	const profile = profiling ? await stopProfiling(pid, cpuProfile) : null;
	if (profile && process.env.BENCH_PROFILE_OUT)
		copyFileSync(cpuProfile, process.env.BENCH_PROFILE_OUT);
	const inside = readMemoryLog(memoryLog);
	const syncEnd = memory.elapsed();
	memory.stop();
	const cpuAtEnd = cpuSecondsOf(pid);
	const clientCpu = process.cpuUsage(clientCpuAtStart);
	const end = memoryOf(pid);

	// Figures.
	const all = [...outcomes.values()];
	const finished = all.filter((o) => o.signedIn && o.pushMs.length === editsEach).length;
	const failures = all.flatMap((o) => o.errors);
	const clientErrors = failures.filter((e) => e.at < cutOffAt).map((e) => e.message);
	const failedRequests = [...signIns.timings, ...requests.timings].filter(isError);
	const httpErrors = [
		...signIns.timings.filter(isError),
		...requests.timings.filter((t) => isError(t) && t.at < cutOffAt)
	];
	const errorCount = clientErrors.length + httpErrors.length;
	const cutOff = failures.length - clientErrors.length + failedRequests.length - httpErrors.length;
	const signInPeak = memory.peakBetween(signInStart, signInEnd);
	const syncPeak = memory.peakBetween(signInEnd, syncEnd);
	const peak = Math.max(memory.peak(), end.hwm);
	const pullTimes = all.filter((o) => o.pullMs > 0).map((o) => o.pullMs);
	const pushTimes = all.flatMap((o) => o.pushMs);
	const docsPulled = all.reduce((sum, o) => sum + o.pulled, 0);
	const docsPushed = all.reduce((sum, o) => sum + o.pushed, 0);

	const endpointRows = [...signIns.byEndpoint(), ...requests.byEndpoint()].map(
		([endpoint, timings]) => {
			const times = timings.map((t) => t.ms);
			return [
				`\`${endpoint}\``,
				timings.length,
				ms(median(times)),
				ms(percentile(times, 95)),
				ms(percentile(times, 99)),
				ms(max(times)),
				timings.filter((t) => isError(t) && t.at < cutOffAt).length,
				timings.filter((t) => isError(t) && t.at >= cutOffAt).length
			];
		}
	);
	const errorSample = [...new Set([...clientErrors, ...httpErrors.map(describeTiming)])].slice(
		0,
		5
	);
	// What the server printed about its 500s (its log also holds a line for every 404).
	const serverErrors = gateway
		.output()
		.split('\n')
		.filter((line) => line.trim() && !/\[404\]/.test(line))
		.filter((line) => !/^(Personal Education Plans|Listening on)/.test(line))
		.slice(0, 12)
		.join('\n');

	const markdown = [
		sectionHead('Load: 200 devices on one server process'),
		`One server process (the production build, embedded LevelDB) on a realistic authority:
\`generateAuthority({ seed: 2, children: 200, years: 3, today: '${today}' })\`, ${fixture.documents.length}
documents, written into a fresh data folder; the server indexes children by school and authority
from its changes feed as it starts. ${clients} simulated devices in this one Node process, each its own person:
${socialWorkers} social workers holding 3 to 5 children each (children are shared between them),
who edit Section A, and ${clients - socialWorkers} designated teachers holding one school each,
who edit Section B. Each device signs in, pulls its caseload into a fresh in-memory PouchDB
(one-shot \`replicate.from\`, batches of ${appBatchSize} as the app's sync asks for), then makes ${editsEach} edits, each committed locally and pushed with
its own one-shot \`replicate.to\`. All sign in first, ${signInConcurrency} at a time (each is a
deliberately slow scrypt hash). Then all ${clients} are queued and **${concurrency} devices at a
time** pull and push (a rolling pool: the next starts as one finishes; PouchDB keeps several
requests in flight per device, on Node's default HTTP agent, which does not cap sockets). The
server works on a bounded number of replication requests at once (\`PEP_GATEWAY_CONCURRENCY\`, left at
its default); the rest wait their turn in its line, and count as in flight below. The
whole run is bounded at ${budgetMs / 60_000} minutes. Requests are timed in the client, by method and
endpoint, to the last byte. The server's resident memory (VmRSS) is sampled from
\`/proc/<pid>/status\` every 100 ms; VmHWM is the kernel's own peak since the process started.
The devices and the server share the machine's cores.`,
		table(
			['figure', 'value', 'target', ''],
			[
				[
					'devices that finished (signed in, pulled, pushed all edits)',
					`${finished} of ${clients}`,
					'',
					''
				],
				[
					'errors (failed replications, refused or failed requests)',
					errorCount,
					'0',
					verdict(errorCount === 0)
				],
				...(Number.isFinite(cutOffAt)
					? [
							[
								`replications and requests cut off at the ${budgetMs / 60_000}-minute limit`,
								cutOff,
								'',
								''
							]
						]
					: []),
				[
					'server peak memory (VmRSS sampled; VmHWM)',
					`${mb(Math.max(signInPeak, syncPeak))}; ${mb(end.hwm)}`,
					`≤ ${mb(targetMemoryBytes)}`,
					verdict(peak <= targetMemoryBytes)
				],
				[
					'server memory: idle before, peak during sign-ins, peak during sync, after',
					`${mb(idleRss)}, ${mb(signInPeak)}, ${mb(syncPeak)}, ${mb(end.rss)}`,
					'',
					''
				],
				['requests in flight at once, at most', requests.peakInFlight, '', ''],
				[
					"the server's start, reading the whole record into its scope index, to its first answer",
					`${ms(indexBuild.ms)}, peak memory by then ${mb(indexBuild.peak)}`,
					'',
					''
				],
				[
					'sign-in phase',
					`${(signInMs / 1000).toFixed(1)} s, server CPU ${(cpuAfterSignIn - cpuAtStart).toFixed(1)} s`,
					'',
					''
				],
				[
					'pull-and-push phase',
					`${(syncMs / 1000).toFixed(1)} s, server CPU ${(cpuAtEnd - cpuAfterSignIn).toFixed(1)} s, devices' CPU ${((clientCpu.user + clientCpu.system) / 1e6).toFixed(1)} s (both phases)`,
					'',
					''
				],
				['documents pulled, in all', docsPulled, '', ''],
				['edits pushed and accepted', `${docsPushed} of ${clients * editsEach}`, '', ''],
				[
					"a device's pull: median, p95, max",
					`${ms(median(pullTimes))}, ${ms(percentile(pullTimes, 95))}, ${ms(max(pullTimes))}`,
					'',
					''
				],
				[
					'one edit pushed (`replicate.to`): median, p95, max',
					`${ms(median(pushTimes))}, ${ms(percentile(pushTimes, 95))}, ${ms(max(pushTimes))}`,
					'',
					''
				]
			]
		),
		inside
			? `Inside the server (\`process.memoryUsage()\` every 100 ms, from a preloaded probe): ${describeMemory(inside)}`
			: '',
		`Requests by endpoint (an error is a failed request, a 5xx, or a 4xx other than the 404 of a
checkpoint not yet written or of the server root PouchDB asks for a uuid):`,
		table(
			['endpoint', 'requests', 'median', 'p95', 'p99', 'max', 'errors', 'cut off at the limit'],
			endpointRows
		),
		errorSample.length
			? `Errors (up to five kinds):\n\n${errorSample.map((e) => `- ${e}`).join('\n')}`
			: '',
		serverErrors
			? `What the server printed (its first lines other than 404s):\n\n\`\`\`\n${serverErrors}\n\`\`\``
			: '',
		profile
			? summariseProfile(
					profile,
					'**Profile of the server during the pull-and-push phase** (asked for with BENCH_PROFILE=1; the profiler slows the server, so the figures above are from a profiled run).'
				)
			: ''
	]
		.filter(Boolean)
		.join('\n\n');
	print(markdown);
	writeSection('load', markdown);
});

function isError(timing: RequestTiming): boolean {
	if (timing.status === 0 || timing.status >= 500) return true;
	if (timing.status === 404) {
		return timing.endpoint !== 'GET _local' && timing.endpoint !== 'GET server root';
	}
	return timing.status >= 400;
}

function describeTiming(timing: RequestTiming): string {
	const answer = timing.status ? `answered ${timing.status}` : `failed: ${timing.reason ?? '?'}`;
	return `${timing.endpoint} ${answer}`;
}
