/**
 * What a PEP part's page shows, kept current: whether this person may see the part, the PEP and
 * child it belongs to, and either an editor (for those who write it) or its values to read. A
 * revision arriving by sync shows at once, in the editor too (`PartEditor.follow`). Used by every
 * part page through `PartPage.svelte`, so each behaves the same way offline and online.
 */
import { mayReadKind, mayWriteKind } from '$lib/domain/access';
import { ids, type DocumentKind } from '$lib/domain/ids';
import type { Read, ReadAny } from '../data/record-reader';
import type { Role } from '$lib/domain/schemas/users';
import type { ChildProfile } from '$lib/domain/schemas/child';
import type { PepHeader } from '$lib/domain/schemas/pep';
import type { LocalRecord } from '../data/record';
import { recordQuery, type RecordQuery } from '../record-query.svelte';
import { partValues, type PartSpec } from './fields';
import { KeptEditors } from './kept-editors.svelte';
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
	/** The part's document, parsed by its kind's schema, with its kind. */
	stored: ReadAny | null;
}

/** The stored document, if it is of `kind`: narrowed by its kind, not cast by the page. */
export function storedOf<K extends DocumentKind>(stored: ReadAny | null, kind: K): Read<K> | null {
	// TypeScript cannot narrow a union by a generic key; the kind was checked one line up.
	return stored?.kind === kind ? (stored.doc as Read<K>) : null;
}

export type PartView =
	| { kind: 'loading' }
	| { kind: 'failed'; message: string }
	| { kind: 'hidden' }
	| { kind: 'missing' }
	| {
			kind: 'read';
			header: PepHeader;
			caption: string;
			/** The part's fields, for the pages drawn from its description. */
			values: Record<string, unknown>;
			/** The part's document, for the pages drawn by hand (read it with `storedOf`). */
			stored: ReadAny | null;
	  }
	| { kind: 'edit'; header: PepHeader; caption: string; editor: PartEditor };

export class PartModel {
	readonly #query: RecordQuery<PartRead>;
	readonly #editor: KeptEditors<PartEditor, ReadAny['doc'] | undefined>;
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
					return { header: null, child: null, stored: null };
				}
				const [header, child, doc] = await Promise.all([
					reader.doc('pep', ids.pep(childId, pepId)),
					reader.doc('child', ids.child(childId)),
					reader.doc(spec.kind, ids.pepPart(childId, pepId, spec.part))
				]);
				// The reader parsed it as `spec.kind`; TypeScript cannot tie the two together.
				return { header, child, stored: doc ? ({ kind: spec.kind, doc } as ReadAny) : null };
			}
		);

		// The editor is made once per part and person, when the part is known to be theirs to write.
		this.#editor = new KeptEditors({
			record,
			key: () => this.#editorFor,
			make: (opened) => {
				const { spec, childId, pepId } = address();
				const header = this.#query.value?.header;
				if (!spec || !header) return null;
				const docId = ids.pepPart(childId, pepId, spec.part);
				return new PartEditor(opened, spec, docId, newPartDocument(spec.kind, header));
			},
			editorsOf: (editor) => [editor],
			// Another device's revision, brought by sync, shows in the form.
			stored: () => this.#query.value?.stored?.doc,
			follow: (editor, doc) => doc && editor.follow(doc)
		});
	}

	get view(): PartView {
		const { spec, role } = this.address();
		if (spec && role && !mayReadKind(role, spec.kind)) return { kind: 'hidden' };
		const state = this.#query.state;
		if (state.status === 'failed') return { kind: 'failed', message: state.message };
		if (state.status === 'loading' || !spec || !role) return { kind: 'loading' };
		const { header, child, stored } = state.value;
		if (!header) return { kind: 'missing' };
		const caption = partCaption(child, header);
		if (!this.#writes(role, spec, header)) {
			const values = partValues(stored?.doc ?? null, spec);
			return { kind: 'read', header, caption, values, stored };
		}
		const editor = this.#editor.current;
		return editor ? { kind: 'edit', header, caption, editor } : { kind: 'loading' };
	}

	/** Commits what was typed (leaving the page). */
	async commit(): Promise<void> {
		await this.#editor.commit();
	}

	#writes(role: Role, spec: PartSpec, header: PepHeader): boolean {
		return mayWriteKind(role, spec.kind) && writesHere(role, spec.kind, header);
	}
}
