import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { childIdOf } from '$lib/domain/ids';
import type { DraftStore } from '../data/drafts';
import { LocalRecord } from '../data/record';
import type { SyncState } from '../data/sync.svelte';
import { freshDrafts, freshName, memoryDatabase, memoryPouch, testCipher } from '../data/testing';
import { localIds, withdrawnChildren } from '../data/withdrawal';
import {
	openRecordSession,
	RecordSession,
	type RecordParts,
	type RecordSessionOptions,
	type SessionSync
} from './record-session.svelte';

/** A sync that goes nowhere: it says what it was asked to do, and holds what a test sets. */
class FakeSync implements SessionSync {
	state: SyncState = 'offline';
	pendingCount = 0;
	/** What `recount` finds. */
	unsent = 0;
	constructor(
		readonly record: LocalRecord,
		private readonly steps: string[]
	) {}
	async start() {
		this.steps.push('sync.start');
	}
	stop() {
		this.steps.push('sync.stop');
	}
	async syncNow() {
		this.steps.push('sync.now');
	}
	async recount() {
		this.steps.push('sync.recount');
		this.pendingCount = this.unsent;
		return this.unsent;
	}
	async settled() {
		this.steps.push('sync.settled');
	}
}

const kept = 'child:kept0001';
const gone = 'child:gone0001';
const section = (child: string) => ({ _id: `${child}:pep:p0000001:b`, type: 'pep-b' });

const closing: RecordSession<FakeSync>[] = [];
afterEach(async () => {
	for (const session of closing.splice(0)) await session.close();
});

/**
 * A device whose session opens records in memory with drafts in fake IndexedDB: each step the
 * session takes is written to `steps`, and the test says what the server lets the person reach.
 */
async function device() {
	const steps: string[] = [];
	const cipher = await testCipher();
	const recordName = freshName('pep-record');
	const drafts: DraftStore[] = [];
	const syncs: FakeSync[] = [];
	const server = { reachable: new Set(['kept0001']) as Set<string> | null };
	const watching = { onCaughtUp: null as (() => void) | null };
	let current: RecordSession<FakeSync> | null = null;

	const parts: RecordParts<FakeSync> = {
		openDrafts: (_userId, given) => {
			steps.push(given === cipher ? 'drafts.open' : 'drafts.open with another key');
			const store = freshDrafts();
			drafts.push(store);
			return store;
		},
		closeDrafts: async () => {
			steps.push(current?.record ? 'drafts.close (record still shown)' : 'drafts.close');
			for (const store of drafts) store.close();
		},
		open: async (userId, { pouch, drafts: given }) => {
			steps.push('record.open');
			const record = new LocalRecord(userId, pouch(recordName), given);
			const close = record.close.bind(record);
			record.close = () => {
				steps.push('record.close');
				close();
			};
			return record;
		},
		encryptedPouch: async (given) => {
			expect(given).toBe(cipher);
			return memoryPouch;
		},
		remote: async () => memoryDatabase('server'),
		newSync: (record) => {
			steps.push('sync.new');
			const sync = new FakeSync(record, steps);
			syncs.push(sync);
			return sync;
		},
		abortRemoteRequests: () => steps.push('requests.cut-off'),
		keepCaseloadSealed: (_db, given) => expect(given).toBe(cipher),
		caseloadSnapshot: async () => steps.push('home.read-ahead'),
		reachableChildren: async () => server.reachable,
		localIds,
		withdrawnChildren,
		childIdOf
	};
	const options: RecordSessionOptions<FakeSync> = {
		userId: 'teacher-01',
		cipher,
		parts,
		onRevoked: vi.fn(),
		onRebuilt: vi.fn((fresh: RecordSession<FakeSync>) => {
			current = fresh;
			closing.push(fresh);
		}),
		watch: (_sync, onCaughtUp) => {
			watching.onCaughtUp = onCaughtUp;
			return () => (watching.onCaughtUp = null);
		},
		isOnline: () => false
	};

	/** The sync made at unlock (0), or at a rebuild (1). */
	const sync = (made: number) => {
		const found = syncs[made];
		if (!found) throw new Error(`No sync was made ${made === 0 ? 'at unlock' : 'at a rebuild'}`);
		return found;
	};
	const unlock = async () => {
		current = await openRecordSession(options);
		closing.push(current);
		return current;
	};
	return { steps, drafts, syncs, sync, server, watching, options, unlock, current: () => current };
}

/** The person's record as it was before a child was withdrawn: two children, a draft for each. */
async function withTwoChildren(session: RecordSession<FakeSync>) {
	const record = session.record!;
	await record.db.bulkDocs([{ _id: kept }, section(kept), { _id: gone }, section(gone)]);
	for (const child of [kept, gone]) {
		await record.drafts.saveDraft({
			docId: section(child)._id,
			part: 'progressOverview',
			baseRev: null,
			fields: { text: 'Typed' },
			userId: 'teacher-01'
		});
	}
	await record.drafts.flushDrafts();
	return record;
}

describe('a record session', () => {
	it('opens the drafts, the record and its sync with the key, and starts syncing when told', async () => {
		const { steps, watching, unlock, sync } = await device();

		const session = await unlock();

		expect(steps).toEqual(['drafts.open', 'record.open', 'home.read-ahead', 'sync.new']);
		expect(session.record).toBeInstanceOf(LocalRecord);
		expect(session.sync).toBe(sync(0));
		expect(sync(0).record).toBe(session.record);
		expect(watching.onCaughtUp).toBeNull();

		session.start();
		expect(steps.at(-1)).toBe('sync.start');
		expect(watching.onCaughtUp).not.toBeNull();
	});

	it('closes in the order the stores need, the record out of sight before anything closes', async () => {
		const { steps, watching, unlock } = await device();
		const session = await unlock();
		session.start();
		steps.length = 0;

		await session.close();

		expect(steps).toEqual([
			'sync.stop',
			'requests.cut-off',
			'drafts.close',
			'sync.settled',
			'record.close'
		]);
		expect(session.record).toBeNull();
		expect(session.sync).toBeNull();
		expect(watching.onCaughtUp).toBeNull();
	});

	it('leaves nothing open when an unlock fails part-way', async () => {
		const { steps, options, drafts } = await device();
		const failing = {
			...options,
			parts: { ...options.parts, remote: () => Promise.reject(new Error('No PouchDB')) }
		};

		await expect(openRecordSession(failing)).rejects.toThrow('No PouchDB');

		expect(steps).toEqual([
			'drafts.open',
			'record.open',
			'home.read-ahead',
			'record.close',
			'drafts.close'
		]);
		expect(drafts).toHaveLength(1);
	});

	it('stops syncing for an update, with no request left under way, and keeps the record', async () => {
		const { steps, unlock } = await device();
		const session = await unlock();
		session.start();
		steps.length = 0;

		await session.stopSync();

		expect(steps).toEqual(['sync.stop', 'requests.cut-off', 'sync.settled']);
		expect(session.sync).toBeNull();
		expect(session.record).not.toBeNull();
	});

	it('counts what could not be sent, offline, as changes and drafts still unsent', async () => {
		const { unlock, sync } = await device();
		const session = await unlock();
		await withTwoChildren(session);
		sync(0).unsent = 3;

		// The drafts are for documents the record does not hold: they stay drafts.
		expect(await session.pushEverything()).toBe(3 + 2);
	});
});

describe('a child withdrawn from the person', () => {
	it('leaves the device: the record is rebuilt by a session opened the same way', async () => {
		const { steps, watching, options, unlock, current, sync } = await device();
		const session = await unlock();
		session.start();
		const old = await withTwoChildren(session);
		const drafts = old.drafts;
		steps.length = 0;

		watching.onCaughtUp?.();
		await vi.waitFor(() => expect(options.onRebuilt).toHaveBeenCalledOnce());

		expect(steps).toEqual([
			'sync.stop',
			'sync.settled',
			'sync.recount',
			'record.open',
			'sync.new',
			'sync.start'
		]);
		const fresh = current()!;
		expect(fresh).not.toBe(session);
		expect(session.record).toBeNull();
		expect(session.sync).toBeNull();
		expect(fresh.sync).toBe(sync(1));
		expect(fresh.record).not.toBe(old);
		// The same drafts, less the withdrawn child's; the record starts empty, for sync to fill.
		expect(fresh.record!.drafts).toBe(drafts);
		expect((await drafts.listDrafts()).map((draft) => childIdOf(draft.docId))).toEqual([
			'kept0001'
		]);
		expect(await localIds(fresh.record!.db)).toEqual([]);
		// The rebuilt session watches in its turn.
		expect(watching.onCaughtUp).not.toBeNull();
	});

	it('waits while something saved since is still unsent: the same record syncs on', async () => {
		const { steps, watching, options, unlock, sync } = await device();
		const session = await unlock();
		session.start();
		const record = await withTwoChildren(session);
		sync(0).unsent = 1;
		steps.length = 0;

		await session.removeWithdrawn();

		expect(steps).toEqual(['sync.stop', 'sync.settled', 'sync.recount', 'sync.start']);
		expect(options.onRebuilt).not.toHaveBeenCalled();
		expect(session.record).toBe(record);
		expect(session.sync).toBe(sync(0));
		expect(watching.onCaughtUp).not.toBeNull();
		expect(await localIds(record.db)).toContain(gone);
		expect(await record.drafts.listDrafts()).toHaveLength(2);
	});

	it('is not decided while the server cannot say, nor when every child is still reached', async () => {
		const { steps, server, options, unlock } = await device();
		const session = await unlock();
		session.start();
		await withTwoChildren(session);
		steps.length = 0;

		server.reachable = null;
		await session.removeWithdrawn();
		server.reachable = new Set(['kept0001', 'gone0001']);
		await session.removeWithdrawn();

		expect(steps).toEqual([]);
		expect(options.onRebuilt).not.toHaveBeenCalled();
	});

	it('is left for later when the app locks during the check', async () => {
		const { steps, options, unlock, sync } = await device();
		const session = await unlock();
		session.start();
		const record = await withTwoChildren(session);
		const destroy = vi.spyOn(record.db, 'destroy');
		const recount = sync(0).recount.bind(sync(0));
		sync(0).recount = async () => {
			await session.close();
			return recount();
		};
		steps.length = 0;

		await session.removeWithdrawn();

		expect(options.onRebuilt).not.toHaveBeenCalled();
		expect(destroy).not.toHaveBeenCalled();
		expect(steps.filter((step) => step === 'record.close')).toHaveLength(1);
		expect(steps).not.toContain('record.open');
		expect(session.record).toBeNull();
	});

	it('is rebuilt for nobody when the app locks while the record reopens', async () => {
		const { steps, syncs, options, unlock } = await device();
		const session = await unlock();
		session.start();
		await withTwoChildren(session);
		const open = options.parts.open;
		options.parts.open = async (userId, given) => {
			await session.close();
			return open(userId, given);
		};
		steps.length = 0;

		await session.removeWithdrawn();

		expect(options.onRebuilt).not.toHaveBeenCalled();
		expect(steps.slice(-2)).toEqual(['sync.new', 'record.close']);
		expect(syncs).toHaveLength(2);
		expect(steps.filter((step) => step === 'sync.start')).toEqual([]);
	});

	it('is not looked for once the session is closed', async () => {
		const { options, unlock } = await device();
		const session = await unlock();
		const reachable = vi.spyOn(options.parts, 'reachableChildren');
		await session.close();

		await session.removeWithdrawn();

		expect(reachable).not.toHaveBeenCalled();
	});
});
