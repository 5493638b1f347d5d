// See https://svelte.dev/docs/kit/types#app.d.ts
import type { IncomingMessage } from 'node:http';
import type { Account } from '$lib/server/auth/accounts';
import type { Session } from '$lib/server/auth/session-cookie';

declare global {
	namespace App {
		interface Locals {
			/**
			 * The signed-in user's session: its cookie verified, and the session alive on the server
			 * (auth/sessions.ts); null when signed out. Its role is the account's now.
			 */
			session: Session | null;
			/** The account of that session, read with it on this request; null when signed out. */
			account: Account | null;
		}
		interface Platform {
			/** The Node request, from adapter-node; not there in `vite dev`. */
			req?: IncomingMessage;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
