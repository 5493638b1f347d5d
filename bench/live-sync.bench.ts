/**
 * Live sync: two devices of two people who both see one child, each running live two-way
 * replication through the gateway. Device A (the social worker) commits an edit to a part both may
 * read; the time until it lands in device B's database (the designated teacher's) is measured.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
	max,
	median,
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
	benchPassword,
	cpuSecondsOf,
	localPouch,
	Recorder,
	removeDir,
	seedCaseload,
	serverPid,
	signIn,
	sleep,
	startGateway,
	timedRemote,
	workerCaseload
} from './support/spine';

const edits = 50;
const spacingMs = 200;
const targetP95Ms = 1_000;
/** How long to wait for the last edits to arrive before counting them lost. */
const settleMs = 30_000;

const caseload = workerCaseload(25);
const { fixture, worker } = caseload;
// The designated teacher of the first child with a school, and every child at that school.
const school = fixture.children.find((c) => c.schoolId)!.schoolId!;
const teacher = fixture.users.find(
	(u) =>
		u.role === 'designated-teacher' &&
		fixture.assignments.find((a) => a.userId === u.userId)?.schoolIds.includes(school)
)!;
const shared = new Set(fixture.children.filter((c) => c.schoolId === school).map((c) => c.childId));
// Section A of their PEPs: the social worker writes it, the teacher reads it.
const editable = fixture.documents
	.filter((d) => d.type === 'pep-a' && shared.has((d as { childId: string }).childId))
	.map((d) => String(d._id));

type LiveSync = PouchDB.Replication.Sync<object>;

interface Device {
	name: string;
	db: PouchDB.Database;
	remote: PouchDB.Database;
	recorder: Recorder;
	sync: LiveSync;
}

let dataDir: string;
let gateway: Awaited<ReturnType<typeof startGateway>>;
const devices: Device[] = [];

beforeAll(async () => {
	dataDir = await seedCaseload(caseload, [teacher]);
	gateway = await startGateway(dataDir);
}, 600_000);

afterAll(async () => {
	for (const device of devices) {
		device.sync.cancel();
		await device.db.destroy().catch(() => undefined);
	}
	await gateway?.stop();
	if (dataDir) removeDir(dataDir);
});

/** Whether a process is still running (not gone, and not a zombie waiting to be reaped). */
function running(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
	} catch {
		return false;
	}
}

/** Signs in, starts live sync as the app does, and waits for the first pull to settle. */
async function startDevice(name: string, email: string): Promise<Device> {
	const cookie = await signIn(gateway.url, email, benchPassword);
	const recorder = new Recorder();
	const remote = timedRemote(gateway.url, recorder, cookie);
	const db = localPouch(`live-${name}`);
	const sync = db.sync(remote, { live: true, retry: true, batch_size: appBatchSize });
	const device = { name, db, remote, recorder, sync };
	devices.push(device);
	// Caught up: the pull has gone quiet with the remote's documents in (bounded at 5 minutes).
	const deadline = Date.now() + 5 * 60_000;
	let idle = false;
	void sync.on('paused', () => (idle = true));
	void sync.on('active', () => (idle = false));
	while (Date.now() < deadline) {
		await sleep(250);
		if (idle && (await db.info()).doc_count > 0) {
			await sleep(500);
			if (idle) return device;
		}
	}
	throw new Error(`Device ${name} did not finish its first sync within 5 minutes.`);
}

test('live sync: an edit on one device reaches another', async () => {
	const a = await startDevice('A', worker.email);
	const b = await startDevice('B', teacher.email);
	const docsA = (await a.db.info()).doc_count;
	const docsB = (await b.db.info()).doc_count;
	for (const id of editable) expect(await b.db.get(id)).toBeTruthy();

	// When each edit was committed on A and when B first held it (or a later edit of the same
	// document, which carries it: the changes feed shows only a document's newest revision).
	const committed: number[] = [];
	const arrived: (number | undefined)[] = Array.from({ length: edits }, () => undefined);
	const marker = /^bench live edit #(\d+)$/;
	const feed = b.db.changes({ live: true, since: 'now', include_docs: true });
	void feed.on('change', (change) => {
		const at = performance.now();
		const notes = (change.doc as { education?: { notes?: string } } | undefined)?.education?.notes;
		const match = marker.exec(notes ?? '');
		if (!match) return;
		const newest = Number(match[1]);
		for (let i = newest; i >= 0; i -= editable.length) {
			if (arrived[i] === undefined && committed[i] !== undefined) arrived[i] = at;
		}
	});

	const pid = serverPid(gateway);
	const cpuBefore = cpuSecondsOf(pid);
	const requestsBefore = [a.recorder.timings.length, b.recorder.timings.length];
	const started = performance.now();
	for (let i = 0; i < edits; i += 1) {
		await sleep(Math.max(0, started + i * spacingMs - performance.now()));
		const id = editable[i % editable.length]!;
		const doc = await a.db.get<Record<string, unknown>>(id);
		committed[i] = performance.now();
		await a.db.put({
			...doc,
			education: { ...(doc.education as object), notes: `bench live edit #${i}` },
			updated: { by: worker.userId, at: new Date().toISOString() }
		});
	}
	const waitUntil = performance.now() + settleMs;
	while (arrived.some((t) => t === undefined) && performance.now() < waitUntil) await sleep(50);
	const elapsed = performance.now() - started;
	const serverCpu = cpuSecondsOf(pid) - cpuBefore;
	feed.cancel();

	const unexpected = [...a.recorder.unexpected(), ...b.recorder.unexpected()];

	// Both devices go offline (the app closed, the tablet asleep) while their long polls are open:
	// the server must carry on.
	for (const device of devices) device.sync.cancel();
	await sleep(1_500);
	const survived = running(pid);
	const serverSaid = gateway.output().slice(-2_000);

	const latencies = arrived.flatMap((t, i) => (t === undefined ? [] : [t - committed[i]!]));
	const lost = edits - latencies.length;
	const p95 = percentile(latencies, 95);

	const during = (device: Device, from: number) => {
		const timings = device.recorder.timings.slice(from);
		const counts = new Map<string, number[]>();
		for (const t of timings) {
			if (!counts.has(t.endpoint)) counts.set(t.endpoint, []);
			counts.get(t.endpoint)!.push(t.ms);
		}
		return counts;
	};
	const duringA = during(a, requestsBefore[0]!);
	const duringB = during(b, requestsBefore[1]!);
	const endpoints = [...new Set([...duringA.keys(), ...duringB.keys()])].sort();
	const cell = (list: number[] | undefined) => (list ? [list.length, ms(median(list))] : [0, '—']);

	const markdown = [
		sectionHead('Live sync between two devices'),
		`Device A is the social worker's and device B the designated teacher's, both fresh Node
PouchDBs in memory running \`local.sync(remote, { live: true, retry: true, batch_size: ${appBatchSize} })\`
through the gateway, as the app does, on the initial-sync fixture (\`generateAuthority({ seed: 1, children: 25, years: 3,
today: '2026-11-23' })\`, the social worker holding all 25 children; A holds ${docsA} documents, B
${docsB}: the ${shared.size} children at B's school). Once both have caught up, A commits ${edits}
edits ${spacingMs} ms apart (each a new revision of Section A of one of those children's PEPs, a
part A writes and B reads, with \`updated.by\` A's user id), cycling through the ${editable.length} such
documents. The latency of an edit is from just before A's \`put\` to the moment B's
\`changes({ live: true, since: 'now' })\` reports it. No baseline: the figure is absolute.`,
		table(
			['edits', 'arrived', 'p50', 'p95', 'max', 'min', 'target', ''],
			[
				[
					edits,
					latencies.length,
					ms(percentile(latencies, 50)),
					ms(p95),
					ms(max(latencies)),
					ms(min(latencies)),
					`p95 ≤ ${ms(targetP95Ms)}`,
					verdict(lost === 0 && p95 <= targetP95Ms)
				]
			]
		),
		`Requests while the edits were made (${(elapsed / 1000).toFixed(1)} s, counting the wait for the
last to arrive), by endpoint, with their median time to the last byte. \`_changes\` is the
long poll, answered when a change is there, so its time is mostly waiting. The gateway used
${serverCpu.toFixed(2)} s of CPU in that time; unexpected answers or failed requests: ${unexpected.length}.`,
		table(
			['endpoint', 'A: requests', 'median', 'B: requests', 'median'],
			endpoints.map((e) => [`\`${e}\``, ...cell(duringA.get(e)), ...cell(duringB.get(e))])
		),
		survived
			? 'Then both devices stopped syncing with their long polls open; the server carried on.'
			: `**Then both devices stopped syncing with their long polls open, and the server process
exited.** The end of what it printed:\n\n\`\`\`\n${serverSaid.trim()}\n\`\`\``
	].join('\n\n');
	print(markdown);
	writeSection('live-sync', markdown);
	expect(lost, 'edits that never reached device B').toBe(0);
	expect(survived, 'the server is still running after the devices went offline').toBe(true);
});
