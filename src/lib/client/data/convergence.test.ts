/**
 * Two devices and a server, replicating for real (PouchDB in memory) and merging with the real
 * conflict resolver: random edits, random delivery order, random disconnects. However it goes,
 * once everyone is connected and has synced, all three hold the same record, and every edit is
 * either in it, knowingly overwritten by someone who saw it, or named by a recorded conflict.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConflicts, type ResolverContext } from './conflicts';
import { freshDrafts, memoryDatabase, sectionBDocument } from './testing';

type Doc = Record<string, unknown> & { _id: string; _rev: string };
type Subject = { subjectId: string; course: string };

const docIds = ['child:child-0001:pep:pep-0001:b', 'child:child-0001:pep:pep-0002:b'];
const devices = ['laptop', 'tablet'] as const;
type DeviceName = (typeof devices)[number];

const editKinds = ['overview', 'summary', 'wellbeing', 'add-subject', 'rename-subject', 'remove-subject'] as const;

const command = fc.oneof(
	{
		weight: 5,
		arbitrary: fc.record({
		kind: fc.constant('edit' as const),
		device: fc.constantFrom(...devices),
		doc: fc.nat({ max: docIds.length - 1 }),
		edit: fc.constantFrom(...editKinds),
		pick: fc.nat()
	})
	},
	{
		weight: 4,
		arbitrary: fc.record({
		kind: fc.constantFrom('push' as const, 'pull' as const),
		device: fc.constantFrom(...devices),
		// Some documents only, one at a time: a partial delivery, in any order.
		only: fc.option(fc.nat({ max: docIds.length - 1 }), { nil: undefined })
	})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('toggle-network' as const),
			device: fc.constantFrom(...devices)
		})
	}
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

class World {
	server = memoryDatabase('server');
	contexts: Record<DeviceName, ResolverContext> = {
		laptop: { db: memoryDatabase('laptop'), drafts: freshDrafts(), userId: 'user-laptop' },
		tablet: { db: memoryDatabase('tablet'), drafts: freshDrafts(), userId: 'user-tablet' }
	};
	online: Record<DeviceName, boolean> = { laptop: true, tablet: true };
	/** Every value any edit wrote, and those a later edit replaced in full view of them. */
	written = new Set<string>();
	overwritten = new Set<string>();
	#tokens = 0;
	#clock = Date.parse('2025-01-06T10:00:00.000Z');

	async setUp(): Promise<void> {
		for (const [i, _id] of docIds.entries()) {
			await this.server.put({ ...sectionBDocument(), _id, pepId: `pep-000${i + 1}` });
		}
		for (const device of devices) await this.contexts[device].db.replicate.from(this.server);
	}

	async run(step: Command): Promise<void> {
		if (step.kind === 'toggle-network') {
			this.online[step.device] = !this.online[step.device];
			return;
		}
		if (step.kind === 'edit') return this.edit(step);
		if (!this.online[step.device]) return;
		const options = { doc_ids: step.only === undefined ? docIds : [docIds[step.only]!], batch_size: 1 };
		if (step.kind === 'push') await this.contexts[step.device].db.replicate.to(this.server, options);
		else await this.pull(step.device, options);
	}

	async pull(device: DeviceName, options: PouchDB.Replication.ReplicateOptions = {}) {
		await this.contexts[device].db.replicate.from(this.server, options);
		await resolveConflicts(this.contexts[device], docIds);
	}

	async edit(step: Extract<Command, { kind: 'edit' }>): Promise<void> {
		const { db, userId } = this.contexts[step.device];
		const doc = await db.get<Doc>(docIds[step.doc]!);
		const token = `${step.device}-${++this.#tokens}`;
		const subjects = doc.subjects as Subject[];
		const chosen = subjects.length ? subjects[step.pick % subjects.length] : undefined;
		let next: Doc;
		switch (step.edit) {
			case 'overview':
				next = this.replace(doc, ['progressOverview', 'text'], token);
				break;
			case 'summary':
				next = this.replace(doc, ['meetingPage', 'summary'], token);
				break;
			case 'wellbeing':
				next = this.replace(doc, ['meetingPage', 'wellbeingNotes'], token);
				break;
			case 'add-subject':
				next = {
					...doc,
					subjects: [
						...subjects,
						{ subjectId: `s-${token}`, course: token, level: 'gcse', targetEndOfKeyStage: '5', assessments: {} }
					]
				};
				break;
			case 'rename-subject':
				if (!chosen) return;
				this.overwritten.add(chosen.course);
				next = { ...doc, subjects: subjects.map((s) => (s === chosen ? { ...s, course: token } : s)) };
				break;
			case 'remove-subject':
				if (!chosen) return;
				this.overwritten.add(chosen.course);
				next = { ...doc, subjects: subjects.filter((s) => s !== chosen) };
				break;
		}
		if (step.edit !== 'remove-subject') this.written.add(token);
		this.#clock += 60_000;
		await db.put({ ...next, updated: { by: userId, at: new Date(this.#clock).toISOString() } });
	}

	replace(doc: Doc, [part, field]: [string, string], token: string): Doc {
		const before = doc[part] as Record<string, unknown>;
		this.overwritten.add(String(before[field]));
		return { ...doc, [part]: { ...before, [field]: token } };
	}

	/** Everyone online, syncing in turn until nothing changes. */
	async settle(): Promise<void> {
		this.online = { laptop: true, tablet: true };
		for (let round = 0; round < 4; round++) {
			for (const device of devices) {
				await this.contexts[device].db.replicate.to(this.server);
				await this.pull(device);
				await this.contexts[device].db.replicate.to(this.server);
			}
		}
	}

	async destroy(): Promise<void> {
		await this.server.destroy();
		for (const device of devices) await this.contexts[device].db.destroy();
	}
}

describe('two devices and a server', () => {
	it('end in the same state, with every edit kept or named by a conflict', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 30 }), async (commands) => {
				const world = new World();
				try {
					await world.setUp();
					for (const step of commands) await world.run(step);
					await world.settle();

					const finals: string[] = [];
					for (const id of docIds) {
						const [server, ...copies] = await Promise.all(
							[world.server, world.contexts.laptop.db, world.contexts.tablet.db].map((db) =>
								db.get<Doc>(id, { conflicts: true })
							)
						);
						expect(server!._conflicts ?? []).toEqual([]);
						for (const copy of copies) expect(copy).toEqual(server);
						finals.push(JSON.stringify(server));
					}

					const recorded = JSON.stringify([
						await world.contexts.laptop.drafts.listConflicts(),
						await world.contexts.tablet.drafts.listConflicts()
					]);
					const lost = [...world.written].filter(
						(token) =>
							!world.overwritten.has(token) &&
							!finals.some((doc) => doc.includes(`"${token}"`)) &&
							!recorded.includes(`"${token}"`)
					);
					expect(lost).toEqual([]);
				} finally {
					await world.destroy();
				}
			}),
			{ numRuns: 25, seed: 20250107 }
		);
	}, 60_000);
});
