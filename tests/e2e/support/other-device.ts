/**
 * Another person's device, as the server sees one: signed in over HTTP and writing to the record
 * through the gateway, as the app's replication does. For journeys where a page is open on one
 * device while someone changes the record elsewhere.
 */
import { expect } from '@playwright/test';
import { demoPassword } from './session';

type Doc = Record<string, unknown> & { _id: string; _rev: string };

export interface OtherDevice {
	userId: string;
	get(id: string): Promise<Doc>;
	/** Changes a document as its app would: the change, and a stamp in this person's name. */
	change(id: string, edit: (doc: Doc) => Record<string, unknown>): Promise<void>;
	/** Starts a document that is not in the record yet, stamped in this person's name. */
	create(doc: Record<string, unknown> & { _id: string }): Promise<void>;
}

export async function otherDevice(origin: string, email: string): Promise<OtherDevice> {
	const signedIn = await fetch(`${origin}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin },
		body: JSON.stringify({ email, password: demoPassword })
	});
	expect(signedIn.status, `signing ${email} in`).toBe(200);
	const { userId } = (await signedIn.json()) as { userId: string };
	const cookie = signedIn.headers
		.getSetCookie()
		.map((header) => header.split(';')[0]!)
		.join('; ');
	const gateway = (id: string) => `${origin}/db/pep/${encodeURIComponent(id)}`;
	const get = async (id: string) => {
		const answer = await fetch(gateway(id), { headers: { cookie } });
		expect(answer.status, `reading ${id}`).toBe(200);
		return (await answer.json()) as Doc;
	};
	const put = async (doc: Record<string, unknown> & { _id: string }) => {
		const next = { ...doc, updated: { by: userId, at: new Date().toISOString() } };
		const answer = await fetch(gateway(doc._id), {
			method: 'PUT',
			headers: { cookie, origin, 'content-type': 'application/json' },
			body: JSON.stringify(next)
		});
		expect(answer.status, `writing ${doc._id}: ${await answer.clone().text()}`).toBe(201);
	};
	return {
		userId,
		get,
		async change(id, edit) {
			await put({ ...edit(await get(id)), _id: id });
		},
		create: put
	};
}
