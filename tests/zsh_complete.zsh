#!/usr/bin/env zsh -f
# zsh_complete.zsh FPATH-DIR WORDS...: what zsh's completion offers for the
# last of WORDS (an empty one: a trailing ''), one a line, as a user at a
# prompt with completion/_presscut in fpath would see it.  Drives an
# interactive zsh on a pseudo-terminal (zsh/zpty) whose compadd prints
# the matches between two NUL lines.  Exit 2 if zsh could not be set up.
zmodload zsh/zpty || exit 2
local dir=$1
shift
zpty z zsh -f -i
local setup=$(mktemp) line
cat >$setup <<SETUP
PROMPT=
fpath=($dir \$fpath)
autoload -U compinit
compinit -u -D
bindkey '^M' undefined
bindkey '^J' undefined
bindkey '^I' complete-word
null-line() { echo -E - \$'\\0' }
compprefuncs=(null-line)
comppostfuncs=(null-line exit)
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
compadd() {
    if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then
        builtin compadd "\$@"
        return
    fi
    typeset -a __hits
    builtin compadd -A __hits "\$@"
    (( \$#__hits )) && print -rl -- \$__hits
}
echo ok
SETUP
zpty -w z "source $setup"
repeat 20; do
    zpty -r z line
    [[ $line == ok* ]] && break
done
rm -f $setup
[[ $line == ok* ]] || exit 2
zpty -w -n z "${(j: :)${(q)@}}"$'\t'
integer tog=0
while zpty -r z; do :; done | while IFS= read -r line; do
    line=${line%$'\r'}
    if [[ $line == *$'\0'* ]]; then
        (( tog++ )) && break || continue
    fi
    (( tog )) && print -r -- $line
done
