/**
 * One PEP part being edited: what the form shows, and the path from a keystroke to the record.
 * Every change is a draft on the device at once; it becomes a revision at the commit points
 * (leaving a field, a few seconds idle, leaving the page). A commit the schemas refuse keeps the
 * draft, and the errors name the fields, so nothing typed is ever lost to a validation error.
 */
import type { FieldError } from '$lib/domain/schemas/errors';
import {
	createAutoCommit,
	type AutoCommit,
	type CommitResult,
	type LocalRecord
} from '../data/record';
import { partValues, type FormSpec } from './fields';

export class PartEditor {
	values = $state<Record<string, unknown>>({});
	errors = $state.raw<FieldError[]>([]);
	status = $state('');
	loaded = $state(false);
	hasDraft = $state(false);
	/** A change is on its way to the device's disk: the status waits for it (`aria-busy`). */
	saving = $state(false);

	#baseRev: string | null = null;
	#edited: Record<string, unknown> = {};
	#autoCommit: AutoCommit | null = null;
	/** Counts changes, so that only the newest one's write decides what the status says. */
	#changes = 0;

	constructor(
		private readonly record: LocalRecord,
		private readonly spec: Pick<FormSpec, 'key'>,
		readonly docId: string,
		/** The new document's fields (type and stamps) when this part has never been written. */
		private readonly template: Record<string, unknown> | null
	) {}

	async load(): Promise<void> {
		let doc = await this.record.getDoc(this.docId);
		if (!doc && this.template) {
			// The first person to open a part they own starts its document, so a draft has a
			// document to be committed into.
			const created = await this.record.create({ ...this.template, _id: this.docId });
			if (created.status === 'committed') doc = await this.record.getDoc(this.docId);
		}
		const draft = await this.record.drafts.getDraft(this.docId, this.spec.key);
		this.#edited = { ...(draft?.fields ?? {}) };
		this.#baseRev = draft?.baseRev ?? doc?._rev ?? null;
		this.values = { ...partValues(doc, this.spec), ...this.#edited };
		this.hasDraft = draft !== undefined;
		this.#autoCommit?.dispose();
		this.#autoCommit = createAutoCommit({
			docId: this.docId,
			part: this.spec.key,
			userId: this.record.userId,
			record: this.record,
			onCommit: (result) => this.#show(result)
		});
		if (draft) this.status = 'You have changes saved on this device.';
		this.loaded = true;
	}

	/** A change typed or chosen: on the device at once, in the record soon after. */
	set(name: string, value: unknown): void {
		this.values[name] = value;
		this.#edited[name] = value;
		this.hasDraft = true;
		const change = ++this.#changes;
		this.saving = true;
		void this.record.drafts
			.saveDraft({
				docId: this.docId,
				part: this.spec.key,
				baseRev: this.#baseRev,
				fields: { ...this.#edited },
				userId: this.record.userId
			})
			.then((onDisk) => {
				if (change !== this.#changes) return;
				this.saving = false;
				// Said only once it is true: a tab closed after this line keeps the change.
				if (!onDisk)
					this.status =
						'Not saved on this device yet: keep this page open and it will be tried again.';
				// A commit that finished first may already have put it in the record.
				else this.status = this.hasDraft ? 'Saved on this device.' : 'Saved.';
			});
		this.#autoCommit?.input();
	}

	/** Commits now (leaving a field or the page); returns whether the record has it all. */
	async commit(): Promise<boolean> {
		if (!this.#autoCommit) return true;
		const result = await this.#autoCommit.commit();
		this.#show(result);
		return result.status !== 'invalid';
	}

	/**
	 * A revision of the document that did not come from this editor (sync, or another page on
	 * this device): shown at once. With nothing waiting to be committed, the form becomes that
	 * revision; otherwise what the person has typed stays over it, and their commit is merged
	 * with it by the record as any commit is.
	 */
	follow(doc: Record<string, unknown> & { _rev: string }): void {
		if (!this.loaded || doc._rev === this.#baseRev) return;
		if (!this.hasDraft && !this.saving) {
			this.#edited = {};
			this.#baseRev = doc._rev;
		}
		this.values = { ...partValues(doc, this.spec), ...this.#edited };
	}

	dispose(): void {
		this.#autoCommit?.dispose();
	}

	#show(result: CommitResult): void {
		if (result.status === 'invalid') {
			this.errors = result.errors;
			this.status =
				'Your changes are kept on this device, but cannot be saved to the record until the problems are fixed.';
			return;
		}
		this.errors = [];
		if (result.status === 'committed') {
			// What was edited stays in the next draft: the same values again are no change, and a
			// keystroke made while this commit ran is not dropped from it.
			this.#baseRev = result.rev;
			// Typing that came while it ran is still only on the device, and the status says so.
			this.hasDraft = result.moreTyped === true;
			if (!this.saving) this.status = this.hasDraft ? 'Saved on this device.' : 'Saved.';
		}
	}
}
