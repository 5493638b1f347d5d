/**
 * The home screen's documents kept on the device between unlocks, sealed as one: unlocking then
 * opens one seal and catches up with what changed since, instead of opening every child's
 * profile and PEP header one by one (a seal each, and each a WebCrypto call, which a slow tablet
 * feels as a quarter of a second for a caseload of twenty).
 *
 * Kept as a `_local/` document of the person's record: never replicated, and removed with the
 * record (a withdrawal's rebuild, a wipe). Sealed under the person's data key like everything else
 * about a child; its id names nobody. A kept copy is only a starting point: the changes feed since
 * its sequence is read on top of it (`caseload-snapshot.ts`), so an old copy costs time, never
 * correctness, and one that does not open, or is newer than the record, is not used at all.
 */
import type { Authority } from '$lib/domain/schemas/authority';
import type { ChildProfile } from '$lib/domain/schemas/child';
import type { PepHeader } from '$lib/domain/schemas/pep';
import type { Cipher } from './security/cipher';

export const keptCaseloadId = '_local/pep-home';

export interface KeptCaseload {
	/** The record's update sequence the documents are up to. */
	seq: number;
	children: ChildProfile[];
	peps: PepHeader[];
	authority: Authority | null;
	/** Documents that did not fit their schema when read (`CaseloadDocuments.unreadable`). */
	unreadable?: string[];
}

/**
 * More documents than this are not kept: a Virtual School officer's thousand children (some ten
 * thousand profiles and headers) would be many megabytes to write each time the caseload changed,
 * while a social worker's thirty children with a few years of PEPs are a few hundred.
 */
const maxKeptDocuments = 2_000;

/**
 * Changes to the record since the copy was kept, beyond which it is not used: the changes feed
 * reads each changed document from the disk, and past a sync batch or so that costs more than
 * listing the record and opening the home screen's documents.
 */
const maxChangesBehind = 250;

/**
 * Changes to other documents (parts typed, files, sync bookkeeping) after which a copy whose own
 * documents have not changed is written again with the later sequence.
 */
const rekeepAfterChanges = 50;

/** After the caseload last changed: a burst of changes (a sync) is written once. */
const saveDelayMs = 2_000;

interface Keeper {
	cipher: Cipher;
	timer: ReturnType<typeof setTimeout> | null;
	latest: KeptCaseload | null;
	savedSeq: number | null;
	/** The kept copy's revision on disk, to write over it without reading it first. */
	rev: string | undefined;
}

const keepers = new WeakMap<PouchDB.Database, Keeper>();

/** The kept copy's raw (sealed) document, fetched before unlocking, by database name. */
const fetchedEarly = new Map<string, Promise<unknown>>();

const context = (db: PouchDB.Database) => `${keptCaseloadId}:${db.name}`;

/**
 * From unlocking until `db` closes: keep its caseload sealed with `cipher`. The key, and what
 * was waiting to be saved, are let go when the database closes (at lock or sign-out) or is
 * destroyed (a rebuild, a wipe).
 */
export function keepCaseloadSealed(db: PouchDB.Database, cipher: Cipher): void {
	const keeper: Keeper = { cipher, timer: null, latest: null, savedSeq: null, rev: undefined };
	keepers.set(db, keeper);
	const letGo = () => {
		if (keeper.timer) clearTimeout(keeper.timer);
		keeper.latest = null;
		keepers.delete(db);
	};
	db.once('closed', letGo);
	db.once('destroyed', letGo);
}

/** Reads the sealed copy off the disk while the passcode is typed (it needs no key to read). */
export function fetchKeptCaseloadEarly(db: PouchDB.Database): void {
	const fetching = db.get(keptCaseloadId).catch(() => null);
	fetchedEarly.set(db.name, fetching);
}

/** The kept copy, opened, or null if there is none this device can use. */
export async function keptCaseload(db: PouchDB.Database): Promise<KeptCaseload | null> {
	const keeper = keepers.get(db);
	const early = fetchedEarly.get(db.name);
	fetchedEarly.delete(db.name);
	if (!keeper) return null;
	const stored = ((await early) ?? (await db.get(keptCaseloadId).catch(() => null))) as {
		_rev?: string;
		sealed?: unknown;
		seq?: unknown;
	} | null;
	keeper.rev = stored?._rev;
	if (typeof stored?.sealed !== 'string' || typeof stored.seq !== 'number') return null;
	const { update_seq: now } = await db.info();
	// Newer than the record: the record was made again since (it is never so otherwise). Far
	// behind it: catching up would read more than reading the home screen's documents afresh.
	if (typeof now !== 'number' || stored.seq > now || now - stored.seq > maxChangesBehind) {
		return null;
	}
	try {
		const kept = asKeptCaseload(await keeper.cipher.openJson(stored.sealed, context(db)));
		// The sequence beside the seal must be the one sealed in it.
		if (!kept || kept.seq !== stored.seq) return null;
		keeper.savedSeq = kept.seq;
		return kept;
	} catch {
		// Under another key, or changed on disk: read the record instead.
		return null;
	}
}

/** Keeps `caseload` sealed on the device, a moment after the last change to it. */
export function keepCaseload(
	db: PouchDB.Database,
	caseload: KeptCaseload,
	/** Only the sequence moved on (other documents changed): worth a write only now and then. */
	{ sameDocuments = false } = {}
): void {
	const keeper = keepers.get(db);
	if (!keeper || keeper.savedSeq === caseload.seq) return;
	const behind = keeper.savedSeq === null ? Infinity : caseload.seq - keeper.savedSeq;
	if (sameDocuments && !keeper.latest && behind < rekeepAfterChanges) return;
	if (caseload.children.length + caseload.peps.length > maxKeptDocuments) return;
	keeper.latest = caseload;
	if (keeper.timer) clearTimeout(keeper.timer);
	keeper.timer = setTimeout(() => {
		keeper.timer = null;
		void saveKept(db, keeper).catch(() => undefined);
	}, saveDelayMs);
}

async function saveKept(db: PouchDB.Database, keeper: Keeper): Promise<void> {
	const caseload = keeper.latest;
	if (!caseload || keepers.get(db) !== keeper) return;
	keeper.latest = null;
	const sealed = await keeper.cipher.sealJson(caseload, context(db));
	// The sequence is a count of changes, no one's data: kept clear, so a copy too far behind is
	// passed over without being opened.
	const write = (rev: string | undefined) =>
		db.put({ _id: keptCaseloadId, ...(rev ? { _rev: rev } : {}), seq: caseload.seq, sealed });
	const written = await write(keeper.rev).catch(async (error: unknown) => {
		// Written meanwhile by another tab of this person's: write over that one.
		if ((error as { status?: number } | null)?.status !== 409) throw error;
		const current = (await db.get(keptCaseloadId)) as { _rev: string };
		return write(current._rev);
	});
	keeper.rev = written.rev;
	keeper.savedSeq = caseload.seq;
}

/** Waits for any save that is due (for tests, and before a benchmark's browser closes). */
export async function saveKeptCaseloadNow(db: PouchDB.Database): Promise<void> {
	const keeper = keepers.get(db);
	if (!keeper?.timer) return;
	clearTimeout(keeper.timer);
	keeper.timer = null;
	await saveKept(db, keeper);
}

function asKeptCaseload(value: unknown): KeptCaseload | null {
	if (typeof value !== 'object' || value === null) return null;
	const { seq, children, peps, authority } = value as Record<string, unknown>;
	if (typeof seq !== 'number' || !Array.isArray(children) || !Array.isArray(peps)) return null;
	const isDoc = (doc: unknown) =>
		typeof doc === 'object' && doc !== null && typeof (doc as { _id?: unknown })._id === 'string';
	if (!children.every(isDoc) || !peps.every(isDoc)) return null;
	if (authority !== null && !isDoc(authority)) return null;
	return value as KeptCaseload;
}
