/**
 * The one entry point for a document arriving from anywhere (a form, another device, the server):
 * find its kind from its id, parse it with that kind's schema, and check that what it says about
 * itself (type, child, PEP) agrees with its id. The server refuses whatever this refuses.
 */
import type { z } from 'zod';
import { parseId, type DocumentKind, type ParsedId } from './ids';
import { attachment } from './schemas/attachment';
import { authority } from './schemas/authority';
import { carerViews } from './schemas/carer';
import { childProfile } from './schemas/child';
import { fieldErrors, type FieldError } from './schemas/errors';
import { pepHeader } from './schemas/pep';
import { petp } from './schemas/petp';
import { pupilPremiumPlus } from './schemas/pp';
import { qa } from './schemas/qa';
import { sectionA } from './schemas/section-a';
import { sectionB } from './schemas/section-b';
import { targets } from './schemas/targets';
import { assignment } from './schemas/users';
import { voice } from './schemas/voice';

/** Every kind of document, its schema, and the `type` it carries. Add a kind here first. */
export const documentSchemas = {
	authority: { schema: authority, type: 'authority' },
	assignment: { schema: assignment, type: 'assignment' },
	child: { schema: childProfile, type: 'child' },
	'child-attachment': { schema: attachment, type: 'attachment' },
	pep: { schema: pepHeader, type: 'pep' },
	'pep-attachment': { schema: attachment, type: 'attachment' },
	'pep-a': { schema: sectionA, type: 'pep-a' },
	'pep-b': { schema: sectionB, type: 'pep-b' },
	'pep-targets': { schema: targets, type: 'pep-targets' },
	'pep-voice': { schema: voice, type: 'pep-voice' },
	'pep-carer': { schema: carerViews, type: 'pep-carer' },
	'pep-petp': { schema: petp, type: 'pep-petp' },
	'pep-qa': { schema: qa, type: 'pep-qa' },
	'pep-pp': { schema: pupilPremiumPlus, type: 'pep-pp' }
} as const satisfies Record<DocumentKind, { schema: z.ZodType; type: string }>;

export type DocumentOfKind<K extends DocumentKind> = z.infer<(typeof documentSchemas)[K]['schema']>;

/** Any document the record can hold. */
export type AnyDocument = DocumentOfKind<DocumentKind>;

export type ParsedDocument = {
	[K in DocumentKind]: { ok: true; kind: K; id: ParsedId; doc: DocumentOfKind<K> };
}[DocumentKind];

export type DocumentResult = ParsedDocument | { ok: false; errors: FieldError[] };

export function parseDocument(input: unknown): DocumentResult {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return refuse('(document)', 'must be a JSON object');
	}
	const raw = input as Record<string, unknown>;
	if (typeof raw._id !== 'string') return refuse('_id', 'is required');
	const id = parseId(raw._id);
	if (!id) return refuse('_id', `"${raw._id.slice(0, 80)}" is not the id of any kind of document`);

	const { schema, type } = documentSchemas[id.kind];
	if (raw.type !== type) return refuse('type', `must be "${type}" for a document with this id`);

	const result = (schema as z.ZodType).safeParse(raw);
	if (!result.success) return { ok: false, errors: fieldErrors(result.error) };

	const mismatch = stampMismatch(id, result.data as Record<string, unknown>);
	if (mismatch) return { ok: false, errors: [mismatch] };
	return { ok: true, kind: id.kind, id, doc: result.data } as ParsedDocument;
}

/** The fields that must repeat what the id already says. */
function stampMismatch(id: ParsedId, doc: Record<string, unknown>): FieldError | null {
	const expected: Record<string, string> = {};
	if ('childId' in id) expected.childId = id.childId;
	if ('pepId' in id) expected.pepId = id.pepId;
	if ('attachmentId' in id) expected.attachmentId = id.attachmentId;
	if ('userId' in id) expected.userId = id.userId;
	if ('authorityId' in id && id.kind === 'authority') expected.authorityId = id.authorityId;
	for (const [field, value] of Object.entries(expected)) {
		if (doc[field] !== value) return { field, message: `must be "${value}", as the id says` };
	}
	if (id.kind === 'child-attachment' && doc.pepId !== undefined) {
		return { field: 'pepId', message: 'must not be set on an attachment to the child record' };
	}
	return null;
}

function refuse(field: string, message: string): DocumentResult {
	return { ok: false, errors: [{ field, message }] };
}
