#!/usr/bin/env node
/**
 * The administrator's command line: signs in to a running server as an administrator and calls
 * its admin API (/api/admin/...). Plain Node (20 or later), no build step and no dependencies, so
 * it runs anywhere the server does.
 *
 *   node scripts/admin.mjs --url http://localhost:3000 --email admin@example.org <command> …
 *
 * The administrator's password comes from PEP_ADMIN_PASSWORD, or is asked for.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const usage = `Usage: node scripts/admin.mjs [--url URL] [--email ADMIN_EMAIL] <command> [options]

Commands:
  create-user   --email EMAIL --name NAME --role ROLE --authority AUTHORITY_ID [--password PASSWORD]
  list-users
  assign        --user USER_ID [--children ID,ID…] [--schools ID,ID…] [--authorities ID,ID…]
                (each list given replaces what the user holds; an empty list clears it)
  create-child  --file CHILD.json   (the child's profile, without ids or stamps)
  disable       --user USER_ID
  list-devices  [--user USER_ID]
  revoke-device --device DEVICE_ID   (a lost device: its next contact removes its data)

Options:
  --url URL            the server (default: PEP_URL, else http://localhost:3000)
  --email EMAIL        the administrator who signs in (default: PEP_ADMIN_EMAIL)

Roles: social-worker, designated-teacher, virtual-school, personal-adviser, young-person, carer,
iro, admin. The administrator's password is read from PEP_ADMIN_PASSWORD, or asked for.
Prints what the server answered as JSON.`;

/** A mistake in how the script was called (exit 2), as against a refusal or failure (exit 1). */
class UsageError extends Error {}
class Failure extends Error {}

const commands = {
	'create-user': {
		options: {
			email: { type: 'string' },
			name: { type: 'string' },
			role: { type: 'string' },
			authority: { type: 'string' },
			password: { type: 'string' }
		},
		required: ['email', 'name', 'role', 'authority'],
		async run(api, o) {
			const user = await api.call('POST', '/api/admin/users', {
				email: o.email,
				displayName: o.name,
				role: o.role,
				authorityId: o.authority,
				...(o.password === undefined ? {} : { password: o.password })
			});
			note(`Created ${user.email} (${user.role}) with the id ${user.userId}.`);
			if (!user.hasPassword) note('The account has no password yet, so it cannot sign in.');
			return user;
		}
	},
	'list-users': {
		options: {},
		required: [],
		run: (api) => api.call('GET', '/api/admin/users')
	},
	assign: {
		options: {
			user: { type: 'string' },
			children: { type: 'string' },
			schools: { type: 'string' },
			authorities: { type: 'string' }
		},
		required: ['user'],
		async run(api, o) {
			const change = {
				...(o.children === undefined ? {} : { childIds: list(o.children) }),
				...(o.schools === undefined ? {} : { schoolIds: list(o.schools) }),
				...(o.authorities === undefined ? {} : { authorityIds: list(o.authorities) })
			};
			if (Object.keys(change).length === 0) {
				throw new UsageError('assign needs --children, --schools or --authorities.');
			}
			const path = `/api/admin/users/${encodeURIComponent(o.user)}/assignment`;
			const assignment = await api.call('PUT', path, change);
			note(`Assigned ${o.user}.`);
			return assignment;
		}
	},
	'create-child': {
		options: { file: { type: 'string' } },
		required: ['file'],
		async run(api, o) {
			const child = await api.call('POST', '/api/admin/children', readJsonFile(o.file));
			note(`Created the child record ${child._id}.`);
			return child;
		}
	},
	'list-devices': {
		options: { user: { type: 'string' } },
		required: [],
		run: (api, o) =>
			api.call(
				'GET',
				`/api/admin/devices${o.user === undefined ? '' : `?userId=${encodeURIComponent(o.user)}`}`
			)
	},
	'revoke-device': {
		options: { device: { type: 'string' } },
		required: ['device'],
		async run(api, o) {
			const path = `/api/admin/devices/${encodeURIComponent(o.device)}`;
			const device = await api.call('PATCH', path, { revoked: true });
			note(`Revoked the device ${device.deviceId}: its next contact will remove its data.`);
			return device;
		}
	},
	disable: {
		options: { user: { type: 'string' } },
		required: ['user'],
		async run(api, o) {
			const path = `/api/admin/users/${encodeURIComponent(o.user)}`;
			const user = await api.call('PATCH', path, { disabled: true });
			note(`Disabled ${user.email}.`);
			return user;
		}
	}
};

async function main(argv) {
	const { globals, name, rest } = splitAtCommand(argv);
	if (globals.help || name === 'help' || rest.includes('--help') || rest.includes('-h')) {
		console.log(usage);
		return;
	}
	if (!name) throw new UsageError('Give a command.');
	const command = commands[name];
	if (!command) throw new UsageError(`There is no command "${name}".`);
	const { values } = parse(rest, command.options, name);
	const missing = command.required.filter((option) => !values[option]);
	if (missing.length > 0) {
		throw new UsageError(`${name} needs ${missing.map((option) => `--${option}`).join(', ')}.`);
	}

	const url = serverUrl(globals.url ?? process.env.PEP_URL ?? 'http://localhost:3000');
	const email = globals.email ?? process.env.PEP_ADMIN_EMAIL;
	if (!email) throw new UsageError('Give the administrator’s --email (or set PEP_ADMIN_EMAIL).');
	const api = await signIn(url, email, await adminPassword(email));
	const result = await command.run(api, values);
	console.log(JSON.stringify(result, null, 2));
}

/** The options before the command are the script's own; those after it belong to the command. */
function splitAtCommand(argv) {
	const own = {
		url: { type: 'string' },
		email: { type: 'string' },
		help: { type: 'boolean', short: 'h' }
	};
	let at = 0;
	while (at < argv.length && argv[at].startsWith('-')) {
		const option = argv[at].replace(/^--?/, '');
		at += own[option]?.type === 'string' ? 2 : 1;
	}
	const { values } = parse(argv.slice(0, at), own);
	return { globals: values, name: argv[at], rest: argv.slice(at + 1) };
}

function parse(args, options, command) {
	try {
		return parseArgs({ args, options, strict: true, allowPositionals: false });
	} catch (error) {
		const where = command ? ` for ${command}` : '';
		throw new UsageError(`${error.message.split('. ')[0]}${where}.`);
	}
}

function serverUrl(value) {
	let url;
	try {
		url = new URL(value);
	} catch {
		throw new UsageError(`--url "${value}" is not a URL, like http://localhost:3000.`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new UsageError(`--url must start with http:// or https://, not ${url.protocol}.`);
	}
	return url;
}

/** Signs in and returns a client that sends the session cookie with every call. */
async function signIn(base, email, password) {
	const send = async (method, path, body, cookie) => {
		try {
			return await fetch(new URL(path, base), {
				method,
				headers: {
					accept: 'application/json',
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
					...(cookie ? { cookie } : {})
				},
				body: body === undefined ? undefined : JSON.stringify(body)
			});
		} catch (error) {
			const reason = error.cause?.code ?? error.cause?.message ?? error.message;
			throw new Failure(`Could not reach the server at ${base.origin}: ${reason}.`);
		}
	};
	const answer = async (response, what) => {
		const text = await response.text();
		let data;
		try {
			data = JSON.parse(text);
		} catch {
			data = undefined;
		}
		if (typeof data?.message === 'string' && !response.ok) {
			throw new Failure(`${what} was refused (HTTP ${response.status}): ${data.message}`);
		}
		if (data === undefined || !response.ok) {
			const type = response.headers.get('content-type')?.split(';')[0] ?? 'no content type';
			throw new Failure(
				`${what} got HTTP ${response.status} (${type}), which is not an answer from this app's ` +
					`API: is ${base.origin} the right --url?`
			);
		}
		return data;
	};

	const response = await send('POST', '/api/session', { email, password });
	const user = await answer(response, `Signing in as ${email}`);
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.find((pair) => pair.startsWith('pep_session='));
	if (!cookie) throw new Failure('The server signed in but set no session cookie.');
	if (user?.role !== 'admin') throw new Failure(`${email} is not an administrator.`);
	return {
		call: async (method, path, body) =>
			answer(await send(method, path, body, cookie), `${method} ${path}`)
	};
}

async function adminPassword(email) {
	if (process.env.PEP_ADMIN_PASSWORD) return process.env.PEP_ADMIN_PASSWORD;
	if (!process.stdin.isTTY) {
		throw new UsageError('Set PEP_ADMIN_PASSWORD, or run the script in a terminal to be asked.');
	}
	return askHidden(`Password for ${email}: `);
}

/** Reads a line from the terminal without echoing it. */
function askHidden(question) {
	return new Promise((resolve, reject) => {
		const input = process.stdin;
		process.stderr.write(question);
		input.setRawMode(true);
		input.setEncoding('utf8');
		input.resume();
		let typed = '';
		const done = (error) => {
			input.setRawMode(false);
			input.pause();
			input.off('data', onData);
			process.stderr.write('\n');
			if (error) reject(error);
			else resolve(typed);
		};
		const onData = (chunk) => {
			for (const char of chunk) {
				if (char === '\r' || char === '\n') return done();
				if (char === '\u0003') return done(new Failure('Cancelled.'));
				if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
				else typed += char;
			}
		};
		input.on('data', onData);
	});
}

function readJsonFile(path) {
	let text;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		throw new UsageError(`Cannot read ${path}: ${error.code ?? error.message}.`);
	}
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new UsageError(`${path} is not valid JSON: ${error.message}.`);
	}
}

function list(value) {
	return value
		.split(',')
		.map((item) => item.trim())
		.filter((item) => item.length > 0);
}

function note(message) {
	process.stderr.write(`${message}\n`);
}

main(process.argv.slice(2)).catch((error) => {
	if (error instanceof UsageError) {
		process.stderr.write(
			`${error.message}\nRun \`node scripts/admin.mjs --help\` to see how to use it.\n`
		);
		process.exitCode = 2;
	} else if (error instanceof Failure) {
		process.stderr.write(`${error.message}\n`);
		process.exitCode = 1;
	} else {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exitCode = 1;
	}
});
