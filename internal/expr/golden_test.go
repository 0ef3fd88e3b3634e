package expr

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata golden files with current results")

// goldenCase is one block of a golden file:
//
//	<filter, one line>
//	----
//	<compiled form and matching rows of testBatch, or the error>
//
// Blocks are separated by blank lines; lines starting with # are comments.
type goldenCase struct {
	comments []string
	src      string
	want     string
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) { runGolden(t, file) })
	}
}

func runGolden(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := parseGolden(string(data))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	for i := range cases {
		got := goldenResult(cases[i].src)
		if *update {
			cases[i].want = got
			continue
		}
		if got != cases[i].want {
			t.Errorf("%s: %s\ngot:\n%s\nwant:\n%s", file, cases[i].src, got, cases[i].want)
		}
	}
	if *update {
		if err := os.WriteFile(file, []byte(formatGolden(cases)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// goldenResult compiles src and evaluates it on testBatch.
func goldenResult(src string) string {
	e, err := Compile(src, testSchema(), evalTemplates())
	if err != nil {
		return "error: " + err.Error()
	}
	b, err := e.WithSampleSeed(1).Eval(testBatch())
	if err != nil {
		return "eval error: " + err.Error()
	}
	return fmt.Sprintf("%s\nrows: %v", e, rows(b))
}

func parseGolden(text string) ([]goldenCase, error) {
	var cases []goldenCase
	var cur goldenCase
	var out []string
	state := 0 // 0: before the filter, 1: after it, 2: in the result
	flush := func() {
		if state == 2 {
			cur.want = strings.Join(out, "\n")
			cases = append(cases, cur)
		}
		cur, out, state = goldenCase{}, nil, 0
	}
	for n, line := range strings.Split(text, "\n") {
		switch {
		case state == 2 && line == "":
			flush()
		case state == 2:
			out = append(out, line)
		case state == 0 && strings.HasPrefix(line, "#"):
			cur.comments = append(cur.comments, line)
		case state == 0 && line != "":
			cur.src, state = line, 1
		case state == 1 && line == "----":
			state = 2
		case state == 1:
			return nil, fmt.Errorf("line %d: want ---- after the filter", n+1)
		}
	}
	flush()
	return cases, nil
}

func formatGolden(cases []goldenCase) string {
	var b strings.Builder
	for i, c := range cases {
		if i > 0 {
			b.WriteString("\n")
		}
		for _, cm := range c.comments {
			b.WriteString(cm + "\n")
		}
		fmt.Fprintf(&b, "%s\n----\n%s\n", c.src, c.want)
	}
	return b.String()
}
