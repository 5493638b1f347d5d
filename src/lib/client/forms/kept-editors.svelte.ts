/**
 * The editors a screen writes through, kept for as long as what they were made for holds: one
 * PEP part for one person (a part page, Section D, My Voice), or a meeting's three forms. Every
 * screen that edits needs the same five steps, and each is easy to get wrong alone:
 * - made once per key (the record that is open and what the editors are for), not at every read,
 *   since a sync brings new documents each time;
 * - loaded before they are shown, so a form never shows before its draft;
 * - dropped if the key changed while they loaded (a load that finishes late would otherwise start
 *   its auto-commit again after the editor had been let go);
 * - on a new key or when the screen goes, what was typed goes into the record before they let go;
 * - kept in step with the stored documents that sync brings (`PartEditor.follow`).
 * Call while a component or model is being set up.
 */
import { untrack } from 'svelte';
import type { LocalRecord } from '../data/record';
import type { PartEditor } from './part-editor.svelte';

export interface KeptEditorsSpec<Group, Stored> {
	/** The open record, or null while it is closed. */
	record: () => LocalRecord | null;
	/**
	 * What the editors are for, or null when there are none to make (this person may not write
	 * here). Read tracked: a new key makes new editors, so keep it a derived string, not a document.
	 */
	key: () => string | null;
	/** Makes the editors for the record (untracked); null when they cannot be made yet. */
	make: (record: LocalRecord) => Group | null;
	/** The group's editors, each loaded, committed and let go of together. */
	editorsOf: (group: Group) => readonly (PartEditor | null)[];
	/** Runs once they are loaded, before they are shown (a checklist pre-filled, for instance). */
	prepare?: (group: Group) => void;
	/** The stored documents the editors show (read tracked: follows every sync). */
	stored: () => Stored;
	/** Shows a stored revision in the editors (untracked). */
	follow: (group: Group, stored: Stored) => void;
}

export class KeptEditors<Group, Stored = unknown> {
	#current = $state.raw<Group | null>(null);
	readonly #editorsOf: KeptEditorsSpec<Group, Stored>['editorsOf'];

	constructor(spec: KeptEditorsSpec<Group, Stored>) {
		this.#editorsOf = spec.editorsOf;
		// Runs again only when the record or the key changes (a derived key tells only when its
		// value changes).
		$effect(() => {
			const record = spec.record();
			if (!record || spec.key() === null) return;
			const group = untrack(() => spec.make(record));
			if (!group) return;
			const editors = spec.editorsOf(group).filter((e): e is PartEditor => e !== null);
			let current = true;
			void Promise.all(editors.map((editor) => editor.load())).then(() => {
				if (!current) {
					for (const editor of editors) editor.dispose();
					return;
				}
				untrack(() => spec.prepare?.(group));
				this.#current = group;
			});
			return () => {
				current = false;
				if (untrack(() => this.#current) === group) this.#current = null;
				// What was typed goes into the record before the editors let go. A commit that
				// cannot be made now (the record closed under it) leaves the draft on the device,
				// to be committed when the part is next opened.
				void Promise.allSettled(editors.map((editor) => editor.commit())).then(() => {
					for (const editor of editors) editor.dispose();
				});
			};
		});

		// A revision brought by sync shows in the open form.
		$effect(() => {
			const stored = spec.stored();
			const group = this.#current;
			if (group) untrack(() => spec.follow(group, stored));
		});
	}

	/** The editors, once loaded; null before, and while others are being made. */
	get current(): Group | null {
		return this.#current;
	}

	/** Commits what was typed in every editor (leaving the page); whether the record has it all. */
	async commit(): Promise<boolean> {
		const group = this.#current;
		if (group === null) return true;
		const done = await Promise.all(this.#editorsOf(group).map((e) => e?.commit() ?? true));
		return done.every(Boolean);
	}
}
