/**
 * The authorization matrix, over real HTTP against a real server: every role × every kind of
 * document × every read path and write path, for a child the person reaches and one they do not.
 * The expected answers are written out here by hand, from ARCHITECTURE.md, not derived from the
 * code under test. Adding a kind of document or a gateway endpoint without rows here fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayEndpoints } from '../../src/lib/server/gateway/endpoint-list';
import { documentSchemas } from '../../src/lib/domain/documents';
import { demoPassword, signIn, startServer, type RunningServer } from './support/server';

type Role =
	| 'social-worker'
	| 'designated-teacher'
	| 'virtual-school'
	| 'personal-adviser'
	| 'iro'
	| 'young-person'
	| 'carer'
	| 'admin';
const roles: Role[] = [
	'social-worker',
	'designated-teacher',
	'virtual-school',
	'personal-adviser',
	'iro',
	'young-person',
	'carer',
	'admin'
];

/**
 * R: may read it for a child they reach. S: a carer may read it once the PEP is shared.
 * W: may also write it. W0: may write it only for a child with no setting. Blank: neither.
 */
type Cell = '' | 'R' | 'S' | 'RW' | 'SW' | 'RW0';
const matrix: Record<string, Record<Role, Cell>> = {
	//                   SW     DT     VS     PA     IRO   YP     carer  admin
	child: row('RW', 'R', 'R', 'R', 'R', '', '', ''),
	'child-attachment': row('RW', 'R', 'R', 'R', 'R', '', '', ''),
	pep: row('RW', 'RW', 'RW', 'RW', 'R', 'R', 'R', ''),
	'pep-a': row('RW', 'R', 'R', 'R', 'R', '', 'S', ''),
	'pep-b': row('R', 'RW', 'RW0', 'R', 'R', '', 'S', ''),
	'pep-targets': row('R', 'RW', 'RW', 'RW', 'R', 'R', 'S', ''),
	'pep-voice': row('R', 'RW', 'R', 'R', 'R', 'RW', 'S', ''),
	'pep-carer': row('R', 'R', 'R', 'R', 'R', '', 'RW', ''),
	'pep-petp': row('R', 'R', 'R', 'RW', 'R', '', 'S', ''),
	'pep-qa': row('R', 'R', 'RW', 'R', 'R', '', '', ''),
	'pep-pp': row('R', 'RW', 'RW', 'R', 'R', '', '', ''),
	'pep-attachment': row('RW', 'RW', 'RW', 'RW', 'R', '', 'S', ''),
	// Server-kept documents: everyone reads their own assignment and their authority's settings.
	authority: row('R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'),
	assignment: row('R', 'R', 'R', 'R', 'R', 'R', 'R', 'R')
};
function row(...cells: Cell[]) {
	return Object.fromEntries(roles.map((r, i) => [r, cells[i]!])) as Record<Role, Cell>;
}

const readPaths = [
	'GET _changes',
	'POST _changes',
	'GET _all_docs',
	'POST _all_docs',
	'POST _bulk_get',
	'GET {doc}',
	'GET {doc}/{attachment}'
];
const writePaths = ['POST _bulk_docs', 'PUT {doc}', 'PUT {doc}/{attachment}'];
/** Endpoints that carry no document of their own; each has its own test below. */
const otherPaths = [
	'GET ',
	'POST _revs_diff',
	'POST _ensure_full_commit',
	'GET _local/{id}',
	'PUT _local/{id}',
	'DELETE {doc}'
];

type Doc = Record<string, unknown> & { _id: string; _rev: string; type: string };

let app: RunningServer;
const users = {} as Record<Role, { cookie: string; userId: string }>;
let truth: Doc[] = [];

async function call(
	role: Role,
	method: string,
	path: string,
	body?: unknown,
	type = 'application/json'
) {
	const response = await fetch(`${app.url}/db/pep/${path}`, {
		method,
		// A browser sends its origin with every write, as SvelteKit's CSRF check expects.
		headers: {
			cookie: users[role].cookie,
			origin: app.url,
			...(body !== undefined ? { 'content-type': type } : {})
		},
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
	});
	const text = await response.text();
	let json: unknown = null;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: response.status, json: json as Record<string, unknown> & unknown[] };
}

const kindOf = (id: string): string => {
	const parts = id.split(':');
	if (parts[0] === 'authority') return 'authority';
	if (parts[0] === 'assign') return 'assignment';
	if (parts.length === 2) return 'child';
	if (parts[2] === 'att') return 'child-attachment';
	if (parts.length === 4) return 'pep';
	if (parts[4] === 'att') return 'pep-attachment';
	return `pep-${parts[4]}`;
};
const childOf = (id: string) => (id.startsWith('child:') ? id.split(':')[1]! : null);

beforeAll(async () => {
	app = await startServer();
	for (const role of roles) {
		const cookie = await signIn(app.url, `${role}@example.org`, demoPassword);
		const me = (await (await fetch(`${app.url}/api/session`, { headers: { cookie } })).json()) as {
			user: { userId: string };
		};
		users[role] = { cookie, userId: me.user.userId };
	}
	// The Virtual School reads every child's record: that is the truth the others are checked against.
	const all = await call('virtual-school', 'GET', '_all_docs?include_docs=true');
	truth = (all.json.rows as { doc: Doc }[]).map((r) => r.doc);
	// The demo has no attachment on a child's own record: the social worker adds one.
	const swChild = (await call('social-worker', 'GET', `assign:${users['social-worker'].userId}`))
		.json.childIds as string[];
	const child = truth.find((d) => d.type === 'child' && d.childId === swChild[0])!;
	const attachment = {
		_id: `child:${child.childId}:att:matrixfile01`,
		type: 'attachment',
		schemaVersion: 1,
		childId: child.childId,
		authorityId: child.authorityId,
		schoolId: child.schoolId,
		updated: { by: users['social-worker'].userId, at: new Date().toISOString() },
		attachmentId: 'matrixfile01',
		kind: 'ehcp',
		title: 'EHCP',
		fileName: 'ehcp.txt',
		contentType: 'text/plain',
		sizeBytes: 5,
		uploadedAt: new Date().toISOString(),
		_attachments: {
			file: { content_type: 'text/plain', data: Buffer.from('hello').toString('base64') }
		}
	};
	const created = await call(
		'social-worker',
		'PUT',
		encodeURIComponent(attachment._id),
		attachment
	);
	expect(created.status, JSON.stringify(created.json)).toBe(201);
	truth.push(
		(await call('virtual-school', 'GET', encodeURIComponent(attachment._id))).json as unknown as Doc
	);
}, 180_000);

afterAll(async () => {
	await app?.stop();
});

/** The children each person reaches: from their assignment, and for schools and authorities, the children there. */
async function reached(role: Role): Promise<Set<string>> {
	const assignment = (await call(role, 'GET', `assign:${users[role].userId}`)).json as {
		childIds?: string[];
		schoolIds?: string[];
		authorityIds?: string[];
	};
	const children = truth.filter((d) => d.type === 'child');
	return new Set([
		...(assignment.childIds ?? []),
		...children
			.filter((c) => (assignment.schoolIds ?? []).includes(c.schoolId as string))
			.map((c) => c.childId as string),
		...children
			.filter((c) => (assignment.authorityIds ?? []).includes(c.authorityId as string))
			.map((c) => c.childId as string)
	]);
}

const sharedPeps = () =>
	new Set(
		truth.filter((d) => d.type === 'pep' && d.status === 'shared').map((d) => d.pepId as string)
	);

function expectedRead(role: Role, doc: Doc, reach: Set<string>): boolean {
	const kind = kindOf(doc._id);
	const cell = matrix[kind]![role];
	if (kind === 'assignment') return doc._id === `assign:${users[role].userId}`;
	if (kind === 'authority') return true;
	if (!reach.has(childOf(doc._id)!)) return false;
	if (cell.startsWith('S')) return sharedPeps().has(doc.pepId as string);
	return cell.startsWith('R');
}

function expectedWrite(role: Role, doc: Doc, reach: Set<string>): boolean {
	const kind = kindOf(doc._id);
	const cell = matrix[kind]![role];
	if (!reach.has(childOf(doc._id) ?? '')) return false;
	if (cell.endsWith('W0')) return settingOf(childOf(doc._id)!) === null;
	return cell.endsWith('W');
}

/** The child's setting on the server, as the gateway decides by it. */
function settingOf(childId: string): string | null {
	const child = truth.find((d) => d._id === `child:${childId}`);
	return (child?.schoolId as string | null | undefined) ?? null;
}

describe('the authorization matrix covers everything', () => {
	it('has a row for every kind of document', () => {
		expect(Object.keys(matrix).sort()).toEqual(Object.keys(documentSchemas).sort());
	});

	it('exercises every endpoint of the gateway', () => {
		expect([...readPaths, ...writePaths, ...otherPaths].sort()).toEqual(
			[...gatewayEndpoints].sort()
		);
	});
});

describe.each(roles)('as the %s', (role) => {
	let reach: Set<string>;
	/** One document of each kind for a child reached, and one for a child not reached. */
	let samples: { doc: Doc; reached: boolean }[];

	beforeAll(async () => {
		reach = await reached(role);
		samples = [];
		for (const kind of Object.keys(matrix)) {
			const ofKind = truth.filter((d) => kindOf(d._id) === kind);
			const inReach = ofKind.filter(
				(d) =>
					reach.has(childOf(d._id) ?? '') ||
					kind === 'authority' ||
					d._id === `assign:${users[role].userId}`
			);
			// For a carer, prefer a shared PEP's part, so "S" cells are tried both ways across kinds.
			const shared = inReach.find((d) => sharedPeps().has(d.pepId as string));
			const one = role === 'carer' && shared ? shared : inReach[0];
			if (one) samples.push({ doc: one, reached: true });
			const outside = ofKind.find((d) => !inReach.includes(d));
			if (outside) samples.push({ doc: outside, reached: false });
			// A "W0" cell is tried both ways: a child with a setting and one with none.
			if (matrix[kind]![role].endsWith('W0')) {
				const noSetting = inReach.find((d) => settingOf(childOf(d._id)!) === null);
				if (noSetting && noSetting !== one) samples.push({ doc: noSetting, reached: true });
			}
		}
	});

	it('reads exactly what the matrix allows, on every read path', async () => {
		const changes = await call(role, 'GET', '_changes?style=all_docs');
		const changed = new Set((changes.json.results as { id: string }[]).map((r) => r.id));
		const listed = new Set(
			((await call(role, 'GET', '_all_docs')).json.rows as { id: string }[]).map((r) => r.id)
		);
		const problems: string[] = [];
		for (const { doc } of samples) {
			const may = expectedRead(role, doc, reach);
			const id = encodeURIComponent(doc._id);
			const seen = {
				'GET _changes': changed.has(doc._id),
				'POST _changes':
					(
						(await call(role, 'POST', '_changes?filter=_doc_ids', { doc_ids: [doc._id] })).json
							.results as unknown[]
					).length > 0,
				'GET _all_docs': listed.has(doc._id),
				'POST _all_docs': !(
					'error' in
					(
						(await call(role, 'POST', '_all_docs', { keys: [doc._id] })).json.rows as Record<
							string,
							unknown
						>[]
					)[0]!
				),
				'POST _bulk_get':
					'ok' in
					(
						(await call(role, 'POST', '_bulk_get', { docs: [{ id: doc._id }] })).json.results as {
							docs: Record<string, unknown>[];
						}[]
					)[0]!.docs[0]!,
				'GET {doc}': (await call(role, 'GET', id)).status === 200,
				...(doc._attachments
					? { 'GET {doc}/{attachment}': (await call(role, 'GET', `${id}/file`)).status === 200 }
					: {})
			};
			for (const [path, got] of Object.entries(seen)) {
				if (got !== may)
					problems.push(
						`${path} ${kindOf(doc._id)} ${doc._id}: expected ${may ? 'readable' : 'hidden'}`
					);
			}
		}
		expect(problems).toEqual([]);
	});

	it('writes exactly what the matrix allows, on every write path, and a refusal stores nothing', async () => {
		const problems: string[] = [];
		for (const { doc } of samples) {
			const may = expectedWrite(role, doc, reach);
			const attempt = async (
				path: string,
				send: (
					current: Doc
				) => Promise<{ status: number; json: Record<string, unknown> & unknown[] }>
			) => {
				const current = (await call('virtual-school', 'GET', encodeURIComponent(doc._id)))
					.json as unknown as Doc;
				const result = await send(current);
				const stored =
					(result.status === 201 && !Array.isArray(result.json)) ||
					(Array.isArray(result.json) &&
						(result.json[0] as { ok?: boolean } | undefined)?.ok === true);
				const after = (await call('virtual-school', 'GET', encodeURIComponent(doc._id)))
					.json as unknown as Doc;
				if (stored !== may)
					problems.push(
						`${path} ${kindOf(doc._id)} ${doc._id}: expected ${may ? 'stored' : 'refused'}, got ${result.status} ${JSON.stringify(result.json).slice(0, 160)}`
					);
				if (!stored && after._rev !== current._rev)
					problems.push(`${path} ${doc._id}: refused but changed`);
			};
			const edit = (current: Doc) => ({
				...current,
				updated: { by: users[role].userId, at: new Date().toISOString() }
			});
			await attempt('POST _bulk_docs', (current) =>
				call(role, 'POST', '_bulk_docs', { docs: [edit(current)] })
			);
			await attempt('PUT {doc}', (current) =>
				call(role, 'PUT', `${encodeURIComponent(doc._id)}?rev=${current._rev}`, edit(current))
			);
			if (doc._attachments) {
				await attempt('PUT {doc}/{attachment}', (current) =>
					call(
						role,
						'PUT',
						`${encodeURIComponent(doc._id)}/file?rev=${current._rev}`,
						'new file contents',
						current.contentType as string
					)
				);
			}
		}
		expect(problems).toEqual([]);
	}, 120_000);
	it('cannot delete a record, write it under another name, or outrank it, on any kind it may write', async () => {
		const problems: string[] = [];
		const other = users[role === 'young-person' ? 'social-worker' : 'young-person'].userId;
		const readCurrent = async (id: string) =>
			(await call('virtual-school', 'GET', `${encodeURIComponent(id)}?revs=true`))
				.json as unknown as Doc & { _revisions: { start: number; ids: string[] } };
		/** A revision made on a device after `parent`, as replication sends it. */
		const after = (
			parent: { _id: string; _revisions: { start: number; ids: string[] } },
			body: Record<string, unknown>,
			hash: string,
			ancestors = parent._revisions.ids
		) => ({
			...body,
			_id: parent._id,
			_rev: `${parent._revisions.start + 1}-${hash}`,
			_revisions: { start: parent._revisions.start + 1, ids: [hash, ...ancestors] }
		});
		const content = ({ _rev, _revisions, _conflicts, ...rest }: Record<string, unknown>) => rest;
		const stamped = (doc: Record<string, unknown>, by: string) => ({
			...content(doc),
			updated: { by, at: new Date().toISOString() }
		});
		const writable = samples.filter(
			({ doc }) =>
				expectedWrite(role, doc, reach) &&
				!['child-attachment', 'pep-attachment'].includes(kindOf(doc._id))
		);
		for (const { doc } of writable) {
			const kind = kindOf(doc._id);
			const current = await readCurrent(doc._id);
			const unchanged = async (what: string, result: { status: number; json: unknown }) => {
				const refused =
					result.status === 403 ||
					(Array.isArray(result.json) && (result.json[0] as { ok?: boolean })?.ok !== true);
				if (!refused) problems.push(`${kind}: ${what} was accepted (${result.status})`);
				const now = await readCurrent(doc._id);
				if (now._rev !== current._rev) problems.push(`${kind}: ${what} changed the record`);
			};

			// Another person's name on a revision this person writes, on every write path.
			const forged = stamped(current, other);
			await unchanged(
				'a forged name through _bulk_docs',
				await call(role, 'POST', '_bulk_docs', { docs: [{ ...forged, _rev: current._rev }] })
			);
			await unchanged(
				'a forged name through PUT',
				await call(role, 'PUT', `${encodeURIComponent(doc._id)}?rev=${current._rev}`, forged)
			);
			await unchanged(
				'a forged name with new_edits=false',
				await call(role, 'POST', '_bulk_docs', {
					docs: [after(current, forged, 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0')],
					new_edits: false
				})
			);

			// A revision that outranks the record by naming generations nobody wrote.
			const far = {
				...stamped(current, users[role].userId),
				_id: doc._id,
				_rev: `${current._revisions.start + 500}-a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1`,
				_revisions: {
					start: current._revisions.start + 500,
					ids: ['a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2']
				}
			};
			await unchanged(
				'an invented history',
				await call(role, 'POST', '_bulk_docs', { docs: [far], new_edits: false })
			);

			// An invented conflict, then every side closed in one request.
			const parentOfCurrent = current._revisions.ids.slice(1);
			const branchParent = {
				_id: doc._id,
				_revisions: { start: current._revisions.start - 1, ids: parentOfCurrent }
			};
			const branch = after(
				branchParent,
				stamped(current, users[role].userId),
				'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3',
				parentOfCurrent
			);
			const withRevisions = (d: { _id: string; _rev: string; _revisions: unknown }) =>
				d as { _id: string; _revisions: { start: number; ids: string[] } };
			const deleteAll = await call(role, 'POST', '_bulk_docs', {
				docs: [
					branch,
					after(current, { _deleted: true }, 'd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4'),
					after(withRevisions(branch), { _deleted: true }, 'e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5')
				],
				new_edits: false
			});
			// What stays is the record, or the same content as this person's own revision: the
			// closings never leave it deleted, nor in anyone else's name.
			const afterAttack = await call('virtual-school', 'GET', encodeURIComponent(doc._id));
			const left = afterAttack.json as unknown as Doc & { updated?: { by?: string } };
			const withoutStamp = (d: Record<string, unknown>) => {
				const { updated: _updated, ...rest } = content(d);
				return JSON.stringify(rest);
			};
			if (afterAttack.status !== 200)
				problems.push(
					`${kind}: closing every side left ${afterAttack.status} ${JSON.stringify(deleteAll.json).slice(0, 200)}`
				);
			else if (withoutStamp(left) !== withoutStamp(current))
				problems.push(`${kind}: closing every side left other content`);
			else if (
				![current.updated, { by: users[role].userId }].some(
					(u) => (u as { by?: string } | undefined)?.by === left.updated?.by
				)
			)
				problems.push(`${kind}: closing every side left it in another name`);
		}
		expect(problems).toEqual([]);
	}, 120_000);
});

describe('the Virtual School writes Section B only for a child with no setting', () => {
	it('is refused for a child at a school, and stored for a young person with none', async () => {
		const officer = users['virtual-school'].userId;
		const stamp = () => ({ by: officer, at: new Date().toISOString() });
		const atSchool = truth.find(
			(d) => kindOf(d._id) === 'pep-b' && settingOf(d.childId as string) !== null
		)!;
		const refused = await call('virtual-school', 'POST', '_bulk_docs', {
			docs: [{ ...atSchool, updated: stamp() }]
		});
		expect(refused.json[0]).toMatchObject({
			error: 'forbidden',
			reason: expect.stringMatching(
				/^The Virtual School writes Section B only for a child with no setting/
			)
		});
		expect(
			(
				(await call('virtual-school', 'GET', encodeURIComponent(atSchool._id)))
					.json as unknown as Doc
			)._rev
		).toBe(atSchool._rev);

		const header = truth.find(
			(d) => kindOf(d._id) === 'pep' && settingOf(d.childId as string) === null
		)!;
		const existing = (await call('virtual-school', 'GET', encodeURIComponent(`${header._id}:b`)))
			.json as unknown as Doc;
		const { _rev: _ignored, ...template } = atSchool;
		const sectionB = {
			...template,
			_id: `${header._id}:b`,
			...(existing._rev ? { _rev: existing._rev } : {}),
			childId: header.childId,
			pepId: header.pepId,
			authorityId: header.authorityId,
			schoolId: null,
			updated: stamp()
		};
		const stored = await call('virtual-school', 'PUT', encodeURIComponent(sectionB._id), sectionB);
		expect(stored.status, JSON.stringify(stored.json)).toBe(201);
	});
});

/**
 * How much of a PEP's header each role reads, written out by hand: "whole", or "family" (the
 * meeting, who is invited and where the PEP is, without other people's contact details and
 * accounts, or the notes written as it moved on).
 */
const headerView: Record<Exclude<Role, 'admin'>, 'whole' | 'family'> = {
	'social-worker': 'whole',
	'designated-teacher': 'whole',
	'virtual-school': 'whole',
	'personal-adviser': 'whole',
	iro: 'whole',
	'young-person': 'family',
	carer: 'family'
};

describe("what each role reads of a PEP's header", () => {
	const contact = '07700 900123';
	const note = 'Returned: the targets are not SMART yet.';

	/** The header, as `role` receives it on each read path that carries documents. */
	async function headerOnEveryPath(role: Role, id: string) {
		const encoded = encodeURIComponent(id);
		const first = <T>(rows: T[]) => rows[0]!;
		const changeOf = (json: { results: { id: string; doc: Doc }[] }) =>
			json.results.find((r) => r.id === id)?.doc;
		return {
			'GET {doc}': (await call(role, 'GET', encoded)).json as unknown as Doc,
			'GET {doc}?open_revs=all': first(
				(await call(role, 'GET', `${encoded}?open_revs=all`)).json as unknown as { ok: Doc }[]
			).ok,
			'GET _all_docs': (
				(await call(role, 'GET', '_all_docs?include_docs=true')).json.rows as {
					id: string;
					doc: Doc;
				}[]
			).find((row) => row.id === id)?.doc,
			'POST _all_docs': first(
				(await call(role, 'POST', '_all_docs?include_docs=true', { keys: [id] })).json.rows as {
					doc: Doc;
				}[]
			).doc,
			'POST _bulk_get': first(
				first(
					(await call(role, 'POST', '_bulk_get?revs=true', { docs: [{ id }] })).json.results as {
						docs: { ok: Doc }[];
					}[]
				).docs
			).ok,
			'GET _changes': changeOf(
				(await call(role, 'GET', '_changes?include_docs=true')).json as never
			),
			'POST _changes': changeOf(
				(await call(role, 'POST', '_changes?filter=_doc_ids&include_docs=true', { doc_ids: [id] }))
					.json as never
			)
		};
	}

	it.each(['young-person', 'carer'] as const)(
		'gives the %s the meeting and who is coming, and the professionals the rest',
		async (family) => {
			const readable = ((await call(family, 'GET', '_all_docs')).json.rows as { id: string }[])
				.map((row) => row.id)
				.filter((id) => kindOf(id) === 'pep');
			// For a carer, a PEP not yet shared with them, as the hole was found.
			const id =
				readable.find(
					(pepId) => !sharedPeps().has(truth.find((d) => d._id === pepId)?.pepId as string)
				) ?? readable[0]!;
			const header = (await call('virtual-school', 'GET', encodeURIComponent(id)))
				.json as unknown as Doc;
			const officer = users['virtual-school'].userId;
			const history = header.history as { status: string; note?: string }[];
			const written = {
				...header,
				updated: { by: officer, at: new Date().toISOString() },
				chair: { role: 'social-worker', name: 'Sam Chair', userId: users['social-worker'].userId },
				invitees: [
					{
						inviteeId: 'hdrparent',
						name: 'Pat Parent',
						role: 'parent',
						contact,
						userId: 'someone-else',
						attendance: 'invited'
					},
					{
						inviteeId: 'hdrfamily',
						name: 'The reader',
						role: family,
						contact: 'reader@example.org',
						userId: users[family].userId,
						attendance: 'confirmed'
					}
				],
				history: [
					...history,
					{ status: header.status, at: new Date().toISOString(), by: officer, note }
				]
			};
			const put = await call('virtual-school', 'PUT', encodeURIComponent(id), written);
			expect(put.status, JSON.stringify(put.json)).toBe(201);

			const visited: Role[] = [];
			for (const [role, view] of Object.entries(headerView) as [Exclude<Role, 'admin'>, string][]) {
				if ((await call(role, 'GET', encodeURIComponent(id))).status !== 200) continue;
				visited.push(role);
				for (const [path, seen] of Object.entries(await headerOnEveryPath(role, id))) {
					const where = `${role} by ${path}`;
					expect(seen, where).toBeDefined();
					const invitees = seen!.invitees as Record<string, unknown>[];
					// Everyone reads the meeting, who is coming and the PEP's status.
					expect(seen!.meeting, where).toEqual(header.meeting);
					expect(seen!.status, where).toBe(header.status);
					expect(
						invitees.map((i) => [i.name, i.role, i.attendance]),
						where
					).toEqual([
						['Pat Parent', 'parent', 'invited'],
						['The reader', family, 'confirmed']
					]);
					const notes = (seen!.history as { note?: string }[]).map((change) => change.note);
					if (view === 'whole') {
						expect(invitees[0]!.contact, where).toBe(contact);
						expect(notes, where).toContain(note);
						expect((seen!.chair as { userId?: string }).userId, where).toBe(
							users['social-worker'].userId
						);
					} else {
						expect(JSON.stringify(seen), where).not.toContain(contact);
						expect(
							invitees.map((i) => i.contact),
							where
						).toEqual([undefined, undefined]);
						expect(
							invitees.map((i) => i.userId),
							where
						).toEqual([undefined, users[role].userId]);
						expect(notes.filter(Boolean), where).toEqual([]);
						expect(seen!.chair, where).toEqual({ role: 'social-worker', name: 'Sam Chair' });
						expect(seen!._rev, where).toBe(put.json.rev);
					}
				}
			}
			expect(visited).toEqual(expect.arrayContaining(['virtual-school', family]));
		}
	);
});

describe('the endpoints that carry no document of their own', () => {
	it('GET / describes the database without revealing its size', async () => {
		const info = await call('carer', 'GET', '');
		expect(info.status).toBe(200);
		expect(info.json).toEqual({
			db_name: 'pep',
			update_seq: expect.any(String),
			instance_start_time: '0'
		});
	});

	it('keeps each person’s checkpoints apart', async () => {
		const put = await call('social-worker', 'PUT', '_local/checkpoint-1', {
			last_seq: 'x',
			session_id: 's'
		});
		expect(put.status).toBe(201);
		expect((await call('social-worker', 'GET', '_local/checkpoint-1')).json).toMatchObject({
			last_seq: 'x'
		});
		expect((await call('designated-teacher', 'GET', '_local/checkpoint-1')).status).toBe(404);
	});

	it('answers _revs_diff as if documents out of reach were not there', async () => {
		const qa = truth.find((d) => d.type === 'pep-qa')!;
		const diff = await call('young-person', 'POST', '_revs_diff', { [qa._id]: [qa._rev] });
		expect(diff.json).toEqual({ [qa._id]: { missing: [qa._rev] } });
		const vs = await call('virtual-school', 'POST', '_revs_diff', { [qa._id]: [qa._rev] });
		expect(vs.json).toEqual({});
	});

	it('accepts _ensure_full_commit', async () => {
		expect((await call('iro', 'POST', '_ensure_full_commit', {})).status).toBe(201);
	});

	it('refuses to delete a record, but lets an attachment record be removed by who may write it', async () => {
		const a = truth.find(
			(d) =>
				d.type === 'pep-a' &&
				d.childId === truth.find((x) => x._id.includes(':att:matrixfile01'))!.childId
		)!;
		const current = (await call('virtual-school', 'GET', encodeURIComponent(a._id)))
			.json as unknown as Doc;
		const refused = await call(
			'social-worker',
			'DELETE',
			`${encodeURIComponent(a._id)}?rev=${current._rev}`
		);
		expect(refused.status).toBe(403);
		const file = (
			await call(
				'virtual-school',
				'GET',
				encodeURIComponent(truth.find((x) => x._id.includes(':att:matrixfile01'))!._id)
			)
		).json as unknown as Doc;
		expect(
			(await call('iro', 'DELETE', `${encodeURIComponent(file._id)}?rev=${file._rev}`)).status
		).toBe(403);
		expect(
			(await call('social-worker', 'DELETE', `${encodeURIComponent(file._id)}?rev=${file._rev}`))
				.status
		).toBe(201);
	});

	it('refuses everything to someone not signed in', async () => {
		for (const path of ['', '_changes', '_all_docs', 'authority:demo-authority']) {
			const response = await fetch(`${app.url}/db/pep/${path}`);
			expect(response.status).toBe(401);
			expect(await response.json()).toMatchObject({ error: 'unauthorized' });
		}
	});
});
