package apierr

import (
	"strconv"
	"unicode/utf8"
)

// EchoLimit is how many bytes of one piece of user input (a filter, a
// name, a value) a message repeats. A client that sent a 600 KB filter
// needs its first words to recognise it, not the whole text back in the
// status and in the server log line.
const EchoLimit = 256

// reasonLimit bounds a whole message, whatever went into it: errors made
// outside this package can carry input in their text.
const reasonLimit = 4096

// Echo returns user input as a message may repeat it: whole when it is at
// most EchoLimit bytes, else its first bytes (cut between runes) and its
// length, "int64 in [1, 2, ...(589013 bytes)".
func Echo(s string) string { return clip(s, EchoLimit) }

func clip(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "...(" + strconv.Itoa(len(s)) + " bytes)"
}

// echoArgs caps the string arguments of a message: every one of them may
// be input.
func echoArgs(args []any) []any {
	out := args
	for i, a := range args {
		var s string
		switch v := a.(type) {
		case string:
			s = v
		case []byte:
			s = string(v)
		default:
			continue
		}
		if len(s) <= EchoLimit {
			continue
		}
		if &out[0] == &args[0] {
			out = append([]any(nil), args...)
		}
		out[i] = Echo(s)
	}
	return out
}
