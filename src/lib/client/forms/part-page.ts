/**
 * Opening one PEP part for its page: whether this person may see it, the PEP it belongs to, and
 * either an editor (for those who write it) or its values to read. Shared by the plain-form page
 * and the pages drawn by hand (tables, lists, sign-offs), so each behaves the same way offline.
 */
import { mayReadKind, mayWriteKind, settingRefusal } from '$lib/domain/access';
import { ids, type DocumentKind } from '$lib/domain/ids';
import { formatLongDate } from '$lib/domain/rules/deadlines';
import type { ChildProfile } from '$lib/domain/schemas/child';
import type { PepHeader } from '$lib/domain/schemas/pep';
import type { Role } from '$lib/domain/schemas/users';
import { childName } from '../caseload';
import type { LocalRecord } from '../data/record';
import { headerAndChild } from '../queries';
import { partValues, type PartSpec } from './fields';
import { PartEditor } from './part-editor.svelte';

export type OpenedPart =
	| { kind: 'hidden' }
	| { kind: 'missing' }
	| { kind: 'read'; header: PepHeader; caption: string; values: Record<string, unknown> }
	| { kind: 'edit'; header: PepHeader; caption: string; editor: PartEditor };

/** Fields a new document of this kind needs beyond the stamps, taken from its PEP. */
export function templateFields(kind: DocumentKind, header: PepHeader): Record<string, unknown> {
	// Section B's assessments belong to the PEP's term.
	return kind === 'pep-b' ? { term: header.term } : {};
}

/** A part's document as first written: its kind, the PEP's stamps, and what the kind needs. */
export function newPartDocument(
	spec: Pick<PartSpec, 'kind'>,
	header: PepHeader
): Record<string, unknown> {
	return {
		type: spec.kind,
		schemaVersion: 1,
		childId: header.childId,
		authorityId: header.authorityId,
		schoolId: header.schoolId,
		pepId: header.pepId,
		...templateFields(spec.kind, header)
	};
}

/** The caption over a part's heading: the child's name, or the PEP's due date without it. */
export function partCaption(child: ChildProfile | null, header: PepHeader): string {
	return child ? childName(child) : `PEP due by ${formatLongDate(header.dueBy)}`;
}

/** Whether this person writes this part of this PEP, by the setting rule the gateway enforces. */
export function writesHere(role: Role, kind: DocumentKind, header: PepHeader): boolean {
	return settingRefusal(role, kind, header) === null;
}

export async function openPart(
	record: LocalRecord,
	role: Role,
	childId: string,
	pepId: string,
	spec: PartSpec
): Promise<OpenedPart> {
	if (!mayReadKind(role, spec.kind)) return { kind: 'hidden' };
	const { child, header } = await headerAndChild(record.db, childId, pepId);
	if (!header) return { kind: 'missing' };
	const caption = partCaption(child, header);
	const docId = ids.pepPart(childId, pepId, spec.part);
	if (!mayWriteKind(role, spec.kind) || !writesHere(role, spec.kind, header)) {
		return { kind: 'read', header, caption, values: partValues(await record.getDoc(docId), spec) };
	}
	const editor = new PartEditor(record, spec, docId, newPartDocument(spec, header));
	await editor.load();
	return { kind: 'edit', header, caption, editor };
}
