/**
 * The record, its sync and the drafts, loaded once and only when needed (see `session-data.ts`):
 * the gate screens never wait for them. Only ever imported dynamically from here, so the sign-in,
 * passcode and unlock screens do not load PouchDB, Dexie or zod.
 */
export type SessionData = typeof import('../session-data');

let loading: Promise<SessionData> | null = null;

export function sessionData(): Promise<SessionData> {
	return (loading ??= import('../session-data'));
}

/** The same, but only if something has asked for it already: nothing of it is open otherwise. */
export function sessionDataIfLoading(): Promise<SessionData> | null {
	return loading;
}
