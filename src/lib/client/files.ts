/**
 * Files on a child's record: a photo or a report added from the tablet, kept in the local record
 * as the attachment of an attachment document (sealed on the device like every record), and sent
 * with the next sync. Nothing here needs the network.
 */
import { ids, newId } from '$lib/domain/ids';
import { newChildDocument } from '$lib/domain/rules/new-documents';
import {
	allowedContentTypes,
	maxAttachmentBytes,
	type AttachmentKind
} from '$lib/domain/schemas/attachment';
import type { ChildProfile } from '$lib/domain/schemas/child';
import type { CommitResult, LocalRecord } from './data/record';

export type AllowedContentType = (typeof allowedContentTypes)[number];

/**
 * Browsers leave a file's type empty when they do not know it (HEIC photos on many, Word files
 * on some), so the name's ending decides then.
 */
const typesByEnding: Record<string, AllowedContentType> = {
	pdf: 'application/pdf',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	heic: 'image/heic',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	txt: 'text/plain'
};

/** What the file input offers to choose from (the camera too, for a photo). */
export const acceptedFiles = [
	...allowedContentTypes,
	...Object.keys(typesByEnding).map((ending) => `.${ending}`)
].join(',');

export function contentTypeOf(file: { name: string; type: string }): AllowedContentType | null {
	const declared = file.type.toLowerCase();
	if ((allowedContentTypes as readonly string[]).includes(declared)) {
		return declared as AllowedContentType;
	}
	const ending = file.name.toLowerCase().split('.').pop() ?? '';
	return declared === '' || declared === 'application/octet-stream'
		? (typesByEnding[ending] ?? null)
		: null;
}

/** Why a chosen file cannot be added, in words for the person who chose it; null if it can. */
export function fileProblem(file: { name: string; type: string; size: number }): string | null {
	if (file.size === 0) return `${file.name} is empty`;
	if (file.size > maxAttachmentBytes) {
		return `${file.name} is ${megabytes(file.size)}: the file must be 10 MB or smaller`;
	}
	if (!contentTypeOf(file)) {
		return `${file.name} must be a PDF, a photo (JPEG, PNG, WebP, HEIC), a Word document or plain text`;
	}
	return null;
}

function megabytes(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A file's size as a list shows it: "2.4 MB", or whole kilobytes below a megabyte. */
export function sizeInWords(bytes: number): string {
	return bytes >= 1024 * 1024 ? megabytes(bytes) : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export interface NewFile {
	child: Pick<ChildProfile, 'childId' | 'authorityId' | 'schoolId'>;
	/** The PEP the file belongs to; none for the child's own record. */
	pepId?: string;
	kind: AttachmentKind;
	title: string;
	file: File;
	now?: Date;
}

/** Adds the file to the local record; the server checks it again when it syncs. */
export async function addFile(record: LocalRecord, input: NewFile): Promise<CommitResult> {
	const problem = fileProblem(input.file);
	if (problem) return { status: 'invalid', errors: [{ field: 'file', message: problem }] };
	const contentType = contentTypeOf(input.file)!;
	const attachmentId = newId();
	const { child, pepId } = input;
	return record.create({
		_id: pepId
			? ids.pepAttachment(child.childId, pepId, attachmentId)
			: ids.childAttachment(child.childId, attachmentId),
		...newChildDocument('attachment', child),
		attachmentId,
		...(pepId ? { pepId } : {}),
		kind: input.kind,
		title: input.title.trim(),
		fileName: input.file.name,
		contentType,
		sizeBytes: input.file.size,
		uploadedAt: (input.now ?? new Date()).toISOString(),
		_attachments: {
			file: { content_type: contentType, data: await base64Of(input.file) }
		}
	});
}

/** The file's bytes as base64, the form PouchDB stores and replicates an attachment in. */
async function base64Of(file: Blob): Promise<string> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	// In slices: a 10 MB file spread into one call would overflow the argument stack.
	let binary = '';
	for (let at = 0; at < bytes.length; at += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
	}
	return btoa(binary);
}

/** The file as the device holds it, to open or save. */
export async function readFile(
	record: LocalRecord,
	docId: string,
	contentType = 'application/octet-stream'
): Promise<Blob> {
	const data = (await record.db.getAttachment(docId, 'file')) as Blob | Uint8Array;
	// A browser's PouchDB gives a Blob; Node's (in tests and benchmarks) gives a Buffer.
	return data instanceof Blob ? data : new Blob([new Uint8Array(data)], { type: contentType });
}
