// See https://svelte.dev/docs/kit/types#app.d.ts
import type { IncomingMessage } from 'node:http';
import type { Session } from '$lib/server/auth/session-cookie';

declare global {
	namespace App {
		interface Locals {
			/** The signed-in user's session, verified from its cookie; null when signed out. */
			session: Session | null;
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
