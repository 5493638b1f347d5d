/**
 * My Voice's question and check pages, kept current: the PEP, the young person's name (for an
 * adult helping them), their answers as stored, and, for those who write My Voice, an editor
 * that starts the document the first time and shows answers given on another device as they
 * arrive.
 */
import { mayReadKind, mayWriteKind } from '$lib/domain/access';
import { ids } from '$lib/domain/ids';
import { newPartDocument } from '$lib/domain/rules/new-documents';
import type { Role } from '$lib/domain/schemas/users';
import { childName } from '../caseload';
import type { LocalRecord } from '../data/record';
import type { Read } from '../data/record-reader';
import { recordQuery, type RecordQuery } from '../record-query.svelte';
import { partValues } from './fields';
import { myVoicePart, voiceSpeaker, type VoiceSpeaker } from './my-voice';
import { KeptEditors } from './kept-editors.svelte';
import { PartEditor } from './part-editor.svelte';

export interface VoiceAddress {
	childId: string;
	pepId: string;
	role: Role | undefined;
}

interface VoiceRead {
	header: Read<'pep'> | null;
	child: Read<'child'> | null;
	stored: Read<'pep-voice'> | null;
}

export class VoiceModel {
	readonly #query: RecordQuery<VoiceRead>;
	readonly #editor: KeptEditors<PartEditor, Read<'pep-voice'> | null | undefined>;

	/** What the editor is made for: again only when this changes, not at every read. */
	#editorFor = $derived.by(() => {
		const { childId, pepId, role } = this.address();
		const header = this.#query.value?.header;
		if (!role || !header || !mayWriteKind(role, 'pep-voice')) return null;
		return JSON.stringify([childId, pepId, role, header.authorityId, header.schoolId]);
	});

	constructor(
		private readonly address: () => VoiceAddress,
		record: () => LocalRecord | null
	) {
		this.#query = recordQuery<VoiceRead>(
			() => {
				const { childId, pepId, role } = address();
				return [childId, pepId, role];
			},
			async (reader) => {
				const { childId, pepId, role } = address();
				if (!role || !mayReadKind(role, 'pep-voice')) {
					return { header: null, child: null, stored: null };
				}
				const [header, child, stored] = await Promise.all([
					reader.doc('pep', ids.pep(childId, pepId)),
					// A young person is not sent their own profile, and is spoken to as "you".
					role === 'young-person' ? null : reader.doc('child', ids.child(childId)),
					reader.doc('pep-voice', ids.pepPart(childId, pepId, 'voice'))
				]);
				return { header, child, stored };
			}
		);

		this.#editor = new KeptEditors({
			record,
			key: () => this.#editorFor,
			make: (opened) => {
				const { childId, pepId } = address();
				const header = this.#query.value?.header;
				if (!header) return null;
				const docId = ids.pepPart(childId, pepId, 'voice');
				return new PartEditor(opened, myVoicePart, docId, newPartDocument('pep-voice', header));
			},
			editorsOf: (editor) => [editor],
			// Answers given on another device show in the open form.
			stored: () => this.#query.value?.stored,
			follow: (editor, stored) => stored && editor.follow(stored)
		});
	}

	/** This person may not see My Voice. */
	get hidden(): boolean {
		const { role } = this.address();
		return !!role && !mayReadKind(role, 'pep-voice');
	}

	get loading(): boolean {
		return this.#query.loading;
	}

	get failure(): string | null {
		return this.#query.failure;
	}

	/** Read, and the PEP is not on this device. */
	get missing(): boolean {
		return this.#query.value !== undefined && this.#query.value.header === null;
	}

	get header(): Read<'pep'> | null {
		return this.#query.value?.header ?? null;
	}

	get editor(): PartEditor | null {
		return this.#editor.current;
	}

	/** What the page shows: the open form's values, or the answers as stored. */
	get values(): Record<string, unknown> | null {
		if (this.editor) return this.editor.values;
		const read = this.#query.value;
		if (!read?.header) return null;
		return partValues(read.stored, myVoicePart);
	}

	/** The child's name over the heading, for the adults who read or help. */
	get caption(): string {
		const child = this.#query.value?.child;
		return child ? childName(child) : '';
	}

	/** My Voice's words for the person signed in: the young person, or an adult helping them. */
	get speaker(): VoiceSpeaker {
		if (this.address().role === 'young-person') return voiceSpeaker(null);
		const child = this.#query.value?.child;
		return voiceSpeaker(
			child ? (child.person.preferredName ?? child.person.givenName) : 'the young person'
		);
	}

	/** Commits what was typed (Continue, Skip, leaving the page). */
	async commit(): Promise<boolean> {
		return this.#editor.commit();
	}
}
