package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// kite runs the command line in-process as main does.
func kite(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = execute(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// commands lists every command of the tree, cobra's help and completion too.
func commands() []*cobra.Command {
	root := newRoot()
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var all []*cobra.Command
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		all = append(all, c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return all
}

func TestEveryCommandHelp(t *testing.T) {
	cmds := commands()
	if len(cmds) < 12 {
		t.Fatalf("found %d commands; the tree walk is broken", len(cmds))
	}
	for _, c := range cmds {
		path := strings.Fields(c.CommandPath())
		t.Run(strings.Join(path, "_"), func(t *testing.T) {
			code, out, errs := kite(append(path[1:], "--help")...)
			if code != 0 || errs != "" || !strings.Contains(out, "Usage:\n  "+c.CommandPath()) || c.Short == "" {
				t.Fatalf("%s --help: exit %d, short %q\nstdout:\n%s\nstderr:\n%s", c.CommandPath(), code, c.Short, out, errs)
			}
		})
	}
}

// Every command of ours checks its arguments, so a missing or extra one is a
// usage error rather than ignored; cobra's own commands are left alone.
func TestEveryCommandChecksItsArguments(t *testing.T) {
	for _, c := range commands() {
		if c.Runnable() && c.Args == nil && c.Name() != "help" && !strings.HasPrefix(c.CommandPath(), "kite completion") {
			t.Errorf("%s has no Args: use args(lo, hi) or subcommand", c.CommandPath())
		}
	}
}

func TestCommonMistakes(t *testing.T) {
	version := versionLine() + "\n"
	for _, tc := range []struct {
		args []string
		code int
		out  string   // stdout, exactly; "*" for anything
		errs []string // in stderr, in order
	}{
		{[]string{"--version"}, 0, version, nil},
		{[]string{"-v"}, 0, version, nil},
		{[]string{"version"}, 0, version, nil},
		{nil, 0, "*", nil},
		{[]string{"meta"}, 0, "*", nil},
		{[]string{"--bogus"}, 2, "", []string{"kite: unknown flag: --bogus", "Usage:\n  kite [flags]"}},
		{[]string{"serve", "--bogus"}, 2, "", []string{"kite serve: unknown flag: --bogus", "Usage:\n  kite serve [flags]", "--port int"}},
		{[]string{"serve", "--port"}, 2, "", []string{"kite serve: flag needs an argument: --port", "Usage:"}},
		{[]string{"serve", "--port", "x"}, 2, "", []string{`kite serve: invalid argument "x" for "--port"`, "Usage:"}},
		{[]string{"serve", "now"}, 2, "", []string{`kite serve: takes no arguments, got "now"`, "Usage:"}},
		{[]string{"serv"}, 2, "", []string{`kite: unknown command "serv" for "kite"; did you mean serve?`, "Usage:"}},
		{[]string{"meta", "lss"}, 2, "", []string{`kite meta: unknown command "lss" for "kite meta"; did you mean ls?`, "Usage:"}},
		{[]string{"meta", "get"}, 2, "", []string{"kite meta get: missing argument KEY", "Usage:\n  kite meta get KEY [flags]", "--data-dir"}},
		{[]string{"meta", "get", "a", "b"}, 2, "", []string{`kite meta get: unexpected argument "b": takes KEY`, "Usage:"}},
		{[]string{"meta", "ls", "a", "b"}, 2, "", []string{`kite meta ls: unexpected argument "b": takes [PREFIX]`, "Usage:"}},
		{[]string{"meta", "backup"}, 2, "", []string{"kite meta backup: missing argument FILE", "Usage:"}},
		{[]string{"meta", "restore"}, 2, "", []string{"kite meta restore: missing argument FILE", "Usage:"}},
		{[]string{"meta", "verify", "x"}, 2, "", []string{`kite meta verify: takes no arguments, got "x"`, "Usage:"}},
		{[]string{"doctor", "x"}, 2, "", []string{`kite doctor: takes no arguments, got "x"`, "Usage:"}},
	} {
		code, out, errs := kite(tc.args...)
		if code != tc.code || (tc.out != "*" && out != tc.out) || !inOrder(errs, tc.errs) || (tc.code == 0 && errs != "") {
			t.Errorf("kite %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(tc.args, " "), code, tc.code, out, errs)
		}
	}
}

func inOrder(s string, subs []string) bool {
	for _, sub := range subs {
		i := strings.Index(s, sub)
		if i < 0 {
			return false
		}
		s = s[i+len(sub):]
	}
	return true
}

func TestDoctorWithoutDataDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nope")
	code, out, errs := kite("doctor", "--data-dir", dir)
	want := "no data dir at " + dir + " — nothing to diagnose; `kite serve --data-dir " + dir + "` creates it\n"
	if code != exitNoDataDir || out != want || errs != "" {
		t.Fatalf("doctor on a missing dir: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	noDir(t, dir)
	if code, _, errs := kite("meta", "ls", "--data-dir", dir); code != exitFailed || !strings.Contains(errs, "no data dir at "+dir) {
		t.Fatalf("meta ls on a missing dir: exit %d, %s", code, errs)
	}
	noDir(t, dir)
}

func TestServeOnABusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	busy := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	for _, flag := range []string{"--port", "--metrics-port"} {
		other := map[string]string{"--port": "--metrics-port", "--metrics-port": "--port"}[flag]
		dir := filepath.Join(t.TempDir(), "kite-data")
		code, out, errs := kite("serve", "--data-dir", dir, flag, busy, other, "0")
		if code != exitFailed || out != "" || !inOrder(errs, []string{"kite: cannot listen", "127.0.0.1:" + busy,
			"; fix: stop the process using port " + busy + ", or pass " + flag + " with a free port"}) {
			t.Fatalf("serve %s %s on a busy port: exit %d\nstdout:\n%s\nstderr:\n%s", flag, busy, code, out, errs)
		}
		noDir(t, dir)
	}
}

func noDir(t *testing.T, dir string) {
	t.Helper()
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("%s exists after the command (%v)", dir, err)
	}
}

func TestServeHelpStatesTheRealDefaults(t *testing.T) {
	_, out, _ := kite("serve", "--help")
	for _, want := range []string{
		"--host string", "0.0.0.0 for every interface", `(default "127.0.0.1")`,
		"--port int", "Milvus API port: gRPC and REST v2 (default 19530)",
		"--metrics-port int", "(default 9091)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("kite serve --help lacks %q:\n%s", want, out)
		}
	}
}
