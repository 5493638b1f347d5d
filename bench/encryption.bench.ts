/**
 * The cost of encryption at rest, on versus off in the same run:
 *   - committing a PEP part (a draft sealed in Dexie becomes a sealed revision in PouchDB);
 *   - syncing 2,500 documents from the gateway into an empty device database;
 * and the unlock time with the app's 600,000 PBKDF2-SHA-256 iterations. Target: each on/off
 * ratio of medians ≤ 1.3.
 *
 * The device databases are PouchDB's memory adapter and fake-indexeddb in Node, with Node's
 * WebCrypto: the storage is faster than a browser's IndexedDB, so the share of time spent
 * encrypting, and so the ratio, is if anything larger here than on a tablet.
 */
import 'fake-indexeddb/auto';
import { chromium } from '@playwright/test';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { encryptLocalRecord } from '$lib/client/data/encrypted-pouch';
import { Cipher } from '$lib/client/security/cipher';
import { createKey, minimumIterations, unlockKey } from '$lib/client/security/passcode-key';
import { chromiumArgs, findChromium } from '../tests/e2e/support/chromium';
import { commitsInChromium } from './support/browser-commits';
import { measureCommits, type CommitRun } from './support/commit-measure';
import { median, ms, print, sectionHead, table, verdict, writeSection } from './support/report';
import {
	appBatchSize,
	localPouch,
	pullCaseload,
	removeDir,
	seedCaseload,
	startCaseloadGateway,
	startGateway,
	timedRemote,
	Recorder,
	workerCaseload
} from './support/spine';

const targetRatio = 1.3;
const syncRuns = 9;
/** Commits per block; blocks alternate off and on. */
const commits = 25;
const commitBlocks = 8;
const unlockRuns = 5;

const caseload = workerCaseload(33);
const { fixture, worker } = caseload;
const readable = caseload.readableIds.length;

let dataDir: string;
let gateway: Awaited<ReturnType<typeof startGateway>>;
let cookie: string;

beforeAll(async () => {
	dataDir = await seedCaseload(caseload);
	({ gateway, cookie } = await startCaseloadGateway(dataDir, caseload));
}, 600_000);

afterAll(async () => {
	await gateway?.stop();
	if (dataDir) removeDir(dataDir);
});

const quickCipher = async () =>
	new Cipher((await createKey('bench-passcode', { testOnlyIterations: 1 })).key);

/** Wall time, and the CPU time of this process (the device's side: the server has its own). */
async function syncOnce(encrypted: boolean): Promise<{ ms: number; cpuMs: number; docs: number }> {
	const remote = timedRemote(gateway.url, new Recorder(), cookie);
	const plain = localPouch(encrypted ? 'sealed' : 'plain');
	const local = encrypted ? encryptLocalRecord(plain, await quickCipher()) : plain;
	const pull = await pullCaseload(local, remote);
	if (pull.failed) throw new Error(pull.failed);
	return { ms: pull.ms, cpuMs: pull.deviceCpuMs, docs: pull.docs };
}

async function unlockTimes(): Promise<{ node: number[]; chromium: number[] }> {
	const node: number[] = [];
	const { stored } = await createKey('bench-passcode');
	expect(stored.iterations).toBe(minimumIterations);
	for (let i = 0; i < unlockRuns; i++) {
		const started = performance.now();
		await unlockKey('bench-passcode', stored);
		node.push(performance.now() - started);
	}
	// The same derivation in the browser the app runs in (a secure context: 127.0.0.1).
	const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
	try {
		const page = await browser.newPage();
		await page.goto(`${gateway.url}/sign-in`);
		const inBrowser = await page.evaluate(
			async ({ iterations, runs }) => {
				const times: number[] = [];
				for (let i = 0; i < runs; i++) {
					const started = performance.now();
					const material = await crypto.subtle.importKey(
						'raw',
						new TextEncoder().encode('bench-passcode'),
						'PBKDF2',
						false,
						['deriveBits']
					);
					await crypto.subtle.deriveBits(
						{ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(16), iterations },
						material,
						256
					);
					times.push(performance.now() - started);
				}
				return times;
			},
			{ iterations: minimumIterations, runs: unlockRuns }
		);
		return { node, chromium: inBrowser };
	} finally {
		await browser.close();
	}
}

test('measures the cost of encryption at rest', async () => {
	// Off and on alternate, so a busy moment on the machine falls on both alike; one of each
	// first, not counted, warms the server and the JIT.
	await syncOnce(false);
	await syncOnce(true);
	const sync = { off: [] as number[], on: [] as number[] };
	const syncCpu = { off: [] as number[], on: [] as number[] };
	let docs = 0;
	for (let run = 0; run < syncRuns; run++) {
		for (const encrypted of run % 2 ? [true, false] : [false, true]) {
			const result = await syncOnce(encrypted);
			docs = result.docs;
			expect(result.docs).toBe(readable);
			sync[encrypted ? 'on' : 'off'].push(result.ms);
			syncCpu[encrypted ? 'on' : 'off'].push(result.cpuMs);
		}
	}
	const commitRun: CommitRun = {
		sectionA: structuredClone(
			fixture.documents.find((d) => d.type === 'pep-a')
		) as CommitRun['sectionA'],
		userId: worker.userId,
		commits,
		blocks: commitBlocks
	};
	const commit = await measureCommits(commitRun, (name) => localPouch(name));
	// The same commits on a browser's IndexedDB and WebCrypto, as on a tablet.
	const browserCommit = await commitsInChromium(commitRun);
	const unlock = await unlockTimes();

	const syncRatio = median(sync.on) / median(sync.off);
	const cpuRatio = median(syncCpu.on) / median(syncCpu.off);
	const commitRatio = median(commit.on) / median(commit.off);
	const browserCommitRatio = median(browserCommit.on) / median(browserCommit.off);
	const section = [
		sectionHead('Cost of encryption at rest'),
		'',
		`In one run, with encryption off (a plain device database) and on (documents and attachments sealed with AES-GCM by \`src/lib/client/data/encrypted-pouch.ts\`, drafts sealed in Dexie). The sync, and the commit's first figure, run in Node, on PouchDB's memory adapter and fake-indexeddb with Node's WebCrypto: storage there costs next to nothing, so encryption's share of the time is far larger than on a tablet. The commit is therefore also measured where the app runs, in headless Chromium on the browser's own IndexedDB and WebCrypto (\`bench/support/browser-commits.ts\`: the app's own modules, bundled for the page), and that is the figure held to the target.`,
		'',
		`- **Sync**: an empty device pulls the caseload of a social worker holding all ${fixture.children.length} children of the seeded authority (${docs.toLocaleString('en-GB')} documents, with their attachments) from the production build's gateway over HTTP, in batches of ${appBatchSize}; ${syncRuns} runs each way, alternating, after one of each not counted.`,
		`- **Commit**: one Section A part is typed (a draft written to Dexie) and committed (a new PouchDB revision, checked by the schemas) ${commits * commitBlocks} times each way, in alternating blocks of ${commits} after a block of each not counted; in Chromium, then in Node. A commit seals two things (the draft, then the revision), each one WebCrypto call that hands the work to another thread and waits for the answer; what this device has just sealed is not decrypted again when the commit reads it back (\`SealMemo\` in \`src/lib/client/security/cipher.ts\`).`,
		`  The machine is shared (see the load average), so wall times vary from run to run; the device's CPU time is given beside them as the steadier measure of the work encryption adds.`,
		`- **Unlock**: PBKDF2-SHA-256 with ${minimumIterations.toLocaleString('en-GB')} iterations and unwrapping the data key, ${unlockRuns} times, in Node and in Chromium.`,
		'',
		table(
			['what', 'off (median)', 'on (median)', 'ratio', 'target', ''],
			[
				[
					`sync ${docs.toLocaleString('en-GB')} documents`,
					ms(median(sync.off)),
					ms(median(sync.on)),
					syncRatio.toFixed(2),
					`≤ ${targetRatio}`,
					verdict(syncRatio <= targetRatio)
				],
				[
					'sync: the device process’s CPU time',
					ms(median(syncCpu.off)),
					ms(median(syncCpu.on)),
					cpuRatio.toFixed(2),
					'(for reading)',
					''
				],
				[
					'commit a PEP part, in Chromium (IndexedDB, WebCrypto)',
					ms(median(browserCommit.off)),
					ms(median(browserCommit.on)),
					browserCommitRatio.toFixed(2),
					`≤ ${targetRatio}`,
					verdict(browserCommitRatio <= targetRatio)
				],
				[
					'commit a PEP part, in Node (storage in memory)',
					ms(median(commit.off)),
					ms(median(commit.on)),
					commitRatio.toFixed(2),
					'(for reading)',
					''
				]
			]
		),
		'',
		table(
			['unlock (600,000 iterations)', 'median', 'slowest'],
			[
				[
					'Node WebCrypto (derive and unwrap)',
					ms(median(unlock.node)),
					ms(Math.max(...unlock.node))
				],
				[
					'Chromium WebCrypto (derive)',
					ms(median(unlock.chromium)),
					ms(Math.max(...unlock.chromium))
				]
			]
		)
	].join('\n');
	print(section);
	writeSection('encryption', section);
});
