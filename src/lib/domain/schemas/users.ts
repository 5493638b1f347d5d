/**
 * People, their roles and what they are assigned. The server alone writes assignments; they are
 * what every read and write is authorized against.
 */
import { z } from 'zod';
import { roles } from '../roles';
import { isoDateTime, opaqueId, shortText, unlessMissing } from './common';

export { roles };
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

/** Plain-English names, for screens and refusals. */
export const roleNames: Record<Role, string> = {
	'social-worker': 'Social worker',
	'designated-teacher': 'Designated teacher',
	'virtual-school': 'Virtual School officer',
	'personal-adviser': 'Personal adviser',
	'young-person': 'Young person',
	carer: 'Carer',
	iro: 'Independent reviewing officer',
	admin: 'Administrator'
};

export const email = z
	.string()
	.trim()
	.toLowerCase()
	.pipe(z.email({ error: unlessMissing('must be an email address, like name@example.org') }));

/** The rule for every password a person chooses, whoever makes the account. */
export const minimumPasswordLength = 12;
export const newPassword = z
	.string()
	.min(minimumPasswordLength, `must be at least ${minimumPasswordLength} characters`)
	.max(1_000, 'must be at most 1,000 characters');

/** A user as the server keeps it (never replicated: credentials live beside it, server-side). */
export const user = z.strictObject({
	type: z.literal('user'),
	schemaVersion: z.literal(1),
	userId: opaqueId,
	email,
	displayName: shortText.min(1, 'is required'),
	role,
	authorityId: opaqueId,
	disabled: z.boolean().default(false),
	createdAt: isoDateTime
});
export type User = z.infer<typeof user>;

/**
 * What a user may see, kept in `assign:{userId}`. Social workers, IROs, personal advisers and
 * carers hold children; designated teachers hold schools; Virtual School staff hold authorities;
 * a young person holds only their own child record.
 */
export const assignment = z.strictObject({
	_id: z.string().optional(),
	_rev: z.string().optional(),
	type: z.literal('assignment'),
	schemaVersion: z.literal(1),
	userId: opaqueId,
	role,
	childIds: z.array(opaqueId).default([]),
	schoolIds: z.array(opaqueId).default([]),
	authorityIds: z.array(opaqueId).default([]),
	updatedAt: isoDateTime
});
export type Assignment = z.infer<typeof assignment>;

/** Which kind of assignment each role is given: the admin path refuses any other. */
export const assignmentScope: Record<Role, 'children' | 'schools' | 'authorities' | 'none'> = {
	'social-worker': 'children',
	iro: 'children',
	'personal-adviser': 'children',
	carer: 'children',
	'young-person': 'children',
	'designated-teacher': 'schools',
	'virtual-school': 'authorities',
	admin: 'none'
};
