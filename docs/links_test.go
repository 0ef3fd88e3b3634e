// Package docs holds Kite's documentation; its test keeps the links true.
package docs

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	inlineLink = regexp.MustCompile(`!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)`) // [text](target "title")
	refLink    = regexp.MustCompile(`(?m)^\s{0,3}\[[^\]]+\]:\s+(\S+)`)          // [name]: target
	codeSpan   = regexp.MustCompile("`+[^`]*`+")
	heading    = regexp.MustCompile(`(?m)^#{1,6}\s+(.+?)\s*#*\s*$`)
	notSlug    = regexp.MustCompile(`[^\p{L}\p{N}\- _]`)
	mdMention  = regexp.MustCompile("(?:^|[\\s(`'\"])([\\w./-]+\\.md)\\b") // COMPAT.md, docs/errors.md
)

// Every relative link in the project's Markdown (README.md, docs/ and the
// rest) names a file that exists, and a #fragment into a Markdown file a
// heading it has.
func TestRelativeLinksResolve(t *testing.T) {
	root := ".."
	files := markdownFiles(t, root)
	if len(files) < 5 {
		t.Fatalf("found only %v", files)
	}
	checked := 0
	for _, f := range files {
		for _, target := range links(t, f) {
			if isExternal(target) {
				continue
			}
			checked++
			if err := resolve(f, target); err != "" {
				rel, _ := filepath.Rel(root, f)
				t.Errorf("%s: link %q: %s", rel, target, err)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no relative links found: the link pattern is broken")
	}
}

// A Markdown file named in prose or code ("COMPAT.md lists them") is in
// the project too: relative to the naming file or to the repository root.
func TestMentionedMarkdownFilesExist(t *testing.T) {
	root := ".."
	for _, f := range markdownFiles(t, root) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mdMention.FindAllStringSubmatch(withoutFences(string(raw)), -1) {
			name := filepath.FromSlash(m[1])
			if !inProject(root, filepath.Join(filepath.Dir(f), name)) && !inProject(root, filepath.Join(root, name)) {
				rel, _ := filepath.Rel(root, f)
				t.Errorf("%s names %s, which is not in the project", rel, m[1])
			}
		}
	}
}

// inProject reports whether path exists inside the repository at root.
func inProject(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	_, err = os.Stat(path)
	return err == nil
}

func markdownFiles(t *testing.T, root string) []string {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && p != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(name, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// links returns the link targets of a Markdown file, outside code.
func links(t *testing.T, path string) []string {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := codeSpan.ReplaceAllString(withoutFences(string(raw)), "")
	var out []string
	for _, re := range []*regexp.Regexp{inlineLink, refLink} {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			out = append(out, strings.Trim(m[1], "<>"))
		}
	}
	return out
}

func withoutFences(s string) string {
	var b strings.Builder
	in := false
	for _, line := range strings.SplitAfter(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			in = !in
			continue
		}
		if !in {
			b.WriteString(line)
		}
	}
	return b.String()
}

func isExternal(target string) bool {
	i := strings.Index(target, ":")
	return i > 0 && !strings.ContainsAny(target[:i], "/#.") // a scheme: https:, mailto:
}

// resolve returns why target, linked from file, does not resolve ("" if it does).
func resolve(file, target string) string {
	path, frag, _ := strings.Cut(target, "#")
	dest := file
	if path != "" {
		dest = filepath.Join(filepath.Dir(file), filepath.FromSlash(path))
		if !inProject("..", dest) {
			return "no such file in the project"
		}
	}
	if frag == "" || !strings.HasSuffix(dest, ".md") {
		return ""
	}
	raw, err := os.ReadFile(dest)
	if err != nil {
		return err.Error()
	}
	for _, m := range heading.FindAllStringSubmatch(withoutFences(string(raw)), -1) {
		if slug(m[1]) == frag {
			return ""
		}
	}
	return "no heading #" + frag + " in " + filepath.Base(dest)
}

// slug is GitHub's anchor for a heading: lower case, punctuation dropped,
// spaces as hyphens.
func slug(h string) string {
	h = strings.ReplaceAll(h, "`", "")
	return strings.ReplaceAll(notSlug.ReplaceAllString(strings.ToLower(h), ""), " ", "-")
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"Boot errors": "boot-errors", "1. Boot": "1-boot",
		"Vector engine (kite bench)": "vector-engine-kite-bench", "`kite doctor` output": "kite-doctor-output"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}
