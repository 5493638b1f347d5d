import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocalRecord } from './record';
import { reportIfQuotaExceeded, outOfStorageMessage } from './storage-full';
import { backOff, SyncManager } from './sync.svelte';
import { freshDrafts, memoryDatabase, sectionBDocument, tickingClock } from './testing';

type Doc = Record<string, unknown> & { _id: string; _rev: string };

const running: SyncManager[] = [];
afterEach(() => {
	for (const sync of running.splice(0)) sync.stop();
});

/** A device: its record, and a sync manager whose network can be switched off and on. */
function device(remote: PouchDB.Database, userId = 'teacher-01') {
	const record = new LocalRecord(userId, memoryDatabase(userId), freshDrafts(), tickingClock());
	const network = { online: false, events: new EventTarget() };
	const storage = { persist: vi.fn(async () => true) };
	const sync = new SyncManager({
		record,
		remote,
		events: network.events,
		isOnline: () => network.online,
		storage,
		clock: tickingClock('2025-01-07T12:00:00.000Z')
	});
	running.push(sync);
	const goOnline = () => {
		network.online = true;
		network.events.dispatchEvent(new Event('online'));
	};
	const goOffline = () => {
		network.online = false;
		network.events.dispatchEvent(new Event('offline'));
	};
	return { record, sync, storage, goOnline, goOffline };
}

async function edit(record: LocalRecord, id: string, change: (doc: Doc) => Doc) {
	const doc = await record.db.get<Record<string, unknown>>(id);
	await record.db.put({
		...change(doc as Doc),
		updated: { by: record.userId, at: new Date().toISOString() }
	});
}

const upToDate = async (sync: SyncManager) => {
	await expect.poll(() => sync.state, { timeout: 30_000 }).toBe('up-to-date');
	await sync.settled();
};

describe('the sync manager', () => {
	it('counts edits made offline as pending until they reach the server', async () => {
		const server = memoryDatabase('server');
		const { record, sync, goOnline } = device(server);
		await sync.start();
		expect(sync.state).toBe('offline');

		await record.db.put(sectionBDocument());
		await edit(record, sectionBDocument()._id, (d) => ({
			...d,
			progressOverview: { complete: false, text: 'Written offline' }
		}));
		await record.db.put({ ...sectionBDocument(), _id: 'child:child-0001:pep:pep-0002:b', pepId: 'pep-0002' });
		await expect.poll(() => sync.pendingCount).toBe(2);

		goOnline();
		await upToDate(sync);
		await expect.poll(() => sync.pendingCount).toBe(0);
		expect(sync.lastSyncedAt).toBeInstanceOf(Date);
		expect(sync.progress).toBeGreaterThanOrEqual(2);
		expect((await server.get<Doc>(sectionBDocument()._id)).progressOverview).toEqual({
			complete: false,
			text: 'Written offline'
		});
	});

	it('says up to date only once everything on the server has arrived', async () => {
		const server = memoryDatabase('server');
		const docs = Array.from({ length: 600 }, (_, i) => ({
			...sectionBDocument(),
			_id: `child:child-0001:pep:pep-${String(i).padStart(4, '0')}:b`,
			pepId: `pep-${String(i).padStart(4, '0')}`
		}));
		await server.bulkDocs(docs);
		const { record, sync, goOnline } = device(server);
		await sync.start();
		// Whenever it first says up to date, how much has arrived (looked at every few milliseconds).
		let arrivedWhenUpToDate: number | null = null;
		const watching = setInterval(() => {
			if (sync.state !== 'up-to-date' || arrivedWhenUpToDate !== null) return;
			arrivedWhenUpToDate = -1;
			void record.db.info().then((info) => (arrivedWhenUpToDate = info.doc_count));
		}, 2);
		goOnline();
		await upToDate(sync);
		await expect.poll(() => arrivedWhenUpToDate, { timeout: 10_000 }).toBeGreaterThanOrEqual(0);
		clearInterval(watching);
		expect(arrivedWhenUpToDate).toBe(600);
	});

	it('does not count what it received from the server as waiting to be sent', async () => {
		const server = memoryDatabase('server');
		for (let i = 1; i <= 5; i++) {
			await server.put({ ...sectionBDocument(), _id: `child:child-0001:pep:pep-000${i}:b`, pepId: `pep-000${i}` });
		}
		const { sync, goOnline } = device(server);
		await sync.start();
		goOnline();
		await upToDate(sync);
		await expect.poll(() => sync.pendingCount).toBe(0);
	});

	it('commits drafts before it syncs, so what was typed is sent', async () => {
		const server = memoryDatabase('server');
		const { record, sync, goOnline } = device(server);
		const { rev } = await record.db.put(sectionBDocument());
		void record.drafts.saveDraft({
			docId: sectionBDocument()._id,
			part: 'progressOverview',
			baseRev: rev,
			fields: { text: 'Typed, never blurred' },
			userId: record.userId
		});
		await sync.start();
		goOnline();
		await upToDate(sync);
		expect((await server.get<Doc>(sectionBDocument()._id)).progressOverview).toMatchObject({
			text: 'Typed, never blurred'
		});
	});

	it('keeps both people’s edits to different fields of one document', async () => {
		const server = memoryDatabase('server');
		await server.put(sectionBDocument());
		const laptop = device(server, 'teacher-01');
		const tablet = device(server, 'teacher-02');
		const id = sectionBDocument()._id;
		for (const d of [laptop, tablet]) {
			await d.record.db.replicate.from(server);
			await d.sync.start();
		}

		await edit(laptop.record, id, (d) => ({ ...d, progressOverview: { complete: true, text: 'Laptop' } }));
		await edit(tablet.record, id, (d) => ({
			...d,
			meetingPage: { ...(d.meetingPage as object), summary: 'Tablet' }
		}));
		laptop.goOnline();
		await upToDate(laptop.sync);
		tablet.goOnline();
		await upToDate(tablet.sync);
		await laptop.sync.syncNow();
		await upToDate(laptop.sync);

		for (const db of [laptop.record.db, tablet.record.db, server]) {
			const doc = await db.get<Doc>(id, { conflicts: true });
			expect(doc._conflicts ?? []).toEqual([]);
			expect(doc.progressOverview).toEqual({ complete: true, text: 'Laptop' });
			expect((doc.meetingPage as { summary: string }).summary).toBe('Tablet');
		}
	});

	it('records a field both people changed as a conflict naming both authors', async () => {
		const server = memoryDatabase('server');
		await server.put(sectionBDocument());
		const laptop = device(server, 'teacher-01');
		const tablet = device(server, 'teacher-02');
		const id = sectionBDocument()._id;
		for (const d of [laptop, tablet]) {
			await d.record.db.replicate.from(server);
			await d.sync.start();
		}
		await edit(laptop.record, id, (d) => ({ ...d, progressOverview: { complete: false, text: 'Laptop' } }));
		await edit(tablet.record, id, (d) => ({ ...d, progressOverview: { complete: false, text: 'Tablet' } }));

		laptop.goOnline();
		await upToDate(laptop.sync);
		tablet.goOnline();
		await upToDate(tablet.sync);

		const conflicts = await tablet.record.drafts.listConflicts(id);
		expect(conflicts).toHaveLength(1);
		expect(conflicts[0]).toMatchObject({ path: ['progressOverview', 'text'], base: '' });
		expect([conflicts[0]?.ours, conflicts[0]?.theirs].sort()).toEqual(['Laptop', 'Tablet']);
		expect([conflicts[0]?.oursBy, conflicts[0]?.theirsBy].sort()).toEqual(['teacher-01', 'teacher-02']);
		const doc = await tablet.record.db.get<Doc>(id, { conflicts: true });
		expect(doc._conflicts ?? []).toEqual([]);
	});

	it('keeps a document the server refuses, with the server’s reason', async () => {
		const server = refusing(memoryDatabase('server'), 'Only the designated teacher can change Section B');
		const { record, sync, goOnline } = device(server);
		const { rev } = await record.db.put(sectionBDocument());
		await sync.start();
		goOnline();
		await upToDate(sync);

		await expect.poll(() => sync.refusals.length).toBe(1);
		expect(sync.refusals[0]).toMatchObject({
			docId: sectionBDocument()._id,
			rev,
			reason: 'Only the designated teacher can change Section B'
		});
		expect((await record.getDoc(sectionBDocument()._id))?._rev).toBe(rev);
		expect(await record.drafts.listRefusals()).toHaveLength(1);
	});

	it('says plainly when the device is full, instead of carrying on as if all were well', async () => {
		const server = memoryDatabase('server');
		await server.put(sectionBDocument());
		const { record, sync, goOnline } = device(server);
		// What PouchDB's IndexedDB adapter raises when the browser refuses a write for quota.
		const quota = Object.assign(new Error('Database encountered an unknown error'), {
			status: 500,
			name: 'indexed_db_went_bad',
			reason: 'QuotaExceededError'
		});
		record.db.bulkDocs = (() => Promise.reject(quota)) as typeof record.db.bulkDocs;
		await sync.start();
		goOnline();
		await expect.poll(() => sync.state).toBe('error');
		expect(sync.error).toBe(outOfStorageMessage);
	});

	it('reports a full device found by any store, such as the drafts', async () => {
		const { sync } = device(memoryDatabase('server'));
		await sync.start();
		reportIfQuotaExceeded(new DOMException('full', 'QuotaExceededError'));
		expect(sync.state).toBe('error');
		expect(sync.error).toMatch(/out of storage space/);
	});

	it('asks the browser once to keep the data, however often it starts', async () => {
		const { sync, storage } = device(memoryDatabase('server'));
		await sync.start();
		sync.stop();
		await sync.start();
		expect(storage.persist).toHaveBeenCalledTimes(1);
	});

	it('goes offline when the device does, and comes back when it returns', async () => {
		const server = memoryDatabase('server');
		const { sync, goOnline, goOffline } = device(server);
		await sync.start();
		goOnline();
		await upToDate(sync);
		goOffline();
		expect(sync.state).toBe('offline');
		goOnline();
		await upToDate(sync);
	});

	it('asks the person to sign in again when the server says the session has ended', async () => {
		const server = memoryDatabase('server');
		const signedOut = Object.assign(new Error('You are not signed in'), {
			status: 401,
			name: 'unauthorized'
		});
		// Replication starts by reading its checkpoint on the server: the first request refused.
		server.get = (() => Promise.reject(signedOut)) as typeof server.get;
		const { sync, goOnline } = device(server);
		await sync.start();
		goOnline();
		await expect.poll(() => sync.state).toBe('error');
		expect(sync.error).toMatch(/Sign in again/);
	});
});

describe('retrying', () => {
	it('waits twice as long each time, from a second up to a minute', () => {
		const waits = [0];
		for (let i = 0; i < 9; i++) waits.push(backOff(waits.at(-1)!));
		expect(waits.slice(1)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
	});
});

/**
 * The gateway's answer to a revision it will not accept: a per-document `forbidden` from
 * `_bulk_docs`, as PouchDB's HTTP adapter hands it to replication.
 */
function refusing(db: PouchDB.Database, reason: string): PouchDB.Database {
	db.bulkDocs = (async (request: { docs: { _id: string }[] }) => {
		return request.docs.map((doc) => ({
			id: doc._id,
			error: 'forbidden',
			name: 'forbidden',
			reason,
			message: reason,
			status: 403
		}));
	}) as unknown as typeof db.bulkDocs;
	return db;
}
