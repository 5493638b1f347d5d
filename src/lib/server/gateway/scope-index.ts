/**
 * Which children are at each school and in each authority, and which PEPs have been shared: what
 * the gateway needs, besides a person's own assignment, to decide what they reach.
 *
 * It is built in this process from the backend's changes feed and brought up to date before every
 * answer, so it is never staler than the request asking (a child moved to another school is out
 * of the old school's reach at the next request). Nothing here is shared between instances: each
 * follows the same feed, so several servers over one CouchDB agree. It replaces a map/reduce view,
 * whose first build over an authority took tens of seconds and hundreds of megabytes in PouchDB;
 * this holds a few strings per child.
 */
import { parseId } from '$lib/domain/ids';

type Scope = 'school' | 'authority';

interface Placement {
	schoolId: string | null;
	authorityId: string | null;
}

/** How many changes to read at a time while catching up. */
const pageSize = 500;

export class ScopeIndex {
	#since: string | number = 0;
	#placements = new Map<string, Placement>();
	#members = { school: new Map<string, Set<string>>(), authority: new Map<string, Set<string>>() };
	/** Shared PEPs by child. */
	#shared = new Map<string, Set<string>>();
	#running: Promise<void> | null = null;
	#queued: Promise<void> | null = null;

	constructor(private readonly db: PouchDB.Database) {}

	/**
	 * Brings the index up to the backend's present. Requests that arrive while a catch-up runs
	 * share the next one, which starts after it: it sees every write made before they arrived.
	 */
	catchUp(): Promise<void> {
		if (!this.#running) {
			this.#running = this.#read().finally(() => (this.#running = null));
			return this.#running;
		}
		this.#queued ??= this.#running
			.catch(() => undefined)
			.then(() => {
				this.#queued = null;
				return this.catchUp();
			});
		return this.#queued;
	}

	/** The children at these schools or in these authorities. */
	childrenIn(scopes: [Scope, string][]): Set<string> {
		const found = new Set<string>();
		for (const [scope, id] of scopes) {
			for (const childId of this.#members[scope].get(id) ?? []) found.add(childId);
		}
		return found;
	}

	/** The shared PEPs of these children. */
	sharedPeps(childIds: Iterable<string>): Set<string> {
		const found = new Set<string>();
		for (const childId of childIds) {
			for (const pepId of this.#shared.get(childId) ?? []) found.add(pepId);
		}
		return found;
	}

	async #read(): Promise<void> {
		for (;;) {
			const page = await this.db.changes({
				since: this.#since,
				limit: pageSize,
				include_docs: true
			});
			for (const change of page.results) this.#apply(change.id, change.deleted ? null : change.doc);
			this.#since = page.last_seq;
			if (page.results.length < pageSize) return;
		}
	}

	#apply(id: string, doc: unknown): void {
		const parsed = parseId(id);
		if (parsed?.kind === 'child') {
			const fields = doc as { type?: unknown; schoolId?: unknown; authorityId?: unknown } | null;
			const placement =
				fields?.type === 'child'
					? {
							schoolId: stringOrNull(fields.schoolId),
							authorityId: stringOrNull(fields.authorityId)
						}
					: { schoolId: null, authorityId: null };
			this.#place(parsed.childId, placement);
		} else if (parsed?.kind === 'pep') {
			const fields = doc as { type?: unknown; status?: unknown } | null;
			const shared = fields?.type === 'pep' && fields.status === 'shared';
			const peps = this.#shared.get(parsed.childId) ?? new Set<string>();
			if (shared) peps.add(parsed.pepId);
			else peps.delete(parsed.pepId);
			if (peps.size > 0) this.#shared.set(parsed.childId, peps);
			else this.#shared.delete(parsed.childId);
		}
	}

	#place(childId: string, next: Placement): void {
		const before = this.#placements.get(childId) ?? { schoolId: null, authorityId: null };
		for (const scope of ['school', 'authority'] as const) {
			const key = scope === 'school' ? 'schoolId' : 'authorityId';
			if (before[key] === next[key]) continue;
			if (before[key] !== null) this.#members[scope].get(before[key])?.delete(childId);
			if (next[key] !== null) {
				const members = this.#members[scope].get(next[key]) ?? new Set<string>();
				members.add(childId);
				this.#members[scope].set(next[key], members);
			}
		}
		if (next.schoolId === null && next.authorityId === null) this.#placements.delete(childId);
		else this.#placements.set(childId, next);
	}
}

function stringOrNull(value: unknown): string | null {
	return typeof value === 'string' && value.length > 0 ? value : null;
}

const indexes = new WeakMap<PouchDB.Database, ScopeIndex>();

/** The index of this backend database, up to date as of now. */
export async function scopeIndexOf(db: PouchDB.Database): Promise<ScopeIndex> {
	let index = indexes.get(db);
	if (!index) {
		index = new ScopeIndex(db);
		indexes.set(db, index);
	}
	await index.catchUp();
	return index;
}
