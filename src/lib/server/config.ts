/**
 * The server's settings, read once from the environment and checked, so a typo in a deployment
 * fails at start with the variable's name rather than misbehaving later.
 */
import { z } from 'zod';
import { isoDate } from '$lib/domain/schemas/common';
import { fieldErrors, describeErrors } from '$lib/domain/schemas/errors';

const settings = z.object({
	/** Where the embedded database and the session secret live. */
	PEP_DATA_DIR: z.string().min(1).default('./data'),
	/** A CouchDB 3 server (with credentials in the URL) to use instead of the embedded store. */
	COUCHDB_URL: z.url({ protocol: /^https?$/ }).optional(),
	/** Signs session cookies; every instance behind a load balancer must share it. */
	PEP_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
	/** Seed demo users and a demo authority on first start (on unless turned off). */
	PEP_DEMO: z.enum(['on', 'off']).default('on'),
	/**
	 * The day the demo authority is made as of (YYYY-MM-DD), instead of England's today on the
	 * first start: for trying the demo, or running the tests, as of another day.
	 */
	PEP_DEMO_DAY: isoDate.optional(),
	/** The first administrator, created at start when no account has this email (all three needed). */
	PEP_ADMIN_EMAIL: z.email().optional(),
	PEP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
	PEP_ADMIN_AUTHORITY: z
		.string()
		.regex(/^[A-Za-z0-9_-]{4,64}$/, 'must be 4–64 letters, digits, dashes or underscores')
		.optional(),
	/**
	 * The header in which the proxy in front says how the browser reached it (e.g.
	 * `x-forwarded-proto`), as adapter-node reads it. HSTS is sent only when it says https.
	 */
	PROTOCOL_HEADER: z
		.string()
		.regex(/^[A-Za-z0-9-]+$/, 'must be a header name, such as x-forwarded-proto')
		.optional(),
	/** How long a session lasts, in hours. */
	PEP_SESSION_HOURS: z.coerce
		.number()
		.int()
		.min(1)
		.max(24 * 30)
		.default(12)
});

export type Config = z.infer<typeof settings>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const result = settings.safeParse(env);
	if (!result.success) {
		throw new Error(
			`The server's settings are not right: ${describeErrors(fieldErrors(result.error))}`
		);
	}
	return result.data;
}
