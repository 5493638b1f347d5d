/**
 * What every part's page needs beside its model (`part-model.svelte.ts`): a part's first
 * document, the caption over its heading, and whether this person writes it for this PEP.
 */
import { settingRefusal } from '$lib/domain/access';
import type { DocumentKind } from '$lib/domain/ids';
export { newPartDocument } from '$lib/domain/rules/new-documents';
import { formatLongDate } from '$lib/domain/rules/deadlines';
import type { ChildProfile } from '$lib/domain/schemas/child';
import type { PepHeader } from '$lib/domain/schemas/pep';
import type { Role } from '$lib/domain/schemas/users';
import { childName } from '../caseload';

/** The caption over a part's heading: the child's name, or the PEP's due date without it. */
export function partCaption(child: ChildProfile | null, header: PepHeader): string {
	return child ? childName(child) : `PEP due by ${formatLongDate(header.dueBy)}`;
}

/** Whether this person writes this part of this PEP, by the setting rule the gateway enforces. */
export function writesHere(role: Role, kind: DocumentKind, header: PepHeader): boolean {
	return settingRefusal(role, kind, header) === null;
}
