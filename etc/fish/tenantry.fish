# fish completion for tenantry. The program itself says what may stand in the word being
# completed (`tenantry __complete WORD...`: options, resources, the verbs of the profile's
# API, option values, profile names); this function passes it the words and lets fish
# complete files, commands and variables where it says so. Also printed by
# `tenantry completion fish`.

function __tenantry_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l out (command $tokens[1] __complete -- $tokens[2..-1] "$cur" 2>/dev/null)
    or return
    set -l head (string split -m 1 \t -- $out[1])
    set -l kind $head[1]
    set -l prefix $head[2]
    set -l value (string sub -s (math (string length -- "$prefix") + 1) -- "$cur")
    switch $kind
        case files
            for f in (__fish_complete_path "$value")
                printf '%s%s\n' "$prefix" "$f"
            end
        case commands
            for c in (complete -C "$value" | string replace -r '\t.*' '')
                printf '%s%s\n' "$prefix" "$c"
            end
        case variables
            for v in (set -xn | string match -- "$value*")
                printf '%s%s\n' "$prefix" "$v"
            end
        case '*'
            for line in $out[2..-1]
                printf '%s%s\n' "$prefix" "$line"
            end
    end
end

complete -c tenantry -f -a '(__tenantry_complete)'
