// Command kite is a Milvus-compatible vector database in one binary.
package main

import (
	"context"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/kite-db/kite/internal/server"
)

func main() {
	os.Exit(execute(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// execute runs the command line args and returns the exit status
// (exit.go lists them).
func execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRoot()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteContextC(ctx)
	return report(stderr, cmd, err)
}

// newRoot builds the command tree.
func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:     "kite",
		Short:   "Kite: a Milvus-compatible vector database in one binary",
		Version: server.Version,
		Args:    subcommand,
		RunE:    func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
		// report prints errors, and the usage after a usage error only.
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate(versionLine() + "\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(serveCmd(), versionCmd(), benchCmd(), metaCmd(), doctorCmd())
	return root
}
