/**
 * Attachment files on attachment records: read as their own bytes, written with the document's
 * current rev. The same checks as any write apply to the record the file belongs to.
 */
import { json } from '@sveltejs/kit';
import { allowedContentTypes, maxAttachmentBytes } from '$lib/domain/schemas/attachment';
import { BodyTooLarge, readBodyBytes } from '../body';
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
	const doc = (await getDocument(db, access, id, rev ? { rev } : {})) as {
		_attachments?: Record<string, { content_type: string }>;
	};
	const meta = doc._attachments?.[name];
	if (!meta) throw new GatewayError(404, 'not_found', 'missing');
	const data = (await db.getAttachment(id, name, rev ? { rev } : {})) as unknown as Buffer;
	return new Response(new Uint8Array(data), {
		headers: {
			'content-type': meta.content_type,
			'content-length': String(data.length),
			'cache-control': 'private, no-store'
		}
	});
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
