# bash completion for presscut-index, presscut-query and presscut-serve: their options (read
# from the program's --help, so they never fall behind it), the index
# directories of --db, and the values of --sort and --color.
# Installed as share/bash-completion/completions/presscut-index (and links
# named presscut-query and presscut-serve), or: source completion/presscut.bash

_presscut() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    # "--db=x" arrives as "--db" "=" "x" (= is a word break).
    if [[ $cur == = ]]; then
        prev=${COMP_WORDS[COMP_CWORD-1]}
        cur=
    elif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    fi
    COMPREPLY=()
    case $prev in
    --db)
        compopt -o filenames 2>/dev/null
        # An index is a directory; presscut-query and -serve also read a stub file.
        if [[ ${1##*/} == presscut-query || ${1##*/} == presscut-serve ]]; then
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        else
            mapfile -t COMPREPLY < <(compgen -d -- "$cur")
        fi
        return
        ;;
    --synonyms)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return
        ;;
    --listen)
        mapfile -t COMPREPLY < <(compgen -W '127.0.0.1:8080 [::1]:8080' -- "$cur")
        return
        ;;
    --sort)
        mapfile -t COMPREPLY < <(compgen -W 'relevance date' -- "$cur")
        return
        ;;
    --color)
        mapfile -t COMPREPLY < <(compgen -W 'auto always never' -- "$cur")
        return
        ;;
    --language | --shards | --jobs | --wait-lock | --max-size | -n | --limit | \
        --offset | --snippet-chars | --timeout | --threads)
        return
        ;;
    esac
    if [[ $cur == -* ]]; then
        local opts
        opts=$("$1" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)
        mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
        return
    fi
    # presscut-index reads PATHs; presscut-query's words are the query.
    if [[ ${1##*/} == presscut-index ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
}

complete -F _presscut presscut-index presscut-query presscut-serve
