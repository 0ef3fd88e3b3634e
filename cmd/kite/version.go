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
		Short: "Print Kite's version and the Milvus API version it serves",
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintf(cmd.OutOrStdout(), "kite %s (Milvus API %s)\n", server.Version, kitegrpc.MilvusVersion)
		},
	}
}
