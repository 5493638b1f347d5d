/**
 * What the session needs only once a person unlocks their data (or removes it): the local record
 * and its sync, the drafts, and the device database that Dexie writes. Loaded on its own, so the
 * sign-in, passcode and unlock screens appear without waiting for it, and started while the
 * person types their passcode, so unlocking does not wait for it either.
 */
export { caseloadSnapshot } from './caseload-snapshot';
export { keepCaseloadSealed } from './sealed-caseload';
export { childIdOf } from '$lib/domain/ids';
export { closeDrafts, discardDraft, flushDrafts, listDrafts, openDrafts } from './data/drafts';
export {
	abortRemoteRequests,
	browserEncryptedPouch,
	browserPouch,
	browserRemotePouch
} from './data/pouch';
export { open, openRecordEarly } from './data/record';
export { SyncManager } from './data/sync.svelte';
export { localIds, reachableChildren, withdrawnChildren } from './data/withdrawal';
export {
	lockAfterSeconds,
	noteRightPasscode,
	noteWrongPasscode,
	saveDeviceKey,
	setLockAfterSeconds
} from './security/device-keys';
export { wipeDevice } from './security/wipe';
