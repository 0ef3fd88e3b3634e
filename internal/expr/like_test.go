package expr

import (
	"math/rand"
	"strings"
	"testing"
)

func TestLike(t *testing.T) {
	cases := []struct {
		pat, s string
		want   bool
	}{
		{"abc", "abc", true}, {"abc", "abcd", false}, {"", "", true}, {"", "a", false},
		{"a%", "abc", true}, {"a%", "ba", false}, {"%c", "abc", true}, {"%b%", "abc", true},
		{"%", "", true}, {"%%", "x", true}, {"_", "é", true}, {"_", "ab", false}, {"__", "é", false},
		{"a_c", "abc", true}, {"a_c", "ac", false}, {"a%c%e", "abcde", true}, {"a%c%e", "abcdc", false},
		{"%a%a%", "aa", true}, {"%a%a%", "a", false}, {`50\%`, "50%", true}, {`50\%`, "500", false},
		{`a\_b`, "a_b", true}, {`a\_b`, "axb", false}, {`a\\b`, `a\b`, true}, {`a\`, `a\`, true},
		{"%ab_", "xxabc", true}, {"%ab_", "xxab", false}, {"_%_", "ab", true}, {"_%_", "a", false},
		{"a%_%b", "ab", false}, {"a%_%b", "axb", true}, {"%é_", "xéy", true},
	}
	for _, c := range cases {
		if got := compileLike(c.pat).match(c.s); got != c.want {
			t.Errorf("%q like %q = %v, want %v", c.s, c.pat, got, c.want)
		}
	}
}

// TestLikeRandom compares the matcher with regexp on random patterns.
func TestLikeRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	gen := func(alpha []string) string {
		var b strings.Builder
		for n := rng.Intn(6); n > 0; n-- {
			b.WriteString(alpha[rng.Intn(len(alpha))])
		}
		return b.String()
	}
	for i := 0; i < 20000; i++ {
		pat := gen([]string{"a", "b", "%", "_", `\%`, `\_`, "é", `\\`})
		s := gen([]string{"a", "b", "%", "_", "é", `\`})
		if got, want := compileLike(pat).match(s), likeRegexp(pat).MatchString(s); got != want {
			t.Fatalf("%q like %q = %v, regexp says %v", s, pat, got, want)
		}
	}
}
