/**
 * What a PEP part's page shows, kept current: whether this person may see the part, the PEP and
 * child it belongs to, and either an editor (for those who write it) or its values to read. A
 * revision arriving by sync shows at once, in the editor too (`PartEditor.follow`). Used by every
 * part page through `PartPage.svelte`, so each behaves the same way offline and online.
 */
import { mayReadKind, mayWriteKind } from '$lib/domain/access';
import { ids } from '$lib/domain/ids';
import type { Role } from '$lib/domain/schemas/users';
import type { ChildProfile } from '$lib/domain/schemas/child';
import type { PepHeader } from '$lib/domain/schemas/pep';
import { untrack } from 'svelte';
import type { LocalRecord } from '../data/record';
import { recordQuery, type RecordQuery } from '../record-query.svelte';
import { partValues, type PartSpec } from './fields';
import { PartEditor } from './part-editor.svelte';
import { newPartDocument, partCaption, writesHere } from './part-page';

export interface PartAddress {
	spec: PartSpec | undefined;
	childId: string;
	pepId: string;
	role: Role | undefined;
}

interface PartRead {
	header: PepHeader | null;
	child: ChildProfile | null;
	doc: (Record<string, unknown> & { _id: string; _rev: string }) | null;
}

export type PartView =
	| { kind: 'loading' }
	| { kind: 'failed'; message: string }
	| { kind: 'hidden' }
	| { kind: 'missing' }
	| { kind: 'read'; header: PepHeader; caption: string; values: Record<string, unknown> }
	| { kind: 'edit'; header: PepHeader; caption: string; editor: PartEditor };

export class PartModel {
	readonly #query: RecordQuery<PartRead>;
	#editor = $state<PartEditor | null>(null);
	/**
	 * What the editor is made for: it is made again only when this changes, not at every read
	 * (a sync brings a new header object each time).
	 */
	#editorFor = $derived.by(() => {
		const { spec, childId, pepId, role } = this.address();
		const header = this.#query.value?.header;
		if (!spec || !role || !header || !this.#writes(role, spec, header)) return null;
		return JSON.stringify([spec.slug, childId, pepId, role, header.authorityId, header.schoolId]);
	});

	constructor(
		private readonly address: () => PartAddress,
		record: () => LocalRecord | null
	) {
		this.#query = recordQuery<PartRead>(
			() => {
				const { spec, childId, pepId, role } = address();
				return [spec?.slug, childId, pepId, role];
			},
			async (reader) => {
				const { spec, childId, pepId, role } = address();
				if (!spec || !role || !mayReadKind(role, spec.kind)) {
					return { header: null, child: null, doc: null };
				}
				const [header, child, doc] = await Promise.all([
					reader.doc('pep', ids.pep(childId, pepId)),
					reader.doc('child', ids.child(childId)),
					reader.doc(spec.kind, ids.pepPart(childId, pepId, spec.part))
				]);
				return { header, child, doc: doc as PartRead['doc'] };
			}
		);

		// The editor is made once per part and person, when the part is known to be theirs to write.
		$effect(() => {
			const opened = record();
			if (!opened || this.#editorFor === null) return;
			const { spec, childId, pepId, header } = untrack(() => ({
				...address(),
				header: this.#query.value?.header
			}));
			if (!spec || !header) return;
			const editor = untrack(
				() =>
					new PartEditor(
						opened,
						spec,
						ids.pepPart(childId, pepId, spec.part),
						newPartDocument(spec.kind, header)
					)
			);
			let current = true;
			void editor.load().then(() => {
				if (current) this.#editor = editor;
				else editor.dispose();
			});
			return () => {
				current = false;
				editor.dispose();
				if (untrack(() => this.#editor) === editor) this.#editor = null;
			};
		});

		// Another device's revision, brought by sync, shows in the form.
		$effect(() => {
			const doc = this.#query.value?.doc;
			const editor = this.#editor;
			if (doc && editor) untrack(() => editor.follow(doc));
		});
	}

	get view(): PartView {
		const { spec, role } = this.address();
		if (spec && role && !mayReadKind(role, spec.kind)) return { kind: 'hidden' };
		const state = this.#query.state;
		if (state.status === 'failed') return { kind: 'failed', message: state.message };
		if (state.status === 'loading' || !spec || !role) return { kind: 'loading' };
		const { header, child, doc } = state.value;
		if (!header) return { kind: 'missing' };
		const caption = partCaption(child, header);
		if (!this.#writes(role, spec, header)) {
			return { kind: 'read', header, caption, values: partValues(doc, spec) };
		}
		return this.#editor
			? { kind: 'edit', header, caption, editor: this.#editor }
			: { kind: 'loading' };
	}

	/** Commits what was typed (leaving the page). */
	async commit(): Promise<void> {
		await this.#editor?.commit();
	}

	#writes(role: Role, spec: PartSpec, header: PepHeader): boolean {
		return mayWriteKind(role, spec.kind) && writesHere(role, spec.kind, header);
	}
}
