/**
 * Initial sync: a social worker's new device pulls a caseload of 25 children with three years of
 * PEPs through the gateway, against stock replication of the same documents from pouchdb-server
 * over HTTP with no authorization, measured in the same run, alternately.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { expect, test } from 'vitest';
import {
	mib,
	median,
	max,
	min,
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
	localPouch,
	memoryOf,
	pullCaseload,
	Recorder,
	removeDir,
	seedCaseload,
	serverPid,
	startCaseloadGateway,
	startGateway,
	startPouchServer,
	timedRemote,
	workerCaseload,
	type Caseload,
	type RunningPouchServer
} from './support/spine';
import { probeEnv, startProfiling, stopProfiling, summariseProfile } from './support/profile';

const runs = 5;
const targetSeconds = 10;
const targetRatio = 1.5;

/**
 * The issue's 25 children; and a caseload of about 2,500 documents, the size it expected of them
 * (the fixture generator gives 25 children about 1,900: one document per part of each PEP).
 */
const caseloadSizes = [25, 33];

let caseload: Caseload;
let readableIds: string[];
/** The app's batch size, and PouchDB's default (a device on a stock client, or an older app). */
const batchSizes = [appBatchSize, 100];

interface Run {
	side: 'gateway' | 'baseline';
	batch: number;
	ms: number;
	docs: number;
	serverCpu: number;
	recorder: Recorder;
	problems: string[];
}

let dataDir: string;
let gateway: Awaited<ReturnType<typeof startGateway>>;
let couch: RunningPouchServer;
let cookie: string;

async function setUp(children: number) {
	caseload = workerCaseload(children);
	readableIds = caseload.readableIds;
	dataDir = await seedCaseload(caseload);
	// The baseline's copy: exactly what the gateway lets this person read, same revisions, put
	// into pouchdb-server by replication straight from the embedded backend's files.
	couch = await startPouchServer();
	const created = await fetch(`${couch.url}pep`, { method: 'PUT' });
	if (!created.ok) throw new Error(`Could not create the baseline database: ${created.status}`);
	const source = new PouchDB(join(dataDir, 'pep'));
	const target = new PouchDB(`${couch.url}pep`, { skip_setup: true });
	await source.replicate.to(target, { doc_ids: readableIds, batch_size: 500 });
	await source.close();
	await target.close();
	({ gateway, cookie } = await startCaseloadGateway(dataDir, caseload));
}

async function tearDown() {
	await gateway?.stop();
	await couch?.stop();
	if (dataDir) removeDir(dataDir);
}

async function pull(side: Run['side'], batch: number): Promise<Run> {
	const recorder = new Recorder();
	const remote =
		side === 'gateway'
			? timedRemote(gateway.url, recorder, cookie)
			: timedRemote(couch.url.replace(/\/$/, ''), recorder, undefined, '/pep');
	const pid = side === 'gateway' ? serverPid(gateway) : couch.pid;
	const local = localPouch(`initial-${side}`);
	const pulled = await pullCaseload(local, remote, { batch, serverPid: pid });
	const { docs, writeFailures, failed } = pulled;
	// Anything but a clean pull of every readable document is reported, and fails the run.
	const problems = [
		...recorder
			.unexpected()
			.map((t) => `${t.endpoint} answered ${t.status || `nothing (${t.reason ?? '?'})`}`),
		...(failed ? [failed] : []),
		...(writeFailures > 0 ? [`${writeFailures} documents not written`] : []),
		...(docs !== readableIds.length ? [`${docs} documents arrived, not ${readableIds.length}`] : [])
	].map((p) => `${side}, batches of ${batch}: ${p}`);
	return { side, batch, ms: pulled.ms, docs, serverCpu: pulled.serverCpu, recorder, problems };
}

test.each(caseloadSizes)(
	'initial sync of a %i-child caseload: gateway against stock replication',
	async (children) => {
		await setUp(children);
		try {
			await measure(children);
		} finally {
			await tearDown();
		}
	}
);

async function measure(children: number) {
	const { fixture, assignments } = caseload;
	const peps = fixture.documents.filter((d) => d.type === 'pep').length;
	const attachments = fixture.documents.filter((d) => '_attachments' in d && d._attachments).length;
	const jsonBytes = fixture.documents.reduce((sum, d) => sum + JSON.stringify(d).length, 0);
	const started = performance.now();
	// One unmeasured pull each first: the server loads its routes lazily, and the JIT warms up.
	const warmUp = [await pull('gateway', appBatchSize), await pull('baseline', appBatchSize)];
	const measured: Run[] = [];
	for (let i = 0; i < runs; i += 1) {
		for (const batch of batchSizes) {
			measured.push(await pull('gateway', batch));
			measured.push(await pull('baseline', batch));
		}
	}
	const serverMemory = memoryOf(serverPid(gateway));
	const problems = [...new Set([...warmUp, ...measured].flatMap((r) => r.problems))];

	const results = batchSizes.map((batch) => {
		const gatewayRuns = measured.filter((r) => r.side === 'gateway' && r.batch === batch);
		const baselineRuns = measured.filter((r) => r.side === 'baseline' && r.batch === batch);
		const g = median(gatewayRuns.map((r) => r.ms));
		const ratio = g / median(baselineRuns.map((r) => r.ms));
		return { batch, gatewayRuns, baselineRuns, g, ratio };
	});
	const worst = [...results].sort((x, y) => y.ratio - x.ratio)[0]!;

	// Profile the gateway when it misses its ratio, or when asked to (BENCH_PROFILE=1).
	const missed = worst.ratio > targetRatio;
	const profile =
		missed || process.env.BENCH_PROFILE === '1'
			? await profileGateway(missed, missed ? worst.batch : appBatchSize)
			: '';

	const label = (batch: number) =>
		batch === appBatchSize
			? `batches of ${batch} (the app's)`
			: `batches of ${batch} (PouchDB's default)`;
	const rows = results.flatMap(({ batch, gatewayRuns, baselineRuns }) =>
		[
			['through the gateway', gatewayRuns] as const,
			['baseline: pouchdb-server, no authorization', baselineRuns] as const
		].map(([name, list]) => [
			`${name}, ${label(batch)}`,
			ms(median(list.map((r) => r.ms))),
			ms(min(list.map((r) => r.ms))),
			ms(max(list.map((r) => r.ms))),
			list.map((r) => (r.ms / 1000).toFixed(2)).join(', '),
			`${median(list.map((r) => r.serverCpu)).toFixed(2)} s`,
			list[0]!.docs,
			Math.round(median(list.map((r) => r.recorder.timings.length)))
		])
	);
	const figures = results.flatMap(({ batch, g, ratio }) => [
		[
			`through the gateway, median, ${label(batch)}`,
			ms(g),
			`≤ ${targetSeconds} s`,
			verdict(g <= targetSeconds * 1000)
		],
		[
			`ratio of medians, gateway / baseline, ${label(batch)}`,
			`${ratio.toFixed(2)}×`,
			`≤ ${targetRatio}×`,
			verdict(ratio <= targetRatio)
		]
	]);

	const markdown = [
		sectionHead(
			children === caseloadSizes[0]
				? 'Initial sync of a caseload'
				: `Initial sync of a larger caseload (${children} children, about 2,500 documents)`
		),
		`A social worker's new device (a fresh Node PouchDB in memory, \`pouchdb-adapter-memory\`) pulls
its whole caseload with stock one-shot PouchDB 9 replication,
\`local.replicate.from(remote, { batch_size })\`: in batches of ${appBatchSize}, as the app's sync asks
for, and of 100, PouchDB's default. The fixture is \`generateAuthority({ seed: 1, children: ${children},
years: 3, today: '2026-11-23' })\`, with one social worker given all ${children} children:
${fixture.documents.length} documents (the authority, ${children} child records and every part of ${peps} PEPs,
${attachments} of them holding a small file, ${mib(jsonBytes)} of JSON) and ${assignments.length}
assignments. This person may read ${readableIds.length} of them: every document and their own
assignment. The data is written straight into a fresh embedded data folder (LevelDB) before the
server starts with \`PEP_DEMO=off\`.

**Baseline:** the same ${readableIds.length} documents with the same revisions, copied from the
embedded backend's files into \`pouchdb-server\` (express-pouchdb over PouchDB 7.3 on LevelDB, on
disk, no authentication, logging only errors) in its own process, and pulled by the same client
code over HTTP: stock replication with no authorization, no SvelteKit and no filtering. ${runs}
runs of each side at each batch size, alternating (gateway, baseline, gateway, baseline …), after
one unmeasured warm-up pull of each (gateway ${ms(warmUp[0]!.ms)}, baseline ${ms(warmUp[1]!.ms)}).
"Server CPU" is the user + system time the server process used during one pull (from
\`/proc/<pid>/stat\`).`,
		table(
			['', 'median', 'min', 'max', 'runs (s)', 'server CPU (median)', 'documents', 'requests'],
			rows
		),
		table(['figure', 'value', 'target', ''], figures),
		`Where the time goes, by endpoint: client-side, each request timed to its last byte, over the
${runs} measured pulls of each side. PouchDB keeps several requests in flight (attachments are
fetched one by one, in parallel), so the summed time is more than the pull's.`,
		...results.flatMap(({ batch, gatewayRuns, baselineRuns }) => [
			`With ${label(batch)}:`,
			endpointTable(gatewayRuns, baselineRuns)
		]),
		problems.length
			? `**Problems** (a pull that is not clean is still timed, but the figures above are then not a
fair comparison):\n\n${problems.map((p) => `- ${p}`).join('\n')}`
			: '',
		`The gateway's resident memory after these pulls: ${mib(serverMemory.rss)} (peak ${mib(serverMemory.hwm)}).`,
		profile,
		`This benchmark took ${((performance.now() - started) / 1000).toFixed(0)} s, not counting seeding.`
	]
		.filter(Boolean)
		.join('\n\n');
	print(markdown);
	writeSection(
		children === caseloadSizes[0] ? 'initial-sync' : `initial-sync-${children}`,
		markdown
	);
	expect(problems, 'replications that were not clean').toEqual([]);
}

function endpointTable(gatewayRuns: Run[], baselineRuns: Run[]): string {
	const summarise = (list: Run[]) => {
		const merged = new Recorder();
		for (const run of list) merged.timings.push(...run.recorder.timings);
		return merged.byEndpoint();
	};
	const g = summarise(gatewayRuns);
	const b = summarise(baselineRuns);
	const endpoints = [...new Set([...g.keys(), ...b.keys()])].sort();
	const cell = (list: { ms: number }[] | undefined, runsOf: number) => {
		if (!list) return ['—', '—', '—', '—'];
		const times = list.map((t) => t.ms);
		return [
			(list.length / runsOf).toFixed(0),
			ms(median(times)),
			ms(percentile(times, 95)),
			ms(times.reduce((sum, t) => sum + t, 0) / runsOf)
		];
	};
	return table(
		[
			'endpoint',
			'gateway: requests per pull',
			'median',
			'p95',
			'summed per pull',
			'baseline: requests per pull',
			'median',
			'p95',
			'summed per pull'
		],
		endpoints.map((e) => [
			`\`${e}\``,
			...cell(g.get(e), gatewayRuns.length),
			...cell(b.get(e), baselineRuns.length)
		])
	);
}

/**
 * A second gateway on the same data with V8's sampling profiler (bench/support/server-probe.mjs)
 * on for two pulls after an unprofiled warm-up one, and where the server spent its time.
 */
async function profileGateway(missed: boolean, batch: number): Promise<string> {
	const dir = mkdtempSync(join(tmpdir(), 'pep-bench-prof-'));
	const file = join(dir, 'gateway.cpuprofile');
	try {
		await gateway.stop();
		({ gateway, cookie } = await startCaseloadGateway(
			dataDir,
			caseload,
			probeEnv({ cpuProfile: file })
		));
		await pull('gateway', batch); // warm up, unprofiled
		const pid = serverPid(gateway);
		await startProfiling(pid);
		await pull('gateway', batch);
		await pull('gateway', batch);
		const profile = await stopProfiling(pid, file);
		if (!profile) return '_The CPU profile was not written._';
		// BENCH_PROFILE_OUT=path keeps the raw profile (open it in Chrome DevTools).
		if (process.env.BENCH_PROFILE_OUT) copyFileSync(file, process.env.BENCH_PROFILE_OUT);
		const why = missed
			? `a ratio is above ${targetRatio}×, so `
			: 'asked for with BENCH_PROFILE=1: ';
		return summariseProfile(
			profile,
			`**Profile of the gateway** (${why}a second server on the same data ran V8's sampling
profiler for two pulls in batches of ${batch}, after an unprofiled warm-up pull).`
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
