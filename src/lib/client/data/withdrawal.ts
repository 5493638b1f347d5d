/**
 * When a child is no longer assigned to this person, their record leaves this device: after
 * everything typed here has been sent, the local database is rebuilt from what the server still
 * lets them see (the browser's PouchDB cannot purge single documents, so a rebuild is the one way
 * to leave nothing of the child behind).
 */
import { z } from 'zod';
import { childIdOf } from '$lib/domain/ids';

const accessAnswer = z.object({ childIds: z.array(z.string()) });

/** The children on the device that the person no longer reaches. */
export function withdrawnChildren(localIds: string[], reachable: ReadonlySet<string>): string[] {
	const onDevice = new Set(localIds.map(childIdOf).filter((id): id is string => id !== null));
	return [...onDevice].filter((id) => !reachable.has(id)).sort();
}

/** Asks the server which children this person reaches; null when it cannot be asked. */
export async function reachableChildren(fetcher: typeof fetch = fetch): Promise<Set<string> | null> {
	try {
		const response = await fetcher('/api/access', { credentials: 'same-origin' });
		if (!response.ok) return null;
		const parsed = accessAnswer.safeParse(await response.json());
		return parsed.success ? new Set(parsed.data.childIds) : null;
	} catch {
		return null;
	}
}

/** Every document id on the device (ids only: cheap even for a large caseload). */
export async function localIds(db: PouchDB.Database): Promise<string[]> {
	const all = await db.allDocs();
	return all.rows.map((row) => row.id);
}
