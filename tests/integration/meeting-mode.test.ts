/**
 * What meeting mode writes, through the real gateway: the designated teacher's clock, ticks and
 * next meeting time on the PEP header, and what the young person said on the meeting page, are
 * stored and reach the social worker; the social worker may write the header's meeting fields
 * but not the meeting page (which meeting mode therefore only shows them); and a clock that ends
 * before it starts is refused whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, signIn, startServer, type RunningServer } from './support/server';

type Doc = Record<string, unknown> & { _id: string; _rev: string };

let app: RunningServer;
const people: Record<string, { cookie: string; userId: string }> = {};

async function as(who: string, method: string, path: string, body?: unknown) {
	const response = await fetch(`${app.url}/db/pep/${path}`, {
		method,
		headers: {
			cookie: people[who]!.cookie,
			origin: app.url,
			...(body !== undefined ? { 'content-type': 'application/json' } : {})
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

let header: Doc;
let sectionB: Doc;

beforeAll(async () => {
	app = await startServer();
	for (const [who, email] of [
		['dt', 'designated-teacher@example.org'],
		['sw', 'social-worker@example.org']
	] as const) {
		const cookie = await signIn(app.url, email, demoPassword);
		const session = (await (
			await fetch(`${app.url}/api/session`, { headers: { cookie } })
		).json()) as {
			user: { userId: string };
		};
		people[who] = { cookie, userId: session.user.userId };
	}
	// A PEP being prepared that both reach: the social worker's child at the teacher's school.
	const theirs = await as('sw', 'GET', '_all_docs?include_docs=true');
	const swIds = new Set((theirs.json.rows as { id: string }[]).map((r) => r.id));
	const rows = (await as('dt', 'GET', '_all_docs?include_docs=true')).json.rows as {
		id: string;
		doc: Doc & { status?: string };
	}[];
	const found = rows.find(
		(r) =>
			/^child:[^:]+:pep:[^:]+$/.test(r.id) &&
			r.doc.status === 'draft' &&
			swIds.has(r.id) &&
			rows.some((b) => b.id === `${r.id}:b`)
	);
	if (!found) throw new Error('No PEP being prepared that both reach.');
	header = found.doc;
	sectionB = rows.find((r) => r.id === `${header._id}:b`)!.doc;
}, 120_000);

afterAll(async () => {
	await app?.stop();
});

const by = (who: string) => ({ by: people[who]!.userId, at: new Date().toISOString() });

describe('meeting mode through the gateway', () => {
	it('stores the clock, the ticks and the next meeting from the designated teacher, for the social worker to read', async () => {
		const startedAt = new Date(Date.now() - 20 * 60_000).toISOString();
		const meeting = header.meeting as Record<string, unknown>;
		const invitees = (header.invitees as { attendance: string }[]).map((i) => ({
			...i,
			attendance: 'attended'
		}));
		const put = await as('dt', 'PUT', encodeURIComponent(header._id), {
			...header,
			meeting: { ...meeting, timer: { startedAt }, preparation: { attendanceConfirmed: true } },
			invitees,
			nextPepDate: '2099-01-14',
			nextPepTime: '15:30',
			updated: by('dt')
		});
		expect(put.status, JSON.stringify(put.json)).toBe(201);
		const page = sectionB.meetingPage as Record<string, unknown>;
		const notes = await as('dt', 'PUT', encodeURIComponent(sectionB._id), {
			...sectionB,
			meetingPage: { ...page, youngPersonViews: 'I want to do art at college.' },
			updated: by('dt')
		});
		expect(notes.status, JSON.stringify(notes.json)).toBe(201);

		const read = await as('sw', 'GET', encodeURIComponent(header._id));
		expect(read.json).toMatchObject({
			meeting: { timer: { startedAt }, preparation: { attendanceConfirmed: true } },
			nextPepTime: '15:30'
		});
		const b = await as('sw', 'GET', encodeURIComponent(sectionB._id));
		expect(b.json.meetingPage).toMatchObject({ youngPersonViews: 'I want to do art at college.' });
		header = read.json as Doc;
		sectionB = b.json as Doc;
	});

	it('lets the social worker stop the clock, but not write the meeting page', async () => {
		const meeting = header.meeting as { timer: { startedAt: string } };
		const stop = await as('sw', 'PUT', encodeURIComponent(header._id), {
			...header,
			meeting: { ...meeting, timer: { ...meeting.timer, endedAt: new Date().toISOString() } },
			updated: by('sw')
		});
		expect(stop.status, JSON.stringify(stop.json)).toBe(201);
		header = { ...header, _rev: stop.json.rev as string };

		const page = sectionB.meetingPage as Record<string, unknown>;
		const refused = await as('sw', 'PUT', encodeURIComponent(sectionB._id), {
			...sectionB,
			meetingPage: { ...page, summary: 'Written by the social worker.' },
			updated: by('sw')
		});
		expect(refused.status).toBe(403);
	});

	it('refuses a clock that ends before it starts, and stores nothing', async () => {
		const meeting = header.meeting as Record<string, unknown>;
		const put = await as('dt', 'PUT', encodeURIComponent(header._id), {
			...header,
			meeting: {
				...meeting,
				timer: { startedAt: '2026-03-10T15:30:00.000Z', endedAt: '2026-03-10T15:00:00.000Z' }
			},
			updated: by('dt')
		});
		expect(put.status).toBe(403);
		expect(JSON.stringify(put.json)).toMatch(
			/meeting\.timer\.endedAt: must not be before the start/
		);
		const now = await as('dt', 'GET', encodeURIComponent(header._id));
		expect(now.json._rev).toBe(header._rev);
	});
});
