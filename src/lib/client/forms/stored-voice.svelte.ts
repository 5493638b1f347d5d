/**
 * My Voice as stored, kept current, and shown in its open editor as it changes: answers given on
 * another device, or read by a professional while the young person writes, appear without a
 * reload. Used by the question and check pages (set up while the page is).
 */
import { untrack } from 'svelte';
import { ids } from '$lib/domain/ids';
import type { Read } from '../data/record-reader';
import { recordQuery, type RecordQuery } from '../record-query.svelte';
import type { PartEditor } from './part-editor.svelte';

export function followStoredVoice(
	address: () => { childId: string; pepId: string },
	editor: () => PartEditor | null
): RecordQuery<Read<'pep-voice'> | null> {
	const stored = recordQuery(
		() => address(),
		async (reader) => {
			const { childId, pepId } = address();
			return reader.doc('pep-voice', ids.pepPart(childId, pepId, 'voice'));
		}
	);
	$effect(() => {
		const doc = stored.value;
		const open = editor();
		if (doc && open) untrack(() => open.follow(doc));
	});
	return stored;
}
