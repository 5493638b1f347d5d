/**
 * The roles a person can have. Kept apart from the schemas (`schemas/users.ts` builds its zod
 * enum from this list), so the app's first screens can check a role without loading zod.
 */
export const roles = [
	'social-worker',
	'designated-teacher',
	'virtual-school',
	'personal-adviser',
	'young-person',
	'carer',
	'iro',
	'admin'
] as const;
export type Role = (typeof roles)[number];

export const isRole = (value: unknown): value is Role =>
	typeof value === 'string' && (roles as readonly string[]).includes(value);

/** Opaque identifiers: letters, digits, dashes and underscores, never a name. */
export const opaqueIdPattern = /^[A-Za-z0-9_-]{4,64}$/;
