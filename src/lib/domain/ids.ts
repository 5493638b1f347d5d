/**
 * Document ids. CouchDB authorizes and replicates whole documents, so every access boundary is
 * its own document and its id says which child and which part it holds. Ids carry no names: they
 * stay readable on an encrypted device and in server logs.
 */
import { z } from 'zod';
import { opaqueId } from './schemas/common';

/** The parts of a PEP that are separate documents, each owned by one role. */
export const pepParts = ['a', 'b', 'targets', 'voice', 'carer', 'petp', 'qa', 'pp'] as const;
export type PepPart = (typeof pepParts)[number];

export type DocumentKind =
	| 'authority'
	| 'assignment'
	| 'child'
	| 'child-attachment'
	| 'pep'
	| 'pep-attachment'
	| `pep-${PepPart}`;

export type ParsedId =
	| { kind: 'authority'; authorityId: string }
	| { kind: 'assignment'; userId: string }
	| { kind: 'child'; childId: string }
	| { kind: 'child-attachment'; childId: string; attachmentId: string }
	| { kind: 'pep'; childId: string; pepId: string }
	| { kind: 'pep-attachment'; childId: string; pepId: string; attachmentId: string }
	| { kind: `pep-${PepPart}`; childId: string; pepId: string; part: PepPart };

const ID = '([A-Za-z0-9_-]{4,64})';
const PART = `(${pepParts.join('|')})`;
const patterns: [RegExp, (m: string[]) => ParsedId][] = [
	[
		new RegExp(`^authority:${ID}$`),
		([, authorityId]) => ({ kind: 'authority', authorityId: authorityId! })
	],
	[new RegExp(`^assign:${ID}$`), ([, userId]) => ({ kind: 'assignment', userId: userId! })],
	[new RegExp(`^child:${ID}$`), ([, childId]) => ({ kind: 'child', childId: childId! })],
	[
		new RegExp(`^child:${ID}:att:${ID}$`),
		([, childId, attachmentId]) => ({
			kind: 'child-attachment',
			childId: childId!,
			attachmentId: attachmentId!
		})
	],
	[
		new RegExp(`^child:${ID}:pep:${ID}$`),
		([, childId, pepId]) => ({ kind: 'pep', childId: childId!, pepId: pepId! })
	],
	[
		new RegExp(`^child:${ID}:pep:${ID}:att:${ID}$`),
		([, childId, pepId, attachmentId]) => ({
			kind: 'pep-attachment',
			childId: childId!,
			pepId: pepId!,
			attachmentId: attachmentId!
		})
	],
	[
		new RegExp(`^child:${ID}:pep:${ID}:${PART}$`),
		([, childId, pepId, part]) => ({
			kind: `pep-${part as PepPart}`,
			childId: childId!,
			pepId: pepId!,
			part: part as PepPart
		})
	]
];

/** Reads an id, or returns null for one that names no known kind of document. */
export function parseId(id: string): ParsedId | null {
	for (const [pattern, build] of patterns) {
		const match = pattern.exec(id);
		if (match) return build(match);
	}
	return null;
}

/** The child an id belongs to, if any: what the gateway checks access against. */
export function childIdOf(id: string): string | null {
	const parsed = parseId(id);
	return parsed && 'childId' in parsed ? parsed.childId : null;
}

const checked = (value: string) => opaqueId.parse(value);

export const ids = {
	authority: (authorityId: string) => `authority:${checked(authorityId)}`,
	assignment: (userId: string) => `assign:${checked(userId)}`,
	child: (childId: string) => `child:${checked(childId)}`,
	childAttachment: (childId: string, attachmentId: string) =>
		`child:${checked(childId)}:att:${checked(attachmentId)}`,
	pep: (childId: string, pepId: string) => `child:${checked(childId)}:pep:${checked(pepId)}`,
	pepPart: (childId: string, pepId: string, part: PepPart) =>
		`child:${checked(childId)}:pep:${checked(pepId)}:${part}`,
	pepAttachment: (childId: string, pepId: string, attachmentId: string) =>
		`child:${checked(childId)}:pep:${checked(pepId)}:att:${checked(attachmentId)}`
};

/** A schema for a document id of one kind, for use inside document schemas. */
export function idOfKind(kind: DocumentKind) {
	return z.string().refine((id) => parseId(id)?.kind === kind, {
		error: `must be the id of a ${kind} document`
	});
}

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A new random id (16 characters, about 82 bits): made on any device, offline, with no
 * coordination, and with no meaning that could identify a child.
 */
export function newId(random: (n: number) => Uint8Array = defaultRandom): string {
	const bytes = random(16);
	let id = '';
	for (const byte of bytes) id += alphabet[byte % alphabet.length];
	return id;
}

function defaultRandom(n: number): Uint8Array {
	return globalThis.crypto.getRandomValues(new Uint8Array(n));
}
