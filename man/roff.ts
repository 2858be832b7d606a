// The man page, as roff, from what the CLI's --help prints: one source for
// both, so the page cannot drift from the commands it describes.

export interface ManPageInput {
  version: string;
  /** One line: what maillog does. */
  summary: string;
  /** `maillog --help`. */
  overview: string;
  /** Each command's name and its `--help`, in the order of the overview. */
  commands: { name: string; help: string }[];
}

/**
 * Text as roff shows it literally: a backslash is an escape, a leading dot or
 * quote a request, `-` a hyphen that would not paste into a shell as a minus,
 * and anything outside ASCII is named by its code point, so no input encoding
 * has to be guessed.
 */
export function roffText(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/[^\x20-\x7e\n]/gu, (char) => `\\[u${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`)
    .replace(/^(?=[.'])/gm, '\\&');
}

/** Help text kept as yargs laid it out: its columns are the layout. */
function preformatted(help: string): string {
  return `.nf\n${roffText(help.trimEnd())}\n.fi`;
}

/** The command names of `maillog --help`'s Commands section, as in `  maillog ingest <files..>  Read ...`. */
export function commandNames(overview: string): string[] {
  const section = /^Commands:\n((?:  .*\n?)+)/m.exec(overview)?.[1] ?? '';
  return [...section.matchAll(/^  maillog ([a-z][a-z-]*)/gm)].map((match) => match[1]);
}

export function manPage(input: ManPageInput): string {
  return [
    `.TH MAILLOG 1 "" "maillog ${roffText(input.version)}" "User Commands"`,
    '.SH NAME',
    `maillog \\- ${roffText(input.summary)}`,
    '.SH SYNOPSIS',
    '.B maillog',
    '.I command',
    '.RI [ options ]',
    '.SH DESCRIPTION',
    preformatted(input.overview),
    '.SH COMMANDS',
    ...input.commands.flatMap(({ name, help }) => [`.SS ${name}`, preformatted(help)]),
    '.SH ENVIRONMENT',
    '.TP',
    '.B MAILLOG_DB',
    'The database when no \\-\\-db is given; without either, \\%./maillog.db.',
    '',
  ].join('\n');
}
