/**
 * The one way a screen reads the record: `recordQuery(key, read)` while the screen is set up.
 * It waits for the record to open, reads, reads again when what it read changes (by sync too),
 * drops a stale answer once `key` (the address's ids) changes, says when a read failed, and
 * gives documents parsed by their kind's schema (`RecordReader`). When the record is closed and
 * opened again (a withdrawal's rebuild), it keeps showing the last answer and reads the new
 * record as soon as it opens.
 */
import { untrack } from 'svelte';
import { appSession } from './app-session.svelte';
import type { LocalRecord } from './data/record';
import { LiveRead, type ReadState } from './data/live-read';
import type { RecordReader } from './data/record-reader';
import { childRecordOf } from './queries';

export type { ReadState };

export class RecordQuery<T> {
	// Raw: an answer is replaced whole, never changed in place, and stays a plain object (a
	// proxy could not be cloned or stored).
	#state = $state.raw<ReadState<T>>({ status: 'loading' });
	#live: LiveRead<T> | null = null;

	constructor(
		key: () => unknown,
		read: (reader: RecordReader, record: LocalRecord) => Promise<T>,
		source: () => LocalRecord | null = () => appSession.record
	) {
		let lastKey: string | undefined;
		$effect(() => {
			const record = source();
			const current = JSON.stringify(key() ?? null);
			untrack(() => {
				// Another address: what was shown for the last one must not stay on screen.
				if (lastKey !== undefined && current !== lastKey) this.#state = { status: 'loading' };
				lastKey = current;
			});
			if (!record) return;
			const live = new LiveRead(
				record.db,
				(reader) => read(reader, record),
				(state) => (this.#state = state)
			);
			this.#live = live;
			untrack(() => live.start());
			return () => {
				live.stop();
				if (this.#live === live) this.#live = null;
			};
		});
	}

	get state(): ReadState<T> {
		return this.#state;
	}

	/** The answer, once there is one. */
	get value(): T | undefined {
		return this.#state.status === 'ready' ? this.#state.value : undefined;
	}

	get loading(): boolean {
		return this.#state.status === 'loading';
	}

	/** What went wrong reading, in words for the screen, or null. */
	get failure(): string | null {
		return this.#state.status === 'failed' ? this.#state.message : null;
	}

	/** Reads again now: after a change the record's feed does not carry, such as a draft. */
	refresh(): void {
		this.#live?.refresh();
	}
}

/** Sets up a screen's read of the record (call while the component is being set up). */
export function recordQuery<T>(
	key: () => unknown,
	read: (reader: RecordReader, record: LocalRecord) => Promise<T>
): RecordQuery<T> {
	return new RecordQuery(key, read);
}

/**
 * A child's profile, PEP headers and files, kept current: for the screens about one child
 * (adding a file, inviting a carer, the invitation list).
 */
export function childRecordQuery(childId: () => string) {
	return recordQuery(childId, (reader) => childRecordOf(reader, childId()));
}
