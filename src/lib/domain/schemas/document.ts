/**
 * What every document about a child carries. The stamps (`childId`, `authorityId`, `schoolId`)
 * are written by the server from its own records and checked against the id, so a device can
 * never move a document to another child, school or authority.
 */
import { z } from 'zod';
import { authorship, opaqueId } from './common';

/** PouchDB's attachment entry: a stub once stored, or inline base64 data when first written. */
export const attachmentEntry = z.union([
	z.strictObject({
		stub: z.literal(true),
		content_type: z.string(),
		digest: z.string().optional(),
		length: z.int().min(0).optional(),
		revpos: z.int().min(1).optional()
	}),
	z.strictObject({
		content_type: z.string(),
		data: z.string(),
		digest: z.string().optional(),
		length: z.int().min(0).optional(),
		revpos: z.int().min(1).optional()
	})
]);

/** Fields every child-scoped document has, beside its own. */
export const childDocumentBase = {
	_id: z.string(),
	_rev: z.string().optional(),
	_attachments: z.record(z.string(), attachmentEntry).optional(),
	childId: opaqueId,
	authorityId: opaqueId,
	/** The setting at the time of writing, when there is one: what a designated teacher is given. */
	schoolId: opaqueId.nullable().default(null),
	updated: authorship
};

/** Every part of a form a person marks as complete. */
export const completable = {
	complete: z.boolean().default(false)
};
