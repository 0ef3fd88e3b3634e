package apierr

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEcho(t *testing.T) {
	long := strings.Repeat("a", 600_000)
	for _, tc := range []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"short", "int64 in [1, 2]", "int64 in [1, 2]"},
		{"at limit", strings.Repeat("x", EchoLimit), strings.Repeat("x", EchoLimit)},
		{"long", long, strings.Repeat("a", EchoLimit) + "...(600000 bytes)"},
		// a rune that straddles the limit is left out whole
		{"rune boundary", strings.Repeat("a", EchoLimit-1) + "é" + "bbb", strings.Repeat("a", EchoLimit-1) + "...(260 bytes)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Echo(tc.in)
			if got != tc.want {
				t.Fatalf("Echo = %.80q... (%d bytes), want %.80q... (%d bytes)", got, len(got), tc.want, len(tc.want))
			}
			if !utf8.ValidString(got) {
				t.Fatalf("Echo cut a rune: %q", got)
			}
		})
	}
}

// Every constructor caps the input it repeats, and Status caps whatever
// else reaches a reason, so a huge filter or name never comes back whole.
func TestMessagesCapInput(t *testing.T) {
	filter := "int64 in [" + strings.Repeat("1, ", 200_000) + "1]"
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"Invalid", Invalid("failed to create query plan: cannot parse expression: %s, error: bad", filter)},
		{"CollectionNotFound", CollectionNotFound("default", filter)},
		{"FieldNotFound", FieldNotFound(filter)},
		{"InvalidExpected", InvalidExpected(filter, []byte(filter), "metric type not match")},
		{"foreign error", errors.New("boom: " + filter)},
		{"REST InsertData", InsertData(errors.New(filter))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := Status(tc.err)
			if n := len(st.GetReason()); n > reasonLimit+32 {
				t.Fatalf("reason is %d bytes", n)
			}
			if !strings.Contains(st.GetReason(), "int64 in [1, 1, ") {
				t.Fatalf("reason lost the start of the input: %.120q", st.GetReason())
			}
		})
	}
	if r := Invalid("bad filter %s", filter).Reason; len(r) > EchoLimit+64 {
		t.Fatalf("a string argument is repeated up to %d bytes, got %d", EchoLimit, len(r))
	}
}
