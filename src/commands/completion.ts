// The script that completes maillog's commands and options in bash or zsh. It
// asks `maillog --get-yargs-completions`, which yargs answers from the
// commands' own definitions, so it stays right as options change. yargs'
// own script is bash's or zsh's by $SHELL, and root writing bash's for
// /etc/bash_completion.d from a zsh session needs to name the shell instead.
// SHELL= in each script fixes the answer's form: zsh's has descriptions.

import type { CommandModule } from 'yargs';
import { withHelpEnd } from './options.js';

const SCRIPTS = {
  bash: `# maillog completion for bash: maillog completion bash > /etc/bash_completion.d/maillog
_maillog_complete() {
  local IFS=$'\\n'
  COMPREPLY=($(compgen -W "$(SHELL=bash maillog --get-yargs-completions "\${COMP_WORDS[@]:0:COMP_CWORD+1}" 2>/dev/null)" -- "\${COMP_WORDS[COMP_CWORD]}"))
}
# With nothing to offer (ingest's files), bash completes file names.
complete -o default -F _maillog_complete maillog
`,
  zsh: `# maillog completion for zsh: source <(maillog completion zsh) in ~/.zshrc, after compinit
_maillog_complete() {
  local -a answers
  answers=(\${(f)"$(SHELL=zsh maillog --get-yargs-completions "\${(@)words[1,CURRENT]}" 2>/dev/null)"})
  if (( \${#answers} )); then _describe maillog answers; else _files; fi
}
compdef _maillog_complete maillog
`,
};

type Shell = keyof typeof SCRIPTS;

export const completionCommand: CommandModule<object, { shell: Shell }> = {
  command: 'completion <shell>',
  describe: 'Print the script that completes commands and options in bash or zsh',
  builder: (y) =>
    withHelpEnd(y.positional('shell', { choices: Object.keys(SCRIPTS) as Shell[], demandOption: true, describe: 'the shell to complete maillog in' }), [
      { what: 'for every bash user', command: 'maillog completion bash > /etc/bash_completion.d/maillog' },
      { what: 'for zsh: in ~/.zshrc, after compinit, source what this prints', command: 'maillog completion zsh > ~/.maillog-completion.zsh' },
    ]) as never,
  handler: (args) => {
    process.stdout.write(SCRIPTS[args.shell]);
  },
};
