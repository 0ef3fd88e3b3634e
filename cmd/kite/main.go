// Command kite is a Milvus-compatible vector database in one binary.
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

func main() {
	root := &cobra.Command{
		Use:           "kite",
		Short:         "Kite: a Milvus-compatible vector database in one binary",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(serveCmd(), versionCmd(), benchCmd(), metaCmd(), doctorCmd())
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "kite:", err)
		os.Exit(1)
	}
}
