/**
 * Removing one person's data from this device: their local record, their drafts (with the
 * refusals and conflicts kept beside them) and their wrapped key. What was not sent to the server
 * is lost, which is why the callers ask first (sign-out) or warn well before (wrong passcodes).
 */
import { Dexie } from 'dexie';
import { draftsDatabaseName } from '../data/drafts';
import { browserLocalPouch } from '../data/pouch';
import { recordDatabaseName } from '../data/record';
import { forgetDeviceKey } from './device-keys';
import { stopSendingDeviceId } from './device-id';

export type WipeReason = 'signed-out' | 'passcode' | 'revoked';

export async function wipeDevice(userId: string): Promise<void> {
	const pouch = await browserLocalPouch();
	await pouch(recordDatabaseName(userId)).destroy();
	await Dexie.delete(draftsDatabaseName(userId));
	await forgetDeviceKey(userId);
	stopSendingDeviceId();
}
