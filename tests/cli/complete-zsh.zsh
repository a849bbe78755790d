# complete-zsh.zsh LINE: the matches zsh's own completion system offers for LINE, one a line: an
# interactive zsh in a pseudo-terminal (zsh/zpty) runs compinit with $CAPTURE_FPATH first in
# fpath (compdump $CAPTURE_DUMP), gets LINE and a Tab, and each match compadd receives is
# printed (compadd is wrapped to print them: the completion functions themselves run as in a
# terminal). Used by tests/cli/completion.sh.
zmodload zsh/zpty || exit 1
zpty z zsh -f -i
zpty -w z "PS1=''; PROMPT=''; RPROMPT=''; fpath=($CAPTURE_FPATH \$fpath); autoload -U compinit; compinit -u -d $CAPTURE_DUMP"
zpty -w z "zstyle ':completion:*' list-grouped false; zstyle ':completion:*' insert-tab false; zstyle ':completion:*' list-separator ''"
zpty -w z 'compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi
  typeset -a __hits __dscr __tmp
  if (( $@[(I)-d] )); then
    __tmp=${@[$[${@[(i)-d]}+1]]}
    if [[ $__tmp == \(* ]]; then eval "__dscr=$__tmp"; else __dscr=( "${(@P)__tmp}" ); fi
  fi
  builtin compadd -A __hits -D __dscr "$@"
  setopt localoptions norcexpandparam extendedglob
  typeset -A apre hpre hsuf asuf
  zparseopts -E P:=apre p:=hpre S:=asuf s:=hsuf
  [[ -n $__hits ]] || return
  local i
  for i in {1..$#__hits}; do print -r -- "<M>$IPREFIX$apre$hpre$__hits[$i]"; done
}'
zpty -w z "null-line () { echo -E - \$'\\0' }; compprefuncs=( null-line ); comppostfuncs=( null-line exit )"
zpty -w z "bindkey '^M' undefined-key; bindkey '^J' undefined-key; bindkey '^I' complete-word"
zpty -n -w z "$1"$'\t'
integer tog=0
while zpty -r z; do :; done | while IFS= read -r line; do
  if [[ $line == *$'\0\r' ]]; then (( tog++ )) && return 0 || continue; fi
  (( tog )) && [[ $line == *'<M>'* ]] && print -r -- "${${line#*<M>}%$'\r'}"
done
zpty -d z
