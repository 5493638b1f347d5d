/**
 * Three-way merge of two versions of a JSON document against the version they both started from,
 * field by field. Two devices that edited one part offline both keep their work: a field changed
 * on one side only takes that side's value, and a field changed differently on both sides is a
 * conflict for a person to decide (the merged document keeps `ours` until they do).
 *
 * Lists of records that carry a stable id (`targetId`, `subjectId`…) are merged item by item, so
 * two people adding a target each both keep theirs; any other list is one value.
 *
 * Pure: no clock, no randomness, no I/O. The same inputs give the same output on every device,
 * which is what lets two devices that resolve the same conflict agree on the result.
 */

/** A step into a document: a key of an object, or the id of an item in a list keyed by id. */
export type PathSegment = string | number;
export type Path = PathSegment[];

export interface FieldConflict {
	path: Path;
	base: unknown;
	ours: unknown;
	theirs: unknown;
}

export interface MergeResult<T> {
	merged: T;
	conflicts: FieldConflict[];
}

/** Fields that describe a stored revision rather than the document, never merged. */
const revisionMeta = new Set(['_rev', '_revisions', '_conflicts']);

/** The fields that identify an item of a list, in the order they are tried. */
export const itemIdFields = ['targetId', 'subjectId', 'actionId', 'inviteeId', 'requestId'];

type Json = Record<string, unknown>;

/**
 * Merges `ours` and `theirs` against `base`. Revision metadata (`_rev`, `_revisions`,
 * `_conflicts`) is left out of `merged`: whoever writes it decides which revision it follows.
 * A field missing from a document is absent; `undefined` is never written.
 */
export function mergeDocuments<T extends object>(
	base: object,
	ours: T,
	theirs: object
): MergeResult<T> {
	const conflicts: FieldConflict[] = [];
	const merged = mergeObjects(
		[],
		withoutMeta(base),
		withoutMeta(ours),
		withoutMeta(theirs),
		conflicts
	);
	return { merged: merged as T, conflicts };
}

function withoutMeta(doc: object): Json {
	const copy: Json = {};
	for (const [key, value] of Object.entries(doc)) if (!revisionMeta.has(key)) copy[key] = value;
	return copy;
}

function mergeValue(
	path: Path,
	base: unknown,
	ours: unknown,
	theirs: unknown,
	conflicts: FieldConflict[]
): unknown {
	if (deepEqual(ours, theirs)) return ours;
	if (deepEqual(base, ours)) return theirs;
	if (deepEqual(base, theirs)) return ours;

	// Changed differently on both sides: look inside when both are still records or keyed lists.
	if (isRecord(ours) && isRecord(theirs)) {
		return mergeObjects(path, isRecord(base) ? base : {}, ours, theirs, conflicts);
	}
	if (Array.isArray(ours) && Array.isArray(theirs)) {
		const baseList = Array.isArray(base) ? base : [];
		const idField = listIdField([baseList, ours, theirs]);
		if (idField) return mergeKeyedLists(path, idField, baseList, ours, theirs, conflicts);
	}
	conflicts.push({ path, base, ours, theirs });
	return ours;
}

function mergeObjects(
	path: Path,
	base: Json,
	ours: Json,
	theirs: Json,
	conflicts: FieldConflict[]
): Json {
	const merged: Json = {};
	for (const key of unionOfKeys([ours, theirs, base])) {
		const value = mergeValue([...path, key], base[key], ours[key], theirs[key], conflicts);
		if (value !== undefined) merged[key] = value;
	}
	return merged;
}

/**
 * Item by item, by id. The order of the items follows the side that reordered them (or, if both
 * did, whichever order sorts first, so the result does not depend on which side is "ours"); items
 * added on either side go after the item they followed there, interleaved by id when both sides
 * added at the same place.
 */
function mergeKeyedLists(
	path: Path,
	idField: string,
	base: unknown[],
	ours: unknown[],
	theirs: unknown[],
	conflicts: FieldConflict[]
): unknown[] {
	const idsOf = (list: unknown[]) => list.map((item) => (item as Json)[idField] as string);
	const [baseIds, ourIds, theirIds] = [idsOf(base), idsOf(ours), idsOf(theirs)];
	const byId = (list: unknown[], ids: string[]) => new Map(ids.map((id, i) => [id, list[i]]));
	const [baseItems, ourItems, theirItems] = [
		byId(base, baseIds),
		byId(ours, ourIds),
		byId(theirs, theirIds)
	];

	const mergedItems = new Map<string, unknown>();
	for (const id of unionOf([ourIds, theirIds, baseIds])) {
		const value = mergeValue(
			[...path, id],
			baseItems.get(id),
			ourItems.get(id),
			theirItems.get(id),
			conflicts
		);
		if (value !== undefined) mergedItems.set(id, value);
	}

	const order = weave(baseIds, ourIds, theirIds);
	return order.filter((id) => mergedItems.has(id)).map((id) => mergedItems.get(id));
}

function weave(baseIds: string[], ourIds: string[], theirIds: string[]): string[] {
	const inOurs = new Set(ourIds);
	const inTheirs = new Set(theirIds);
	const ourShared = ourIds.filter((id) => inTheirs.has(id));
	const theirShared = theirIds.filter((id) => inOurs.has(id));
	const shared = new Set(ourShared);
	const baseShared = baseIds.filter((id) => shared.has(id));
	const keptBaseOrder = (order: string[]) =>
		sameList(
			order.filter((id) => baseShared.includes(id)),
			baseShared
		);

	const oursMoved = !keptBaseOrder(ourShared);
	const theirsMoved = !keptBaseOrder(theirShared);
	const spine =
		oursMoved && !theirsMoved
			? ourShared
			: theirsMoved && !oursMoved
				? theirShared
				: JSON.stringify(ourShared) <= JSON.stringify(theirShared)
					? ourShared
					: theirShared;

	const ourRuns = runsAfterShared(ourIds, shared);
	const theirRuns = runsAfterShared(theirIds, shared);
	const woven: string[] = [...interleave(ourRuns.get(null), theirRuns.get(null))];
	for (const id of spine) {
		woven.push(id, ...interleave(ourRuns.get(id), theirRuns.get(id)));
	}
	return woven;
}

/** The ids only one side has, grouped by the shared id they follow (`null`: at the start). */
function runsAfterShared(ids: string[], shared: Set<string>): Map<string | null, string[]> {
	const runs = new Map<string | null, string[]>();
	let after: string | null = null;
	for (const id of ids) {
		if (shared.has(id)) {
			after = id;
			continue;
		}
		const run = runs.get(after) ?? [];
		run.push(id);
		runs.set(after, run);
	}
	return runs;
}

/** Merges two runs keeping each one's order, taking the smaller id first: symmetric. */
function interleave(a: string[] = [], b: string[] = []): string[] {
	const out: string[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) out.push(a[i]! <= b[j]! ? a[i++]! : b[j++]!);
	return [...out, ...a.slice(i), ...b.slice(j)];
}

/** The id field every item of every list has, unique within each list; null if there is none. */
function listIdField(lists: unknown[][]): string | null {
	return (
		itemIdFields.find((field) =>
			lists.every((list) => {
				const ids = list.map((item) => (isRecord(item) ? item[field] : undefined));
				return ids.every((id) => typeof id === 'string') && new Set(ids).size === ids.length;
			})
		) ?? null
	);
}

/**
 * The paths at which `doc` differs from `base`, as deep as both sides stay records (or keyed
 * lists): what a person changed, in the same terms as a conflict's path.
 */
export function changedPaths(base: unknown, doc: unknown, path: Path = []): Path[] {
	if (deepEqual(base, doc)) return [];
	if (isRecord(base) && isRecord(doc)) {
		const b = path.length === 0 ? withoutMeta(base) : base;
		const d = path.length === 0 ? withoutMeta(doc) : doc;
		return unionOfKeys([b, d]).flatMap((key) => changedPaths(b[key], d[key], [...path, key]));
	}
	if (Array.isArray(base) && Array.isArray(doc)) {
		const idField = listIdField([base, doc]);
		if (idField) {
			const b = new Map(base.map((item) => [(item as Json)[idField] as string, item]));
			const d = new Map(doc.map((item) => [(item as Json)[idField] as string, item]));
			const changes = unionOf([[...b.keys()], [...d.keys()]]).flatMap((id) =>
				changedPaths(b.get(id), d.get(id), [...path, id])
			);
			// Same items in a new order is a change to the list itself.
			return changes.length > 0 ? changes : [path];
		}
	}
	return [path];
}

/** The value at `path`, reading a string step into a keyed list as an item's id. */
export function getAtPath(doc: unknown, path: Path): unknown {
	let at: unknown = doc;
	for (const step of path) {
		if (Array.isArray(at) && typeof step === 'string') at = findItem(at, step)?.item;
		else if (isRecord(at) || Array.isArray(at)) at = (at as Record<PathSegment, unknown>)[step];
		else return undefined;
	}
	return at;
}

/**
 * A copy of `doc` with `value` at `path` (removed when `value` is undefined). Setting an item of
 * a keyed list that is no longer there adds it back at the end, so choosing a deleted item's
 * other version restores it.
 */
export function setAtPath<T>(doc: T, path: Path, value: unknown): T {
	if (path.length === 0) return value as T;
	const [step, ...rest] = path as [PathSegment, ...Path];
	if (Array.isArray(doc)) {
		const list = [...(doc as unknown[])];
		const found = typeof step === 'string' ? findItem(list, step) : null;
		const index = found ? found.index : typeof step === 'number' ? step : list.length;
		const next = setAtPath(list[index], rest, value);
		if (next === undefined) list.splice(index, 1);
		else list[index] = next;
		return list as T;
	}
	const record: Json = isRecord(doc) ? { ...doc } : {};
	const next = setAtPath(record[step], rest, value);
	if (next === undefined) delete record[step];
	else record[step] = next;
	return record as T;
}

function findItem(list: unknown[], id: string): { item: unknown; index: number } | null {
	const field = itemIdFields.find((f) => list.some((item) => isRecord(item) && item[f] === id));
	if (!field) return null;
	const index = list.findIndex((item) => isRecord(item) && item[field] === id);
	return { item: list[index], index };
}

export function deepEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
	}
	if (isRecord(a) && isRecord(b)) {
		const keys = Object.keys(a).filter((k) => a[k] !== undefined);
		const otherKeys = Object.keys(b).filter((k) => b[k] !== undefined);
		return keys.length === otherKeys.length && keys.every((k) => deepEqual(a[k], b[k]));
	}
	return false;
}

export function isRecord(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unionOfKeys(records: Json[]): string[] {
	return unionOf(records.map((record) => Object.keys(record)));
}

function unionOf(lists: string[][]): string[] {
	return [...new Set(lists.flat())];
}

function sameList(a: string[], b: string[]): boolean {
	return a.length === b.length && a.every((id, i) => id === b[i]);
}
