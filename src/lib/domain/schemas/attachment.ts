/**
 * Attachment metadata: `child:{childId}:att:{id}` or `child:{childId}:pep:{pepId}:att:{id}`. The
 * file itself is the document's PouchDB attachment named `file`.
 */
import { z } from 'zod';
import { isoDateTime, opaqueId, shortText, unlessMissing } from './common';
import { childDocumentBase } from './document';

export const attachmentKinds = [
	'progress-report',
	'tracking-report',
	'attendance-report',
	'behaviour-log',
	'iep',
	'sen-support-plan',
	'ehcp',
	'photo',
	'other'
] as const;
export const attachmentKind = z.enum(attachmentKinds);
export type AttachmentKind = z.infer<typeof attachmentKind>;

/** 10 MB: a phone photo or a scanned report, not a video. */
export const maxAttachmentBytes = 10 * 1024 * 1024;

export const allowedContentTypes = [
	'application/pdf',
	'image/jpeg',
	'image/png',
	'image/webp',
	'image/heic',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'text/plain'
] as const;

export const attachment = z.strictObject({
	...childDocumentBase,
	type: z.literal('attachment'),
	schemaVersion: z.literal(1),
	attachmentId: opaqueId,
	pepId: opaqueId.optional(),
	kind: attachmentKind,
	title: shortText.min(1, 'is required'),
	fileName: shortText.min(1, 'is required'),
	contentType: z.enum(allowedContentTypes, {
		error: unlessMissing(
			'must be a PDF, a photo (JPEG, PNG, WebP, HEIC), a Word document or plain text'
		)
	}),
	sizeBytes: z
		.int()
		.min(1, 'must not be empty')
		.max(maxAttachmentBytes, 'must be 10 MB or smaller'),
	uploadedAt: isoDateTime
});
export type Attachment = z.infer<typeof attachment>;
