package main

import (
	"fmt"

	"github.com/spf13/cobra"

	kitegrpc "github.com/kite-db/kite/internal/api/grpc"
	"github.com/kite-db/kite/internal/server"
)

func versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print Kite's version and the Milvus API version it serves (also kite --version, -v)",
		Args:  args(0, 0),
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintln(cmd.OutOrStdout(), versionLine())
		},
	}
}

// versionLine is what `kite version` and `kite --version` print.
func versionLine() string {
	return fmt.Sprintf("kite %s (Milvus API %s)", server.Version, kitegrpc.MilvusVersion)
}
