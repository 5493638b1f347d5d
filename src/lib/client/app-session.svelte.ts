/**
 * The signed-in person on this device, their local record and its sync: made once when the app
 * starts, and available to every screen. Online, the server says who is signed in; offline, the
 * person who last signed in here carries on with what is on the device.
 */
import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { childIdOf } from '$lib/domain/ids';
import { discardDraft, flushDrafts, listDrafts } from './data/drafts';
import { browserRemotePouch } from './data/pouch';
import { open, type LocalRecord } from './data/record';
import { SyncManager } from './data/sync.svelte';
import { localIds, reachableChildren, withdrawnChildren } from './data/withdrawal';
import { forgetUser, rememberedUser, rememberUser } from './device-user';
import { currentUser, signOut, type SessionUser } from './session';

class AppSession {
	#user = $state<SessionUser | null>(null);
	#record = $state<LocalRecord | null>(null);
	#sync = $state<SyncManager | null>(null);
	#ready = $state(false);
	#starting: Promise<void> | null = null;
	#checkingAccess = false;
	#stopWatching: (() => void) | null = null;

	get user() {
		return this.#user;
	}
	get record() {
		return this.#record;
	}
	get sync() {
		return this.#sync;
	}
	/** True once we know whether anyone is signed in. */
	get ready() {
		return this.#ready;
	}

	/** Finds who is signed in (asking the server when it can be reached) and opens their record. */
	start(): Promise<void> {
		this.#starting ??= this.#start();
		return this.#starting;
	}

	async #start() {
		const fromServer = navigator.onLine ? await currentUser() : undefined;
		const user = fromServer === undefined ? rememberedUser() : fromServer;
		if (user) await this.#open(user);
		this.#ready = true;
	}

	/** After a successful online sign-in. */
	async signedIn(user: SessionUser) {
		rememberUser(user);
		await this.#open(user);
		this.#ready = true;
	}

	async #open(user: SessionUser) {
		if (this.#user?.userId === user.userId && this.#record) return;
		this.#stopSync();
		const record = await open(user.userId);
		const sync = new SyncManager({ record, remote: await browserRemotePouch() });
		this.#user = user;
		this.#record = record;
		this.#sync = sync;
		this.#watchAccess(sync);
		void sync.start();
	}

	/** Each time the device has caught up with nothing left to send, check nothing was withdrawn. */
	#watchAccess(sync: SyncManager) {
		this.#stopWatching?.();
		this.#stopWatching = $effect.root(() => {
			$effect(() => {
				if (sync.state === 'up-to-date' && sync.pendingCount === 0) void this.#removeWithdrawn();
			});
		});
	}

	/**
	 * A child withdrawn from this person leaves the device: their edits have been sent (nothing is
	 * pending), so the local record is rebuilt from what the server still lets them see.
	 */
	async #removeWithdrawn() {
		const { record, user } = this;
		if (this.#checkingAccess || !record || !user) return;
		this.#checkingAccess = true;
		try {
			const reachable = await reachableChildren();
			if (!reachable) return;
			const gone = new Set(withdrawnChildren(await localIds(record.db), reachable));
			if (gone.size === 0) return;
			const sync = this.#sync;
			this.#stopSync();
			await sync?.settled();
			for (const draft of await listDrafts()) {
				const childId = childIdOf(draft.docId);
				if (childId && gone.has(childId)) await discardDraft(draft.docId, draft.part);
			}
			await record.db.destroy();
			this.#record = null;
			await this.#open(user);
		} finally {
			this.#checkingAccess = false;
		}
	}

	/** Signs out; what was typed stays on this device, saved as drafts. */
	async signOut() {
		await flushDrafts();
		// Stop syncing and let its bookkeeping finish before the record closes and the session ends.
		const sync = this.#sync;
		this.#stopSync();
		await sync?.settled();
		this.#record?.close();
		this.#user = null;
		this.#record = null;
		forgetUser();
		await signOut().catch(() => undefined);
		this.#starting = null;
		await goto(resolve('/sign-in'), { replaceState: true });
	}

	#stopSync() {
		this.#stopWatching?.();
		this.#stopWatching = null;
		this.#sync?.stop();
		this.#sync = null;
	}
}

export const appSession = new AppSession();
