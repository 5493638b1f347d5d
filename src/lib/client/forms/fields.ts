/**
 * Forms described as data: each PEP part is a list of fields, and one component draws any of
 * them with the GOV.UK Design System's patterns. A field's value lives at `key.name` in its
 * document (or at `name` when the part is the whole document), which is also the path the
 * schemas name in an error, so an error finds its field.
 */
import type { DocumentKind, PepPart } from '$lib/domain/ids';
import type { PepHeader } from '$lib/domain/schemas/pep';
import type { Role } from '$lib/domain/schemas/users';

interface BaseField {
	name: string;
	label: string;
	hint?: string;
	/** Shown only when this is true of the part's values (e.g. details once "applies" is yes). */
	showIf?: (values: Record<string, unknown>) => boolean;
}

export type FieldSpec =
	| (BaseField & { kind: 'textarea'; rows?: number })
	| (BaseField & { kind: 'text'; width?: 'full' | 'half' })
	| (BaseField & { kind: 'date' })
	| (BaseField & { kind: 'yes-no' })
	| (BaseField & { kind: 'radios'; options: { value: string; label: string; hint?: string }[] });

export interface PartSpec {
	/** In the address: `/children/{childId}/peps/{pepId}/parts/{slug}`. */
	slug: string;
	title: string;
	/** Which section's task list it is in. */
	section: string;
	/** The PEP document it lives in. */
	part: PepPart;
	kind: DocumentKind;
	/** The top-level key in that document holding this part's fields; '' for the document itself. */
	key: string;
	/** A sentence under the heading saying what the part is for. */
	description?: string;
	fields: FieldSpec[];
	/** Whether a person marks it complete: `complete` beside its fields. */
	completable: boolean;
	/** Only for some PEPs (a post-16 PETP, say; one completed by the personal adviser). */
	appliesTo?: (pep: Pick<PepHeader, 'kind' | 'chair'>) => boolean;
	readers?: Role[];
	/**
	 * For a part drawn by its own page (a table, a list, a sign-off) rather than by `PartForm`:
	 * where it stands, read from its whole document.
	 */
	statusOf?: (doc: Record<string, unknown> | null, hasDraft: boolean) => PartStatus;
}

/** What a form needs of a part to draw and save it (the header's meeting details have no part). */
export type FormSpec = Pick<PartSpec, 'key' | 'title' | 'description' | 'fields' | 'completable'>;

export type PartStatus = 'not-started' | 'in-progress' | 'complete' | 'signed';

export const partStatusNames: Record<PartStatus, string> = {
	'not-started': 'Not started',
	'in-progress': 'In progress',
	complete: 'Complete',
	signed: 'Signed'
};

/** The values of one part in a document (or in a draft laid over it). */
export function partValues(
	doc: Record<string, unknown> | null,
	spec: Pick<PartSpec, 'key'>
): Record<string, unknown> {
	if (!doc) return {};
	if (spec.key === '') return doc;
	const holder = doc[spec.key];
	return typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>) : {};
}

function isFilled(value: unknown): boolean {
	if (value === undefined || value === null || value === false) return false;
	if (typeof value === 'string') return value.trim().length > 0;
	return true;
}

export function partStatus(
	values: Record<string, unknown>,
	spec: PartSpec,
	hasDraft: boolean
): PartStatus {
	if (spec.completable && values.complete === true) return 'complete';
	const touched = spec.fields.some((field) => isFilled(values[field.name]));
	return touched || hasDraft ? 'in-progress' : 'not-started';
}

/** Where a part stands on the task list, whichever kind of page draws it. */
export function taskStatus(
	doc: Record<string, unknown> | null,
	spec: PartSpec,
	hasDraft: boolean
): PartStatus {
	if (spec.statusOf) return spec.statusOf(doc, hasDraft);
	return partStatus(partValues(doc, spec), spec, hasDraft);
}

/** Where an error about `path` (as the schemas name it) belongs on the page: its field's id. */
export function fieldIdFor(spec: FormSpec, path: string): string | null {
	const inPart =
		spec.key === ''
			? path
			: path.startsWith(`${spec.key}.`)
				? path.slice(spec.key.length + 1)
				: null;
	if (inPart === null) return null;
	const name = inPart.split('.')[0]!;
	if (name === 'complete') return 'complete';
	return spec.fields.some((f) => f.name === name) ? `field-${name}` : null;
}
