/**
 * Attachment files on attachment records: read as their own bytes, written with the document's
 * current rev. The same checks as any write apply to the record the file belongs to.
 */
import { json } from '@sveltejs/kit';
import { allowedContentTypes, maxAttachmentBytes } from '$lib/domain/schemas/attachment';
import { BodyTooLarge, readBodyBytes } from '../body';
import { isNotFound } from '../store/databases';
import { mayRead, type Access } from './access';
import { getDocument } from './reads';
import { GatewayError } from './request';
import { writeDocuments } from './writes';

export async function attachmentResponse(
	db: PouchDB.Database,
	access: Access,
	id: string,
	name: string,
	url: URL
) {
	if (!mayRead(access, id)) throw new GatewayError(404, 'not_found', 'missing');
	const rev = url.searchParams.get('rev') ?? undefined;
	const file = await readFile(db, id, name, rev);
	if (!file) throw new GatewayError(404, 'not_found', 'missing');
	return new Response(file.data, {
		headers: {
			'content-type': file.contentType,
			'content-length': String(file.data.length),
			'cache-control': 'private, no-store'
		}
	});
}

/**
 * A file's type and bytes. On the embedded store one read gives the document with its files'
 * bytes (an attachment record holds one file); PouchDB's `getAttachment` would read the document
 * again before the file. From CouchDB the file comes on its own, not base64 inside the document.
 */
async function readFile(
	db: PouchDB.Database,
	id: string,
	name: string,
	rev: string | undefined
): Promise<{ contentType: string; data: Uint8Array<ArrayBuffer> } | null> {
	const inline = (db as unknown as { adapter?: string }).adapter !== 'http';
	const doc = await db
		.get(id, { ...(rev ? { rev } : {}), ...(inline ? { attachments: true, binary: true } : {}) })
		.catch((error: unknown) => {
			if (isNotFound(error)) return null;
			throw error;
		});
	const meta = (doc?._attachments as Record<string, { content_type: string; data?: unknown }>)?.[
		name
	];
	if (!meta) return null;
	const bytes = inline
		? (meta.data as Buffer)
		: ((await db.getAttachment(id, name, rev ? { rev } : {})) as unknown as Buffer);
	return { contentType: meta.content_type, data: new Uint8Array(bytes) };
}

export async function putAttachment(
	db: PouchDB.Database,
	access: Access,
	id: string,
	name: string,
	request: Request,
	url: URL
) {
	const rev = url.searchParams.get('rev');
	if (!rev)
		throw new GatewayError(
			409,
			'conflict',
			'Give the record’s current rev to attach a file to it.'
		);
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim();
	if (!(allowedContentTypes as readonly string[]).includes(type)) {
		throw new GatewayError(
			415,
			'bad_content_type',
			'The file must be a PDF, a photo (JPEG, PNG, WebP, HEIC), a Word document or plain text.'
		);
	}
	const bytes = await readBodyBytes(request, maxAttachmentBytes).catch((error: unknown) => {
		if (error instanceof BodyTooLarge) {
			throw new GatewayError(413, 'too_large', 'The file must be 10 MB or smaller.');
		}
		throw error;
	});
	const current = (await getDocument(db, access, id, { rev })) as Record<string, unknown>;
	const doc = {
		...current,
		_id: id,
		_rev: rev,
		_attachments: {
			...((current._attachments as object) ?? {}),
			[name]: { content_type: type, data: Buffer.from(bytes).toString('base64') }
		}
	};
	const [result] = await writeDocuments(db, access, [doc], true);
	if (!result || !('ok' in result)) {
		throw new GatewayError(
			403,
			result?.error ?? 'forbidden',
			result && 'reason' in result ? result.reason : 'The file was not stored.'
		);
	}
	return json(result, { status: 201 });
}
