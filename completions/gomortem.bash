# bash completion for gomortem                              -*- shell-script -*-
# The words come from the program itself (gomortem --complete ...: its
# command table, the --fail-on metrics, the Go processes this user can read),
# so a new command or option completes without a change here.

_gomortem()
{
    local prog=${1:-gomortem} cur prev cmd i w
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    # --opt=value: with '=' in COMP_WORDBREAKS it is three words
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    fi
    COMPREPLY=()

    # the command: the first word when it is one, else summary
    local cmds
    cmds=$("$prog" --complete commands 2>/dev/null) || return 0
    cmd=summary
    if [[ $COMP_CWORD -gt 1 ]]; then
        for w in $cmds; do
            [[ ${COMP_WORDS[1]} == "$w" ]] && cmd=$w
        done
    fi

    if [[ $cmd == help ]]; then
        [[ $COMP_CWORD -eq 2 ]] && COMPREPLY=($(compgen -W "${cmds/help/}" -- "$cur"))
        return 0
    fi

    case $prev in
        --format|-f)
            COMPREPLY=($(compgen -W "$("$prog" --complete formats "$cmd" 2>/dev/null)" -- "$cur"))
            return 0 ;;
        --fail-on)
            local what=metrics
            [[ $cmd == diff || $cmd == watch ]] && what=growth-metrics
            COMPREPLY=($(compgen -W "$("$prog" --complete $what 2>/dev/null)" -- "$cur"))
            return 0 ;;
        --color)
            COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
            return 0 ;;
        --pid|-p)
            COMPREPLY=($(compgen -W "$("$prog" --complete pids 2>/dev/null)" -- "$cur"))
            return 0 ;;
        --batch)
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -d -- "$cur"))
            return 0 ;;
        --exe|-e|--output|-o|--core|-c)
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "$cur"))
            return 0 ;;
    esac

    if [[ $cur == -* ]]; then
        local opts
        opts=$("$prog" --complete options "$cmd" 2>/dev/null)
        [[ $COMP_CWORD -eq 1 ]] && opts+=$'\n--version'
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return 0
    fi
    # what the command takes first (profile heap|block|mutex)
    if [[ $COMP_CWORD -eq 2 ]]; then
        local kinds
        kinds=$("$prog" --complete kinds "$cmd" 2>/dev/null)
        if [[ -n $kinds ]]; then
            COMPREPLY=($(compgen -W "$kinds" -- "$cur"))
            return 0
        fi
    fi
    # a command (first word), or a core / an executable
    compopt -o filenames 2>/dev/null
    [[ $COMP_CWORD -eq 1 ]] && COMPREPLY=($(compgen -W "$cmds" -- "$cur"))
    COMPREPLY+=($(compgen -f -- "$cur"))
    return 0
}
complete -F _gomortem gomortem
