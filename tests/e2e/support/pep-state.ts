/**
 * Puts a demo PEP into the state a journey starts from, through the server's own API as the
 * people who would have done it (the designated teacher signing off), so the server's checks
 * apply. The demo data is generated for today's date, so which PEP is where changes from day to
 * day: each helper looks for a fitting one rather than naming it.
 */
import { request, type APIRequestContext } from '@playwright/test';

const password = 'demo-password-2026';

type Doc = Record<string, unknown> & { _id: string; _rev: string };
interface Header extends Doc {
	childId: string;
	pepId: string;
	status: string;
	history: unknown[];
	nextPepDate?: string;
	meeting: { date?: string };
}

async function signedIn(baseURL: string, email: string) {
	const api = await request.newContext({ baseURL });
	const signIn = await api.post('/api/session', { data: { email, password } });
	if (!signIn.ok()) throw new Error(`${email} could not sign in: ${signIn.status()}`);
	const user = (await signIn.json()) as { userId: string; displayName: string };
	return { api, user };
}

async function allDocs(api: APIRequestContext, includeDocs: boolean) {
	const response = await api.get(`/db/pep/_all_docs?include_docs=${includeDocs}`);
	if (!response.ok()) throw new Error(`_all_docs: ${response.status()}`);
	return ((await response.json()) as { rows: { id: string; doc?: Doc }[] }).rows;
}

async function put(api: APIRequestContext, doc: Doc) {
	const response = await api.put(`/db/pep/${encodeURIComponent(doc._id)}`, { data: doc });
	if (!response.ok()) throw new Error(`${doc._id}: ${response.status()} ${await response.text()}`);
}

const isHeader = (id: string) => /^child:[^:]+:pep:[^:]+$/.test(id);

/**
 * A PEP waiting for the Virtual School, at a school the demo designated teacher holds, of a child
 * outside the demo social worker's caseload (other journeys use theirs). Signed off by the
 * designated teacher first if none is waiting yet.
 */
export async function pepAwaitingQa(baseURL: string): Promise<{ childId: string; pepId: string }> {
	const sw = await signedIn(baseURL, 'social-worker@example.org');
	const theirs = new Set((await allDocs(sw.api, false)).map((r) => r.id.split(':')[1]));
	await sw.api.dispose();

	const dt = await signedIn(baseURL, 'designated-teacher@example.org');
	try {
		const rows = await allDocs(dt.api, true);
		const headers = rows
			.filter((r) => isHeader(r.id) && r.doc && !theirs.has(r.id.split(':')[1]))
			.map((r) => r.doc as Header);
		const waiting = headers.find((h) => h.status === 'dt-signed');
		if (waiting) return { childId: waiting.childId, pepId: waiting.pepId };
		const header = headers.find((h) => h.status === 'sw-signed');
		if (!header) throw new Error('No PEP in the designated teacher’s school is ready to sign off.');
		const b = rows.find((r) => r.id === `${header._id}:b`)?.doc;
		if (!b) throw new Error(`${header._id} has no Section B.`);
		const at = new Date().toISOString();
		const updated = { by: dt.user.userId, at };
		const nextPepDate = header.nextPepDate ?? '2027-03-01';
		await put(dt.api, {
			...b,
			signOff: {
				signedBy: dt.user.userId,
				signedByName: dt.user.displayName,
				signedAt: at,
				nextPepDate
			},
			updated
		});
		await put(dt.api, {
			...header,
			status: 'dt-signed',
			history: [...header.history, { status: 'dt-signed', at, by: dt.user.userId }],
			updated
		});
		return { childId: header.childId, pepId: header.pepId };
	} finally {
		await dt.api.dispose();
	}
}

/**
 * A PEP that has passed quality assurance, of a child in the demo social worker's caseload whose
 * family name is not that of the first two or the last in their table (other journeys use those).
 */
export async function pepAwaitingShare(
	baseURL: string
): Promise<{ childId: string; pepId: string }> {
	const sw = await signedIn(baseURL, 'social-worker@example.org');
	try {
		const rows = await allDocs(sw.api, true);
		const children = rows
			.filter((r) => /^child:[^:]+$/.test(r.id) && r.doc)
			.map((r) => r.doc as Doc & { childId: string; person: { familyName: string } })
			.sort((a, b) => a.person.familyName.localeCompare(b.person.familyName));
		const avoided = new Set(
			[children[0], children[1], children.at(-1)].map((c) => c?.person.familyName)
		);
		const usable = new Set(
			children.filter((c) => !avoided.has(c.person.familyName)).map((c) => c.childId)
		);
		const header = rows
			.filter((r) => isHeader(r.id) && r.doc)
			.map((r) => r.doc as Header)
			.find((h) => h.status === 'qa-passed' && usable.has(h.childId));
		if (!header) throw new Error('No PEP in the social worker’s caseload has passed QA.');
		return { childId: header.childId, pepId: header.pepId };
	} finally {
		await sw.api.dispose();
	}
}
