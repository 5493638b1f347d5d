/**
 * SMART check for a PEP target: which of Specific, Measurable, Achievable, Relevant and Time-bound
 * a target meets, and why, in words a designated teacher can act on while typing.
 *
 * It is advice, not a gate: it never throws and never refuses. Every heuristic leans towards
 * telling the writer what to add rather than passing judgement, because targets are written by
 * busy people, often to the young person ("Jamie, you will…"), and a false alarm costs trust.
 *
 * Sources: Derbyshire Post-16 PETP guidance ("Targets must be SMART with clearly identified
 * actions/interventions for adults"); Walsall PEP guidance (SMART targets written to the young
 * person, short-term termly targets feeding long-term aspirations up to about two years ahead, SEMH
 * and wider curriculum targets encouraged).
 *
 * It runs on every keystroke, so all vocabulary is compiled once at module load and each check is a
 * handful of linear scans over a few hundred characters. Patterns avoid nested unbounded
 * quantifiers so that a pasted essay cannot make them backtrack badly.
 */
import { addMonths, format, isAfter, isValid, parseISO } from 'date-fns';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export type TargetArea = 'academic' | 'semh' | 'wider-curriculum' | 'attendance' | 'eet';

/** Kept narrow so that the target schema's inferred type is structurally assignable to it. */
export interface SmartTargetInput {
	/** The target as written, often to the young person ("Jamie, you will…"). */
	text: string;
	/** How success will be measured. */
	successMeasure?: string;
	/** `YYYY-MM-DD` when set. */
	dueDate?: string;
	/** `YYYY-MM-DD`: the date the target was set (the PEP meeting), for the time-bound check. */
	setOn?: string;
	area?: TargetArea;
	/** Who is responsible. */
	owner?: string;
	/** Strategies or interventions by adults. */
	actionsForAdults?: string[];
	/** The longer-term aspiration it works towards (e.g. "nursing degree"). */
	aspiration?: string;
}

export type SmartLetter = 'specific' | 'measurable' | 'achievable' | 'relevant' | 'time-bound';

export interface SmartFinding {
	letter: SmartLetter;
	met: boolean;
	/** Why it is met, or what is missing, in plain English, starting with the letter's name. */
	reason: string;
}

export interface SmartResult {
	/** Always five, in S-M-A-R-T order. */
	findings: SmartFinding[];
	missing: SmartLetter[];
	isSmart: boolean;
	summary: string;
}

export const SMART_LETTERS: readonly SmartLetter[] = [
	'specific',
	'measurable',
	'achievable',
	'relevant',
	'time-bound'
];

export const SMART_LETTER_LABELS: Readonly<Record<SmartLetter, string>> = {
	specific: 'Specific',
	measurable: 'Measurable',
	achievable: 'Achievable',
	relevant: 'Relevant',
	'time-bound': 'Time-bound'
};

// ---------------------------------------------------------------------------------------------
// Tunable limits
// ---------------------------------------------------------------------------------------------

/**
 * Words needed after the address ("Jamie, you will") before a target can say what, where and how
 * often: "attend all maths lessons" (4) can; "attend lessons" (2) cannot.
 */
const MIN_CONTENT_WORDS = 4;

/**
 * A success measure with no number or grade still counts when it describes evidence in a few
 * words ("tutor confirms on the register"); one or two words ("better", "good progress") do not.
 */
const MIN_MEASURE_WORDS = 3;

/**
 * Walsall: short-term targets are termly and long-term ones feed aspirations "over the next 2
 * years". One month of grace beyond two years lets a target set at a summer meeting run to the end
 * of the summer term two years on without a false alarm.
 */
const LONGEST_TARGET_MONTHS = 25;

/** Quoted fragments are cut so a message stays one glance long. */
const MAX_QUOTE_CHARS = 60;

// ---------------------------------------------------------------------------------------------
// Shared vocabulary
// ---------------------------------------------------------------------------------------------

/** Vocabulary written as running text, so long lists stay compact and easy to scan. */
function wordList(words: string): string[] {
	return words.trim().split(/\s+/);
}

/** Builds one case-insensitive regex from readable parts; compiled once at module load. */
function anyOf(parts: readonly RegExp[], flags = 'i'): RegExp {
	return new RegExp(parts.map((part) => `(?:${part.source})`).join('|'), flags);
}

const NUMBER_WORDS =
	'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred';

/** "May" is left out: it is far more often "you may" than the month (see TIME_PHRASES). */
const MONTHS_FULL =
	'january|february|march|april|june|july|august|september|october|november|december';
const MONTHS_ANY = `${MONTHS_FULL}|may|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec`;
const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const SEASONS = 'autumn|spring|summer|winter|christmas|easter|whitsun';
const TIME_NOUNS =
	'week|fortnight|month|term|half[-\\s]?term|year|academic\\s+year|pep|review|holidays?|exams?|mocks?';
/** Dates written with digits: "14 February", "14th of Feb", "14/02/2026", "2026-02-14", "2026". */
const DIGIT_DATE = `\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS_ANY})\\b|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}\\b|\\d{4}(?:-\\d{2}-\\d{2})?\\b`;

/** Regular units a target can be counted in: "each week", "every lesson", "twice a day". */
const FREQUENCY = anyOf([
	/\b(?:daily|weekly|fortnightly|monthly|nightly|termly)\b/,
	new RegExp(
		`\\b(?:each|every|per)\\s+(?:school\\s+)?(?:day|night|week|fortnight|month|term|half[-\\s]?term|lesson|session|morning|evening|weekend|break|lunchtime|${DAYS})\\b`
	),
	new RegExp(`\\b(?:once|twice|(?:\\d+|${NUMBER_WORDS})\\s+times)\\s+(?:a|per|each|every)\\s+\\w+`),
	/\btwice\b/
]);

// ---------------------------------------------------------------------------------------------
// Text preparation
// ---------------------------------------------------------------------------------------------

/** Curly quotes, typographic dashes and non-breaking spaces, which word processors insert. */
const TYPOGRAPHIC_CHARS =
	/[\u2018\u2019\u201A\u201B\u2032\u201C\u201D\u201E\u2033\u2010-\u2015\u2212\u00A0\u2007\u202F]/g;
const SINGLE_QUOTES = '\u2018\u2019\u201A\u201B\u2032';
const DOUBLE_QUOTES = '\u201C\u201D\u201E\u2033';
const DASHES = '\u2010\u2011\u2012\u2013\u2014\u2015\u2212';

/** One character in, one character out, so match positions still point into what was typed. */
function toPlainChar(char: string): string {
	if (SINGLE_QUOTES.includes(char)) return "'";
	if (DOUBLE_QUOTES.includes(char)) return '"';
	if (DASHES.includes(char)) return '-';
	return ' ';
}

/** Any value to plain text: the caller may hand over a half-filled form, so never trust types. */
function plainText(value: unknown): string {
	return typeof value === 'string' ? value.replace(TYPOGRAPHIC_CHARS, toPlainChar) : '';
}

const WORD = /[a-z0-9]+(?:'[a-z]+)?/g;

function wordsOf(text: string): string[] {
	return text.toLowerCase().match(WORD) ?? [];
}

/** The address that opens a target written to the young person carries no content. */
const ADDRESS =
	/^\s*(?:[a-z][a-z'-]*\s*,\s*)?(?:(?:you|i|we)\s+(?:will|shall|are\s+going\s+to|am\s+going\s+to|should|can|must|need\s+to|want\s+to|would\s+like\s+to)\s+|(?:you|i|we)'ll\s+|to\s+)?/i;

function quote(fragment: string): string {
	const oneLine = fragment.replace(/\s+/g, ' ').trim();
	const short =
		oneLine.length > MAX_QUOTE_CHARS
			? `${oneLine.slice(0, MAX_QUOTE_CHARS - 1).trimEnd()}…`
			: oneLine;
	return `'${short}'`;
}

/** "a", "a and b", "a, b and c": British lists, no serial comma. */
function listed(items: readonly string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** What the checks need, worked out once per call. */
interface TargetFacts {
	text: string;
	words: string[];
	contentWordCount: number;
	measure: string;
	area: TargetArea | undefined;
	owner: string;
	actions: string[];
	aspiration: string;
	dueDate: string;
	setOn: string;
}

const AREAS: readonly TargetArea[] = ['academic', 'semh', 'wider-curriculum', 'attendance', 'eet'];

function isArea(value: unknown): value is TargetArea {
	return AREAS.some((area) => area === value);
}

function factsOf(target: SmartTargetInput): TargetFacts {
	const input: Partial<SmartTargetInput> = target ?? {};
	const text = plainText(input.text);
	const actions = Array.isArray(input.actionsForAdults) ? input.actionsForAdults : [];
	return {
		text,
		words: wordsOf(text),
		contentWordCount: wordsOf(text.replace(ADDRESS, '')).length,
		measure: plainText(input.successMeasure).trim(),
		area: isArea(input.area) ? input.area : undefined,
		owner: plainText(input.owner).trim(),
		actions: actions
			.map(plainText)
			.map((action) => action.trim())
			.filter(Boolean),
		aspiration: plainText(input.aspiration).trim(),
		dueDate: plainText(input.dueDate).trim(),
		setOn: plainText(input.setOn).trim()
	};
}

function finding(letter: SmartLetter, met: boolean, reason: string): SmartFinding {
	return { letter, met, reason: `${SMART_LETTER_LABELS[letter]}: ${reason}` };
}

/** The first match of any pattern, as typed, or undefined. */
function firstMatch(patterns: readonly RegExp[], text: string): string | undefined {
	for (const pattern of patterns) {
		const match = pattern.exec(text);
		if (match) return match[0];
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// S — Specific
// ---------------------------------------------------------------------------------------------

/**
 * Doing words that say what will happen. Matched as whole words (after inflection) rather than by
 * prefix, because prefixes catch nouns and adjectives: "go" in "good", "read" in "ready".
 * Left out on purpose: words that are usually nouns in targets ("book", "log", "record", "plan",
 * "present") and "keep", "get", "do", "try", "be", "work", which mostly carry vague wishes
 * ("keep trying", "get better", "do better", "work harder").
 */
const ACTION_VERBS = wordList(`
	access achieve answer apply arrange arrive ask attend bring budget build calculate call check
	choose collect complete contact cook create demonstrate discuss draft earn edit email enrol enroll
	explain find finish follow gain go hand identify join learn leave make meet memorise obtain
	organise participate pass perform play practise practice prepare produce proofread reach read
	redraft register rehearse remain research return revise run save score secure select send share
	sing sit solve speak spell spend stay study submit swim take talk tell train travel update use
	visit volunteer walk write
`);

/** Past and irregular forms the simple inflection rule below cannot make. */
const IRREGULAR_VERB_FORMS = wordList(`
	applied applies brought built caught chose chosen found gone led left made met ran sang sat sent
	spent spoke spoken studied studies swam taken told took went wrote written
`);

/** base, -s, -es, -ed, -ing (dropping a final e), and a doubled final consonant (submitted). */
function inflections(base: string): string[] {
	const stem = base.endsWith('e') ? base.slice(0, -1) : base;
	const doubled = base + base.slice(-1);
	return [
		base,
		`${base}s`,
		`${base}es`,
		`${stem}ed`,
		`${stem}ing`,
		`${doubled}ed`,
		`${doubled}ing`
	];
}

const ACTION_WORDS: ReadonlySet<string> = new Set([
	...ACTION_VERBS.flatMap(inflections),
	...IRREGULAR_VERB_FORMS
]);

/** Verbs that only say what will happen with their particle: "work on", "catch up", "sign up". */
const PHRASAL_ACTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
	(
		[
			['work', ['on', 'with', 'through']],
			['focus', ['on']],
			['engage', ['with', 'in']],
			['catch', ['up']],
			['sign', ['up']],
			['fill', ['in']],
			['check', ['in']],
			['turn', ['up']]
		] as const
	).flatMap(([verb, particles]) =>
		inflections(verb).map((form) => [form, new Set<string>(particles)] as const)
	)
);

/**
 * "Improve" and its kin only say something with an object: "improve your reading age" names what
 * changes, "improve in maths" or "improve a lot" does not.
 */
const IMPROVEMENT_WORDS: ReadonlySet<string> = new Set(
	wordList('improve increase raise reduce develop extend').flatMap(inflections)
);
const NOT_AN_OBJECT = wordList(`
	in at on with more lots loads generally overall things everything further much and so this next
	by before until over
`);
const NOT_AN_OBJECT_SET: ReadonlySet<string> = new Set(NOT_AN_OBJECT);
/** "a" starts an object ("a piece of writing") unless it starts "a lot", "a bit", "a little". */
const AMOUNTS: ReadonlySet<string> = new Set(['lot', 'bit', 'little']);

function hasObjectAfter(words: readonly string[], index: number): boolean {
	const next = words[index + 1];
	if (next === undefined || NOT_AN_OBJECT_SET.has(next)) return false;
	return next !== 'a' || !AMOUNTS.has(words[index + 2] ?? '');
}

/**
 * After these, a past participle describes a state rather than an action: "be more organised",
 * "feel prepared", "get registered". "Be attending" is still an action, so only "-ed" forms.
 */
const STATE_CUES: ReadonlySet<string> = new Set(
	wordList('be being been more less very feel feeling get getting stay keep')
);

function isStateWord(words: readonly string[], index: number): boolean {
	return (words[index]?.endsWith('ed') ?? false) && STATE_CUES.has(words[index - 1] ?? '');
}

/** The first doing word in the target, in lower case, or undefined. */
function actionIn(words: readonly string[]): string | undefined {
	for (const [index, word] of words.entries()) {
		const next = words[index + 1] ?? '';
		if (ACTION_WORDS.has(word) && !isStateWord(words, index)) return word;
		if (PHRASAL_ACTIONS.get(word)?.has(next)) return `${word} ${next}`;
		if (IMPROVEMENT_WORDS.has(word) && hasObjectAfter(words, index)) return word;
	}
	return undefined;
}

/**
 * Wishes that sound like targets but name nothing anyone can see happen. Found phrases are quoted
 * back so the writer knows which words to replace.
 */
const VAGUE_PHRASES = anyOf(
	[
		/\btry(?:ing)?\s+(?:to|harder|hard|your\s+best|my\s+best|more)\b/,
		/\bdo(?:ing)?\s+(?:better|your\s+best|my\s+best|well|more)\b/,
		/\bwork(?:ing)?\s+(?:harder|hard|better)\b/,
		/\bget(?:ting)?\s+better\b/,
		/\bbe\s+(?:good|better|nicer|kinder|positive|more\s+[a-z]+|less\s+[a-z]+)\b/,
		/\bbehave\s+(?:better|well)\b/,
		/\b(?:more|extra|greater)\s+effort\b/,
		/\bmake\s+(?:an|more)\s+effort\b/,
		/\b(?:focus|concentrate|engage|participate|listen)\s+(?:more|better)\b/,
		/\bpay\s+(?:more\s+)?attention\b/,
		/\bkeep\s+trying\b/,
		/\bas\s+much\s+as\s+(?:possible|you\s+can)\b/,
		/\b(?:when|whenever|where|if)\s+(?:possible|you\s+can)\b/,
		new RegExp(
			`\\b(?:improv|increas|rais|reduc|develop|extend)(?:e|es|ed|ing)?(?=\\s*(?:[.,;:!?]|$|(?:${NOT_AN_OBJECT.join('|')}|a\\s+(?:lot|bit|little))\\b))`
		)
	],
	'gi'
);

function vaguePhrasesIn(text: string): string[] {
	const found = [...text.matchAll(VAGUE_PHRASES)].map((match) => quote(match[0].toLowerCase()));
	return [...new Set(found)];
}

/**
 * Specific: long enough to say something, and built on a doing word. Vague wording only fails the
 * letter when there is no action; next to a real action it is just a tip.
 */
function checkSpecific(facts: TargetFacts): SmartFinding {
	if (facts.text.trim() === '') {
		return finding(
			'specific',
			false,
			"write the target — what will the young person do, where and how often? For example 'Jamie, you will attend every maths catch-up session'."
		);
	}
	const vague = vaguePhrasesIn(facts.text);
	const action = actionIn(facts.words);
	if (action === undefined && vague.length > 0) {
		return finding(
			'specific',
			false,
			`${listed(vague)} is a wish rather than an action. Say what will actually be done, using a doing word such as attend, complete, read, submit, practise or visit.`
		);
	}
	if (action === undefined) {
		return finding(
			'specific',
			false,
			'name the action — what will be done? Use a doing word such as attend, complete, read, submit, practise or visit.'
		);
	}
	if (facts.contentWordCount < MIN_CONTENT_WORDS) {
		return finding(
			'specific',
			false,
			`add detail — say what, where and how often (for example 'attend every maths catch-up session'). ${facts.contentWordCount === 1 ? 'One word is' : `${facts.contentWordCount} words are`} not enough to be clear.`
		);
	}
	const tip =
		vague.length > 0
			? ` Consider dropping ${listed(vague)}: say what will happen, not what will be tried.`
			: '';
	return finding('specific', true, `names a clear action ('${action}').${tip}`);
}

// ---------------------------------------------------------------------------------------------
// M — Measurable
// ---------------------------------------------------------------------------------------------

/**
 * Numbers that are not measures: dates, years, year groups, key stages and "1:1". They are blanked
 * out (same length, so positions hold) before looking for counts, otherwise "by 14 February" or
 * "in Year 11" would pass as measurable.
 */
const NOT_A_MEASURE = anyOf(
	[
		new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS_ANY})\\b`),
		new RegExp(`\\b(?:${MONTHS_ANY})\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`),
		/\b\d{4}-\d{2}-\d{2}\b/,
		/\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/,
		/\b(?:19|20)\d{2}\b/,
		/\b(?:year|yr|y)\s*\d{1,2}\b/,
		/\bk(?:ey\s*)?s(?:tage)?\s*\d\b/,
		/\bpost[-\s]?1[689]\b/,
		/\b(?:1:1|1-1|one[-\s]to[-\s]one)\b/
	],
	'gi'
);

function withoutNonMeasures(text: string): string {
	return text.replace(NOT_A_MEASURE, (match) => ' '.repeat(match.length));
}

/** A grade value: A**, A*, A-G, U, or 9-1. */
const GRADE_VALUE =
	'(?:a\\*{0,2}(?![a-z])(?!\\s+(?:bit|lot|little|few)\\b)|[b-gu](?![a-z])|[1-9](?!\\d))';

/**
 * Signs that success can be checked, most telling first so the quoted evidence is the best one:
 * a change ("from 9 to 11"), a percentage, a grade (A*-U, 9-1), a level (Level 2, L3, Entry
 * Level 3), a frequency, a quantity ("all additional tuition sessions"), then any other count.
 * Bare "a grade" is not a grade: only letters B-G, U, A* or "an A" are, since "a" is an article.
 */
const MEASURE_SIGNALS: readonly RegExp[] = [
	/\bfrom\s+(?:grade\s+|level\s+)?[a-z0-9*]{1,3}%?\s+to\s+(?:grade\s+|level\s+)?[a-z0-9*]{1,3}%?(?![a-z0-9])/i,
	/\b\d+(?:\.\d+)?\s*(?:%|per\s*cent\b|percent\b)/i,
	new RegExp(`\\bgrades?\\s+${GRADE_VALUE}`, 'i'),
	/\b(?:a\*{1,2}|[b-gu]|[1-9])\s+grades?\b/i,
	/(?:^|[^a-z])a\*{1,2}/i,
	/\ban\s+a(?![a-z])(?!\s+(?:bit|lot|little|few)\b)/i,
	/\ba\s+[b-e](?![a-z*])/i,
	/\b(?:entry\s+)?levels?\s+(?:[1-8]|one|two|three|four)\b/i,
	/\bl[1-8]\b/i,
	FREQUENCY,
	/\b(?:all|every|each)\s+(?:of\s+(?:your|the|his|her|their)\s+)?(?:[a-z-]+\s+){0,3}?(?:lessons?|sessions?|classes|days?|weeks?|nights?|mornings?|appointments?|meetings?|assignments?|homework|pieces?|deadlines?|tasks?|units?|modules?|exams?|tests?|mocks?|shifts?|interviews?|visits?|applications?|subjects?)\b/i,
	new RegExp(`\\b(?:\\d+(?:\\.\\d+)?|${NUMBER_WORDS}|a\\s+dozen)\\b`, 'i')
];

function measureSignalIn(text: string): string | undefined {
	return firstMatch(MEASURE_SIGNALS, withoutNonMeasures(text))?.trim();
}

/** Worked examples in each area's own terms, so the advice fits the target being written. */
const MEASURE_EXAMPLES: Readonly<Record<TargetArea, string>> = {
	academic: 'be working securely at grade 5',
	semh: 'use your calm-down plan at least 3 times a week',
	'wider-curriculum': 'go to drama club every Tuesday',
	attendance: 'attend 95% of sessions',
	eet: 'send 3 college applications'
};

/** Measurable: a success measure that says something, or a number, grade or count in the text. */
function checkMeasurable(facts: TargetFacts): SmartFinding {
	const inMeasure = measureSignalIn(facts.measure);
	if (inMeasure !== undefined) {
		return finding(
			'measurable',
			true,
			`the success measure gives ${quote(inMeasure)} to check against.`
		);
	}
	if (wordsOf(facts.measure).length >= MIN_MEASURE_WORDS) {
		return finding(
			'measurable',
			true,
			`the success measure says how you will know (${quote(facts.measure)}).`
		);
	}
	const inText = measureSignalIn(facts.text);
	if (inText !== undefined) {
		return finding('measurable', true, `the target says how you will know (${quote(inText)}).`);
	}
	const example = MEASURE_EXAMPLES[facts.area ?? 'attendance'];
	const thin =
		facts.measure === ''
			? ''
			: ` The success measure ${quote(facts.measure)} is too brief to check against.`;
	return finding(
		'measurable',
		false,
		`say how you will know it is achieved — a number, a grade, a percentage or a count (for example '${example}'), or describe the evidence in the success measure.${thin}`
	);
}

// ---------------------------------------------------------------------------------------------
// A — Achievable
// ---------------------------------------------------------------------------------------------

/**
 * Support named in the target itself. Derbyshire requires actions for adults; a target that says
 * "with support from your PA" or "at tuition" already names them, so it is not asked twice.
 */
const SUPPORT = anyOf([
	/\b(?:with\s+(?:the\s+)?(?:support|help)\s+(?:of|from)|supported\s+by)(?:\s+(?:your|the|his|her|their|a))?(?:\s+[a-z]+)?/,
	/\bwith\s+(?:your|the|a|his|her|their)\s+(?:pa|mentor|tutor|carer|foster\s+carer|key\s+(?:adult|worker)|personal\s+advis[eo]r|teacher|ta|social\s+worker|support\s+worker|youth\s+worker|senco)\b/,
	/\b(?:tuition|tutor(?:ing|s)?|mentor(?:ing|s)?|interventions?|booster|scaffold(?:ed|ing)?)\b/,
	/\bkey\s+(?:adult|worker|person)\b/,
	/\b(?:1:1|1-1|one[-\s]to[-\s]one|small[-\s]group)\b/,
	/\bcatch[-\s]up\s+(?:sessions?|classes|group|club)\b/,
	/\b(?:homework|revision)\s+club\b/,
	/\b(?:learning|teaching)\s+(?:support|assistant)\b/,
	/\b(?:elsa|senco|counsell?(?:or|ing)|pa|personal\s+advis[eo]r|careers\s+advis[eo]r|support\s+worker|youth\s+worker)\b/,
	/\bvirtual\s+school\b/,
	/\b(?:pupil\s+premium|pp\+)/,
	/\bcheck[-\s]ins?\b/
]);

/**
 * All-or-nothing wording. Only raised when no support is named: with adults' help a stretching
 * target is fine, but alone, one bad day would mean failure, which is not humane.
 */
const ABSOLUTE = anyOf([
	/\b(?:never|always|without\s+fail|not\s+once|every\s+single|at\s+all\s+times|all\s+the\s+time)\b/,
	/\b100\s*(?:%|per\s*cent\b|percent\b)/,
	/\b(?:full|perfect)\s+attendance\b/,
	/\b(?:zero|no)\s+(?:lates?|lateness|absences?|detentions?|exclusions?|incidents?|sanctions?|behaviour\s+points)\b/
]);

/** Adults' actions in each area's own terms, per the Derbyshire "actions for adults" page. */
const ADULT_ACTION_EXAMPLES: Readonly<Record<TargetArea, string>> = {
	academic: 'weekly 1:1 tuition with the subject teacher',
	semh: 'weekly ELSA sessions with a key adult',
	'wider-curriculum': 'school to pay the club fees from PP+',
	attendance: 'a daily morning check-in with a key adult',
	eet: 'PA to arrange and go with you to two open days'
};

/** Achievable: an owner plus adults' actions, or support named in the target. */
function checkAchievable(facts: TargetFacts): SmartFinding {
	const hasActions = facts.actions.length > 0;
	const firstAction = facts.actions[0];
	if (facts.owner !== '' && firstAction !== undefined) {
		const count = facts.actions.length === 1 ? 'an action' : `${facts.actions.length} actions`;
		return finding(
			'achievable',
			true,
			`${facts.owner} is responsible, with ${count} for adults (${quote(firstAction)}).`
		);
	}
	const support = SUPPORT.exec(facts.text)?.[0];
	if (support !== undefined) {
		const tip = facts.owner === '' ? ' Tip: also say who is responsible.' : '';
		return finding('achievable', true, `names the support (${quote(support)}).${tip}`);
	}
	const example = ADULT_ACTION_EXAMPLES[facts.area ?? 'academic'];
	const missing =
		facts.owner !== ''
			? `${facts.owner} is named as responsible, but no actions for adults are recorded — add at least one strategy or intervention (for example '${example}').`
			: hasActions
				? 'actions for adults are listed — now say who is responsible for making them happen.'
				: `say who is responsible and add at least one action for adults (for example '${example}'), or name the support in the target ('with support from your mentor').`;
	const absolute = hasActions ? undefined : ABSOLUTE.exec(facts.text)?.[0];
	const risk =
		absolute === undefined
			? ''
			: ` ${quote(absolute.toLowerCase())} sets an all-or-nothing bar with no support named, so one difficult day would mean failing; consider 'at least 4 days out of 5' and say how adults will help.`;
	return finding('achievable', false, missing + risk);
}

// ---------------------------------------------------------------------------------------------
// R — Relevant
// ---------------------------------------------------------------------------------------------

const AREA_LABELS: Readonly<Record<TargetArea, string>> = {
	academic: 'academic progress',
	semh: 'social, emotional and mental health (SEMH)',
	'wider-curriculum': 'the wider curriculum',
	attendance: 'attendance',
	eet: 'education, employment or training'
};

const AREA_HINTS: Readonly<Record<TargetArea, string>> = {
	academic: 'a subject, course, qualification or grade',
	semh: 'feelings, friendships, confidence or wellbeing',
	'wider-curriculum': 'a club, team, activity or trip',
	attendance: 'attendance, punctuality or the sessions to be attended',
	eet: 'a course, job, apprenticeship or provision'
};

/** What a target in each area is about, so "relevant" means the words match the area chosen. */
const AREA_TOPICS: Readonly<Record<TargetArea, RegExp>> = {
	academic: anyOf([
		/\b(?:maths|mathematics|numeracy|english|literacy|reading|writing|spelling|phonics|science|biology|chemistry|physics|psychology|sociology|history|geography|french|spanish|german|languages?|computing|computer\s+science|ict|business|economics|law|literature|art|music|drama|pe|religious\s+studies|times\s+tables)\b/,
		/\b(?:gcses?|a[-\s]?levels?|btec|t[-\s]?levels?|functional\s+skills|qualifications?|courses?|subjects?|grades?|exams?|mocks?|coursework|homework|revision|revise|(?:past\s+)?papers?|assignments?|essays?|assessments?|reading\s+age|classwork)\b/
	]),
	semh: anyOf([
		/\b(?:feelings?|emotions?|emotional|calm(?:-down)?|anger|angry|worr(?:y|ies|ied)|anxi(?:ety|ous)|friends?|friendships?|well-?being|confiden(?:ce|t)|self-esteem|regulat(?:e|ion)|mental\s+health|counsell?ing|elsa|mood|sleep|resilience|relationships?|behaviour|safe\s+space|trusted\s+adult|key\s+adult|social)\b/
	]),
	'wider-curriculum': anyOf([
		/\b(?:clubs?|teams?|sports?|football|netball|rugby|cricket|swimming|dance|gym|choir|band|instruments?|music|drama|art|scouts|guides|cadets|duke\s+of\s+edinburgh|dofe|volunteer(?:ing)?|trips?|residential|residency|cultural|museum|library|hobb(?:y|ies)|activit(?:y|ies)|after[-\s]school)\b/
	]),
	attendance: anyOf([
		/\b(?:attend(?:s|ed|ing|ance)?|absen(?:ce|ces|t)|punctual(?:ity)?|on\s+time|late(?:ness|s)?|register|sessions?|lessons?|school\s+days?|in\s+(?:school|college))\b/
	]),
	eet: anyOf([
		/\b(?:college|sixth\s+form|university|ucas|courses?|programmes?|apprenticeships?|traineeships?|jobs?|employ(?:ment|er|ers)|work\s+experience|placements?|training|interviews?|cv|applications?|apply|open\s+days?|provisions?|careers?|enrol(?:ment)?|remix\s+your\s+life|volunteer(?:ing)?|neet|eet)\b/
	])
};

/** Relevant: an area, plus a link to the aspiration or words that belong to that area. */
function checkRelevant(facts: TargetFacts): SmartFinding {
	if (facts.area === undefined) {
		return finding(
			'relevant',
			false,
			'choose the area this target is for (academic, SEMH, wider curriculum, attendance, or education, employment and training) so it can be matched to the needs in the plan.'
		);
	}
	const label = AREA_LABELS[facts.area];
	if (facts.aspiration !== '') {
		return finding('relevant', true, `works towards the aspiration ${quote(facts.aspiration)}.`);
	}
	const topic = firstMatch([AREA_TOPICS[facts.area]], `${facts.text}\n${facts.measure}`);
	if (topic !== undefined) {
		return finding('relevant', true, `is clearly about ${label} (${quote(topic)}).`);
	}
	return finding(
		'relevant',
		false,
		`link it to the young person's aspiration (for example 'so that you can apply for a nursing course') or say what it has to do with ${label} — name ${AREA_HINTS[facts.area]}.`
	);
}

// ---------------------------------------------------------------------------------------------
// T — Time-bound
// ---------------------------------------------------------------------------------------------

/**
 * When the target will be done, written into the text. "By" and "until" only count before a time
 * word, because "supported by your PA" is not a deadline; "May" only counts where it is clearly
 * the month, because "you may" is common.
 */
const TIME_PHRASES: readonly RegExp[] = [
	new RegExp(
		`\\b(?:by|until|till|before|no\\s+later\\s+than|ahead\\s+of|in\\s+time\\s+for)\\s+(?:the\\s+)?(?:(?:end|start|beginning)\\s+of\\s+(?:the\\s+)?)?(?:(?:next|this|first|second|last|coming|your|his|her|their)\\s+)?(?:(?:${MONTHS_ANY}|${SEASONS}|${DAYS}|${TIME_NOUNS})\\b|${DIGIT_DATE})(?:\\s+(?:half[-\\s]?)?term\\b|\\s+\\d{1,2}\\b)?`,
		'i'
	),
	new RegExp(
		`\\b(?:for|within|in|over|during)\\s+(?:the\\s+)?(?:(?:next|coming|first)\\s+)?(?:\\d+|a|an|${NUMBER_WORDS}|(?:a\\s+)?few)\\s+(?:days?|weeks?|fortnights?|months?|terms?|half[-\\s]?terms?)\\b`,
		'i'
	),
	/\b(?:(?:autumn|spring|summer)\s+(?:half[-\s]?)?term|half[-\s]?term|(?:this|next)\s+(?:term|half[-\s]?term|week|month|year|academic\s+year|pep|review)|end\s+of\s+(?:the\s+)?(?:term|year|academic\s+year|course|key\s+stage))\b/i,
	new RegExp(
		`\\b(?:${MONTHS_FULL}|christmas|easter)\\b|\\bmay\\s+(?:half[-\\s]?term|\\d{1,4})\\b`,
		'i'
	),
	new RegExp(`\\b(?:${DIGIT_DATE})`, 'i')
];

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day from `YYYY-MM-DD`, or undefined: a bad date is advice, never an error. */
function dayOf(value: string): Date | undefined {
	if (!ISO_DAY.test(value)) return undefined;
	const date = parseISO(value);
	return isValid(date) ? date : undefined;
}

function spoken(date: Date): string {
	return format(date, 'd MMMM yyyy');
}

/** Time-bound: a sensible due date, else a time phrase or a rhythm in the text. */
function checkTimeBound(facts: TargetFacts): SmartFinding {
	const due = dayOf(facts.dueDate);
	const setOn = dayOf(facts.setOn);
	if (due !== undefined && setOn !== undefined && !isAfter(due, setOn)) {
		return finding(
			'time-bound',
			false,
			`the due date (${spoken(due)}) must be after the date the target was set (${spoken(setOn)}) — choose a date after the meeting, usually by the next PEP.`
		);
	}
	if (
		due !== undefined &&
		setOn !== undefined &&
		isAfter(due, addMonths(setOn, LONGEST_TARGET_MONTHS))
	) {
		return finding(
			'time-bound',
			false,
			`the due date (${spoken(due)}) is more than two years after the target was set (${spoken(setOn)}), too far off to review at a PEP. Break it into termly steps towards the aspiration, each with a nearer date.`
		);
	}
	if (due !== undefined) return finding('time-bound', true, `due by ${spoken(due)}.`);

	const badDate =
		facts.dueDate === ''
			? ''
			: ` The due date ${quote(facts.dueDate)} is not a real date — write it as YYYY-MM-DD.`;
	const when = firstMatch(TIME_PHRASES, facts.text) ?? firstMatch(TIME_PHRASES, facts.measure);
	if (when !== undefined) {
		return finding('time-bound', true, `says when (${quote(when)}).${badDate}`);
	}

	const rhythm = firstMatch([FREQUENCY], facts.text) ?? firstMatch([FREQUENCY], facts.measure);
	if (rhythm !== undefined) {
		return finding(
			'time-bound',
			true,
			`sets a rhythm (${quote(rhythm)}); adding an end point such as 'until the next PEP' makes it easy to review.${badDate}`
		);
	}
	return finding(
		'time-bound',
		false,
		`say when it will be done — set a due date or write it into the target, for example 'by February half term' or 'by the next PEP'.${badDate}`
	);
}

// ---------------------------------------------------------------------------------------------
// The check
// ---------------------------------------------------------------------------------------------

function summaryOf(facts: TargetFacts, missing: readonly SmartLetter[]): string {
	if (missing.length === 0) {
		return 'This target is SMART: specific, measurable, achievable, relevant and time-bound.';
	}
	if (facts.text.trim() === '') return 'Write the target to see how it measures up against SMART.';
	const labels = missing.map((letter) => SMART_LETTER_LABELS[letter]);
	return `Not yet SMART: ${missing.length} of 5 to strengthen (${listed(labels)}).`;
}

/**
 * Checks a target against SMART. Pure and cheap enough to run on every keystroke; never throws,
 * whatever it is given.
 */
export function checkSmart(target: SmartTargetInput): SmartResult {
	const facts = factsOf(target);
	const findings = [
		checkSpecific(facts),
		checkMeasurable(facts),
		checkAchievable(facts),
		checkRelevant(facts),
		checkTimeBound(facts)
	];
	const missing = findings.filter((item) => !item.met).map((item) => item.letter);
	return { findings, missing, isSmart: missing.length === 0, summary: summaryOf(facts, missing) };
}
