/**
 * A list in a part's form (subjects, targets, actions, requests) kept as one draft value: every
 * change writes the whole list, so the draft on the device always holds the list as it stands.
 */
import type { PartEditor } from './part-editor.svelte';

/** The list as drafted (empty when the part has none yet). */
export function draftList<T>(editor: PartEditor, name: string): T[] {
	return (editor.values[name] as T[] | undefined) ?? [];
}

/** Changes the list as a whole: `edit` works on a plain copy, which then becomes the draft. */
export function changeDraftList<T>(
	editor: PartEditor,
	name: string,
	edit: (items: T[]) => void
): void {
	const next = $state.snapshot(draftList<T>(editor, name)) as T[];
	edit(next);
	editor.set(name, next);
}

/** Changes some fields of one item. */
export function setDraftItem<T>(
	editor: PartEditor,
	name: string,
	index: number,
	fields: Partial<T>
): void {
	changeDraftList<T>(editor, name, (items) => {
		items[index] = { ...items[index]!, ...fields };
	});
}
