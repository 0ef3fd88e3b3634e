package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// Exit statuses, documented in docs/errors.md ("Exit status").
const (
	exitOK        = 0
	exitFailed    = 1 // the command ran and failed: a boot error, problems found
	exitUsage     = 2 // the command line is wrong: unknown command or flag, wrong arguments
	exitNoDataDir = 3 // kite doctor: nothing at --data-dir to examine
)

// usageError is a mistake in the command line; the usage follows it.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitError ends the command with code, having printed what it had to.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// report prints err for people and returns the exit status.
func report(w io.Writer, cmd *cobra.Command, err error) int {
	var ue usageError
	var ee exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		fmt.Fprintf(w, "%s: %v\n\n%s", cmd.CommandPath(), err, cmd.UsageString())
		return exitUsage
	}
	fmt.Fprintln(w, "kite:", err)
	return exitFailed
}

// args accepts from lo to hi positional arguments (hi < 0: any number),
// named after the command's Use line ("get KEY").
func args(lo, hi int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		names := argNames(cmd)
		switch {
		case len(a) < lo:
			missing := names[len(a):lo]
			plural := map[bool]string{false: "argument", true: "arguments"}[len(missing) > 1]
			return usageError{fmt.Errorf("missing %s %s", plural, strings.Join(missing, " "))}
		case hi == 0 && len(a) > 0:
			return usageError{fmt.Errorf("takes no arguments, got %q", a[0])}
		case hi > 0 && len(a) > hi:
			return usageError{fmt.Errorf("unexpected argument %q: takes %s", a[hi], strings.Join(names, " "))}
		}
		return nil
	}
}

// argNames are the argument placeholders of cmd's Use line: "FILE", "[PREFIX]".
func argNames(cmd *cobra.Command) []string {
	var names []string
	for _, f := range strings.Fields(cmd.Use)[1:] {
		if !strings.HasPrefix(f, "-") {
			names = append(names, f)
		}
	}
	return names
}

// subcommand is the Args of a command that only groups others: any
// argument is an unknown subcommand.
func subcommand(cmd *cobra.Command, a []string) error {
	if len(a) == 0 {
		return nil
	}
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's default, set only on its own path
	}
	msg := fmt.Sprintf("unknown command %q for %q", a[0], cmd.CommandPath())
	if s := cmd.SuggestionsFor(a[0]); len(s) > 0 {
		msg += "; did you mean " + strings.Join(s, " or ") + "?"
	}
	return usageError{errors.New(msg)}
}
