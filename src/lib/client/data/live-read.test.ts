import { afterEach, describe, expect, it } from 'vitest';
import { LiveRead, type ReadState } from './live-read';
import { sectionBDocument, memoryDatabase } from './testing';

const id = 'child:child-0001:pep:pep-0001:b';
const settle = (ms = 60) => new Promise((resolve) => setTimeout(resolve, ms));

let running: LiveRead<unknown>[] = [];
afterEach(() => {
	for (const live of running) live.stop();
	running = [];
});

function follow<T>(db: PouchDB.Database, read: ConstructorParameters<typeof LiveRead<T>>[1]) {
	const states: ReadState<T>[] = [];
	let reads = 0;
	const live = new LiveRead<T>(
		db,
		async (reader) => {
			reads += 1;
			return read(reader);
		},
		(state) => states.push(state),
		{ waitMs: 10 }
	).start();
	running.push(live as LiveRead<unknown>);
	return { states, live, reads: () => reads };
}

describe('a live read of the record', () => {
	it('reads a document parsed by its schema, and again when it changes', async () => {
		const db = memoryDatabase();
		await db.put(sectionBDocument());
		const { states } = follow(db, (reader) => reader.doc('pep-b', id));
		await settle();
		expect(states.at(-1)).toMatchObject({ status: 'ready', value: { _id: id, term: 'autumn' } });

		const stored = await db.get(id);
		await db.put({ ...stored, term: 'spring' });
		await settle();
		expect(states.at(-1)).toMatchObject({ status: 'ready', value: { term: 'spring' } });
	});

	it('reads again for a document added under a range it listed, not for others', async () => {
		const db = memoryDatabase();
		const { states, reads } = follow(db, (reader) =>
			reader.under('pep-b', 'child:child-0001:pep:')
		);
		await settle();
		expect(states.at(-1)).toEqual({ status: 'ready', value: [] });
		const before = reads();
		await db.put({ _id: 'child:child-0002', note: 'another child' });
		await settle();
		expect(reads()).toBe(before);
		await db.put(sectionBDocument());
		await settle();
		expect(states.at(-1)).toMatchObject({ status: 'ready', value: [{ _id: id }] });
	});

	it('reads many changes together, once', async () => {
		const db = memoryDatabase();
		await db.put(sectionBDocument());
		const { reads } = follow(db, (reader) => reader.under('pep-b', 'child:'));
		await settle();
		const before = reads();
		const stored = await db.get(id);
		await db.bulkDocs(
			Array.from({ length: 20 }, (_, i) => ({ _id: `child:child-0001:pep:p${i}:b`, x: i }))
		);
		await db.put({ ...stored, term: 'summer' });
		await settle(80);
		expect(reads() - before).toBe(1);
	});

	it('says which document and field it could not read, and recovers when it is fixed', async () => {
		const db = memoryDatabase();
		const broken = { ...sectionBDocument(), term: 'midsummer' };
		const { rev } = await db.put(broken);
		const { states } = follow(db, (reader) => reader.doc('pep-b', id));
		await settle();
		const failed = states.at(-1)!;
		expect(failed.status).toBe('failed');
		expect(failed.status === 'failed' && failed.message).toMatch(
			new RegExp(`^The document ${id} on this device cannot be read: .*term`)
		);
		await db.put({ ...broken, _rev: rev, term: 'summer' });
		await settle();
		expect(states.at(-1)).toMatchObject({ status: 'ready', value: { term: 'summer' } });
	});

	it('drops an answer that arrives after it was stopped', async () => {
		const db = memoryDatabase();
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const { states, live } = follow(db, async () => {
			await gate;
			return 'late';
		});
		live.stop();
		release();
		await settle();
		expect(states).toEqual([]);
	});
});
