/**
 * A read of the local record kept current: it reads once, then again (a little after, so a sync
 * bringing documents by the hundred redraws once) whenever a document it read changes, by a
 * commit on this device or by sync. Stopped, it drops any answer still on its way, so a screen
 * whose address has changed never shows the last address's record.
 *
 * Plain TypeScript, so it is tested without a screen; `record-query.svelte.ts` ties it to one.
 */
import { RecordReader, UnreadableDocument } from './record-reader';

export type ReadState<T> =
	| { status: 'loading' }
	| { status: 'ready'; value: T }
	| { status: 'failed'; message: string };

export interface LiveReadOptions {
	/** How long after a change to read again: changes within it are read together. */
	waitMs?: number;
}

export class LiveRead<T> {
	#stopped = false;
	#reader: RecordReader | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#feed: PouchDB.Core.Changes<object> | null = null;
	/** Counts reads begun, so only the latest one's answer is shown. */
	#latest = 0;

	constructor(
		private readonly db: PouchDB.Database,
		private readonly read: (reader: RecordReader) => Promise<T>,
		private readonly show: (state: ReadState<T>) => void,
		private readonly options: LiveReadOptions = {}
	) {}

	/** Reads now and follows the record's changes until `stop`. */
	start(): this {
		this.#feed = this.db.changes({ since: 'now', live: true });
		void this.#feed.on('change', (change) => this.#changed(change.id));
		// A database closed under the feed (sign-out, a withdrawal's rebuild) ends it: not a failure.
		void this.#feed.on('error', () => undefined);
		void this.#run();
		return this;
	}

	/** Reads again now, for a change the record's feed does not carry (a draft, say). */
	refresh(): void {
		if (!this.#stopped) void this.#run();
	}

	stop(): void {
		this.#stopped = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#feed?.cancel();
	}

	#changed(id: string): void {
		if (this.#stopped || this.#timer) return;
		// Before the first read has finished, any change may matter to it.
		if (this.#reader && !this.#reader.reads(id)) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.#run();
		}, this.options.waitMs ?? 150);
	}

	async #run(): Promise<void> {
		const mine = ++this.#latest;
		const reader = new RecordReader(this.db);
		let state: ReadState<T>;
		try {
			state = { status: 'ready', value: await this.read(reader) };
		} catch (error) {
			state = { status: 'failed', message: messageOf(error) };
		}
		if (this.#stopped || mine !== this.#latest) return;
		this.#reader = reader;
		this.show(state);
	}
}

function messageOf(error: unknown): string {
	if (error instanceof UnreadableDocument) return error.message;
	const message = error instanceof Error ? error.message : String(error);
	return `This device could not read its copy of the record: ${message}`;
}
