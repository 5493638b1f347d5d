/**
 * Bad input to every gateway endpoint: each gets a 4xx with a reason that says what is wrong,
 * never a 5xx, and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, signIn, startServer, type RunningServer } from './support/server';

let app: RunningServer;
let cookie: string;
let userId: string;
let sectionA: Record<string, unknown> & { _id: string; _rev: string; childId: string };

async function send(
	method: string,
	path: string,
	body?: string | Uint8Array<ArrayBuffer>,
	type = 'application/json'
) {
	const response = await fetch(`${app.url}/db/pep/${path}`, {
		method,
		headers: { cookie, origin: app.url, ...(body !== undefined ? { 'content-type': type } : {}) },
		body
	});
	const text = await response.text();
	return {
		status: response.status,
		text,
		json: (() => {
			try {
				return JSON.parse(text) as Record<string, unknown>;
			} catch {
				return {};
			}
		})()
	};
}

beforeAll(async () => {
	app = await startServer();
	cookie = await signIn(app.url, 'social-worker@example.org', demoPassword);
	userId = (
		(await (await fetch(`${app.url}/api/session`, { headers: { cookie } })).json()) as {
			user: { userId: string };
		}
	).user.userId;
	const all = await send('GET', '_all_docs?include_docs=true');
	const rows = (all.json.rows as { id: string; doc: typeof sectionA }[]).filter((r) =>
		r.id.endsWith(':a')
	);
	sectionA = rows[0]!.doc;
}, 120_000);

afterAll(async () => {
	await app?.stop();
});

async function unchanged() {
	const now = await send('GET', encodeURIComponent(sectionA._id));
	expect(now.json._rev).toBe(sectionA._rev);
}

const edit = (change: (d: Record<string, unknown>) => void) => {
	const copy = structuredClone(sectionA) as Record<string, unknown>;
	copy.updated = { by: userId, at: new Date().toISOString() };
	change(copy);
	return copy;
};

describe('malformed requests', () => {
	it.each([
		['POST', '_bulk_docs', '{"docs": [', /not valid JSON/],
		['POST', '_bulk_docs', '{"docs": "all of them"}', /docs: must be a list/],
		['POST', '_bulk_docs', '[]', /must be a record/],
		['POST', '_bulk_get', '{"docs": [{"id": 42}]}', /docs\.0\.id/],
		['POST', '_revs_diff', '{"child:x": "1-abc"}', /must be a list/],
		['POST', '_changes', '{"doc_ids": "child:x"}', /doc_ids: must be a list/],
		['POST', '_all_docs', '{"keys": null}', /keys/],
		['PUT', '_local/checkpoint', '"just a string"', /checkpoint must be a JSON object/]
	])('%s %s with %s', async (method, path, body, reason) => {
		const answer = await send(method, path, body);
		expect(answer.status).toBe(400);
		expect(String(answer.json.reason)).toMatch(reason);
		await unchanged();
	});

	it('refuses a body that is not JSON', async () => {
		const answer = await send('POST', '_bulk_docs', 'docs=1', 'application/x-www-form-urlencoded');
		expect(answer.status).toBeGreaterThanOrEqual(400);
		expect(answer.status).toBeLessThan(500);
	});

	it.each([
		['_changes?limit=-1', /limit/],
		['_changes?feed=continuous', /feed/],
		['_changes?filter=by_school', /only _doc_ids/],
		['_changes?doc_ids=notjson', /doc_ids: must be JSON/],
		['_all_docs?startkey=unquoted', /startkey: must be JSON/],
		[`${encodeURIComponent('child:x1234')}?open_revs=[1,2]`, /open_revs/],
		['_changes?include_docs=maybe', /include_docs/]
	])('refuses a bad query parameter: %s', async (path, reason) => {
		const answer = await send('GET', path);
		expect(answer.status).toBe(400);
		expect(String(answer.json.reason)).toMatch(reason);
	});

	it('refuses a field longer than its form allows, naming it, and stores nothing', async () => {
		const long = JSON.stringify({
			docs: [
				edit(
					(d) => (d.socialWorkerInformation = { complete: false, history: 'x'.repeat(2_000_000) })
				)
			]
		});
		const answer = await send('POST', '_bulk_docs', long);
		expect(answer.status).toBe(201);
		expect(answer.json).toEqual([
			expect.objectContaining({ error: 'forbidden', reason: expect.stringMatching(/history/) })
		]);
		await unchanged();
	});

	it('refuses a body over the size limit without falling over', async () => {
		const huge = JSON.stringify({
			docs: [edit((d) => (d.padding = 'x'.repeat(61 * 1024 * 1024)))]
		});
		const answer = await send('POST', '_bulk_docs', huge);
		expect(answer.status).toBe(413);
		expect(answer.json.reason).toBe('The request body is over 60 MB.');
		await unchanged();
	});

	it('answers an unknown endpoint or method with 404 or 405', async () => {
		expect((await send('GET', '_design/gateway')).status).toBe(404);
		expect((await send('POST', '_compact', '{}')).status).toBe(404);
		expect((await send('PUT', '', '{}')).status).toBe(405);
		expect((await send('DELETE', '_local/x')).status).toBe(405);
	});
});

describe('documents the gateway refuses, each with its reason', () => {
	it.each([
		[
			'a wrong type',
			(d: Record<string, unknown>) => (d.personalCare = 'done'),
			/personalCare: must be a record/
		],
		['an unknown field', (d: Record<string, unknown>) => (d.secret = 'x'), /secret/],
		[
			'another child’s id in the body',
			(d: Record<string, unknown>) => (d.childId = 'someone-else'),
			/childId/
		],
		[
			'a forged authority stamp',
			(d: Record<string, unknown>) => (d.authorityId = 'another-council'),
			/authorityId/
		],
		[
			'a forged school stamp',
			(d: Record<string, unknown>) => (d.schoolId = 'forged-school'),
			/schoolId/
		],
		[
			'a forged author',
			(d: Record<string, unknown>) =>
				(d.updated = { by: 'someone-else', at: new Date().toISOString() }),
			/updated\.by/
		],
		[
			'a file on a record that is not an attachment',
			(d: Record<string, unknown>) =>
				(d._attachments = { file: { content_type: 'text/plain', data: 'aGVsbG8=' } }),
			/attachment record/
		]
	])('%s', async (_name, change, reason) => {
		const answer = await send('POST', '_bulk_docs', JSON.stringify({ docs: [edit(change)] }));
		expect(answer.status).toBe(201);
		const [result] = answer.json as unknown as { error: string; reason: string }[];
		expect(result).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(reason) });
		await unchanged();
	});

	it('refuses an id for a child the person does not reach, without saying whether it exists', async () => {
		const answer = await send(
			'PUT',
			encodeURIComponent('child:notmychild0:pep:pep00001:a'),
			JSON.stringify(edit((d) => (d._id = 'child:notmychild0:pep:pep00001:a')))
		);
		expect(answer.status).toBe(403);
		expect(answer.json.reason).toMatch(/do not have access to this child/);
	});

	it('answers a forged _rev with a conflict and stores nothing', async () => {
		const answer = await send(
			'PUT',
			`${encodeURIComponent(sectionA._id)}?rev=1-forged`,
			JSON.stringify(edit(() => {}))
		);
		expect(answer.status).toBe(409);
		const replicated = await send(
			'POST',
			'_bulk_docs',
			JSON.stringify({ docs: [edit((d) => (d._rev = 'not-a-rev'))], new_edits: false })
		);
		expect(replicated.status).toBeLessThan(500);
		await unchanged();
	});

	it('refuses a file that is too big or of a type not allowed', async () => {
		const attachments = (await send('GET', '_all_docs')).json.rows as {
			id: string;
			value: { rev: string };
		}[];
		const file = attachments.find((r) => r.id.includes(':att:'))!;
		const big = new Uint8Array(10 * 1024 * 1024 + 1);
		const tooBig = await send(
			'PUT',
			`${encodeURIComponent(file.id)}/file?rev=${file.value.rev}`,
			big,
			'text/plain'
		);
		expect(tooBig.status).toBe(413);
		expect(tooBig.json.reason).toMatch(/10 MB or smaller/);
		const wrongType = await send(
			'PUT',
			`${encodeURIComponent(file.id)}/file?rev=${file.value.rev}`,
			new Uint8Array([77, 90]),
			'application/x-msdownload'
		);
		expect(wrongType.status).toBe(415);
		const noRev = await send('PUT', `${encodeURIComponent(file.id)}/file`, 'hello', 'text/plain');
		expect(noRev.status).toBe(409);
	});
});

describe('input that would crash a careless server', () => {
	it.each([
		['not base64 at all', '!!!not base64***'],
		['base64 without its padding', 'cHJvYmU'],
		['a number', 42]
	])('refuses an attached file whose data is %s, naming the attachment', async (_, data) => {
		const attachments = (await send('GET', '_all_docs?include_docs=true')).json.rows as {
			id: string;
			doc: Record<string, unknown>;
		}[];
		const file = attachments.find((r) => r.id.includes(':att:'))!.doc;
		const broken = {
			...file,
			updated: { by: userId, at: new Date().toISOString() },
			_attachments: { file: { content_type: file.contentType, data } }
		};
		const answer = await send('POST', '_bulk_docs', JSON.stringify({ docs: [broken] }));
		expect(answer.status).toBe(400);
		expect(answer.json.reason).toMatch(/attachment "file" of .* is not valid base64/);
		const after = await send('GET', encodeURIComponent(file._id as string));
		expect(after.json._rev).toBe(file._rev);
	});

	it.each([
		['PUT', '_local/deep', '['.repeat(5_000) + ']'.repeat(5_000)],
		['POST', '_bulk_docs', '{"docs":[' + '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000) + ']}'],
		['POST', '_revs_diff', '{"x":' + '['.repeat(5_000) + ']'.repeat(5_000) + '}'],
		['POST', '_bulk_get', '{"docs":' + '['.repeat(5_000) + ']'.repeat(5_000) + '}']
	])('refuses JSON nested thousands deep: %s %s', async (method, path, body) => {
		const answer = await send(method, path, body);
		expect(answer.status).toBe(400);
		expect(answer.json.reason).toMatch(/nested more than 64 levels deep/);
		await unchanged();
	});

	it('refuses a query parameter nested too deep', async () => {
		const deep = encodeURIComponent('['.repeat(100) + ']'.repeat(100));
		const answer = await send('GET', `_all_docs?keys=${deep}`);
		expect(answer.status).toBe(400);
		expect(answer.json.reason).toMatch(/nested more than 64 levels deep/);
	});

	it('refuses an API body nested thousands deep', async () => {
		const response = await fetch(`${app.url}/api/session`, {
			method: 'POST',
			headers: { origin: app.url, 'content-type': 'application/json' },
			body: '{"email":' + '['.repeat(5_000) + ']'.repeat(5_000) + '}'
		});
		expect(response.status).toBe(400);
		expect(await response.text()).toMatch(/nested more than 64 levels deep/);
	});
});

describe('a device that goes away mid-request', () => {
	it('does not take the server down', async () => {
		const now = (await send('GET', '_changes?since=now')).json.last_seq as string;
		for (let i = 0; i < 3; i += 1) {
			const controller = new AbortController();
			const request = fetch(
				`${app.url}/db/pep/_changes?feed=longpoll&heartbeat=1000&since=${now}&timeout=5000`,
				{
					headers: { cookie },
					signal: controller.signal
				}
			).catch(() => undefined);
			await new Promise((resolve) => setTimeout(resolve, 1_500));
			controller.abort();
			await request;
		}
		await new Promise((resolve) => setTimeout(resolve, 5_000));
		expect((await send('GET', '')).status).toBe(200);
	}, 30_000);
});
