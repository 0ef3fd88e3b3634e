package main

import (
	"fmt"

	"github.com/spf13/cobra"

	kitegrpc "github.com/kite-db/kite/internal/api/grpc"
	"github.com/kite-db/kite/internal/datadir"
	"github.com/kite-db/kite/internal/ops"
	"github.com/kite-db/kite/internal/server"
)

func doctorCmd() *cobra.Command {
	var dataDir, srv string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Examine a data dir (and the server running on it) and say what to fix",
		Long: `Reports versions, disk space, fsync latency, metadata integrity and size, snapshots,
WAL size against sealed data, segment counts and sizes, deletes, index builds and
load states, each problem with its fix. Works while the server runs (metadata is
read through its admin endpoint).

Exit status: 0 no error found (warnings and notes may be), 1 an error found,
2 a usage error, 3 no data dir at --data-dir (nothing to diagnose).`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			r := ops.Doctor(cmd.Context(), ops.DoctorOptions{Dir: datadir.Dir(dataDir), Server: srv,
				Version: server.Version, APIVersion: kitegrpc.MilvusVersion, MinFreeMB: server.Default().MinFreeMB})
			if asJSON {
				if err := printJSON(cmd.OutOrStdout(), r); err != nil {
					return err
				}
			} else {
				r.Print(cmd.OutOrStdout())
			}
			if r.NoDataDir {
				return exitError{exitNoDataDir}
			}
			if n := r.Findings.Count(ops.Error); n > 0 {
				return fmt.Errorf("doctor found %d error(s)", n)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dataDir, "data-dir", server.Default().DataDir, "Kite data directory")
	cmd.Flags().StringVar(&srv, "server", "", "metrics address (host:port) of the server on the data dir; found in <data-dir>/"+datadir.ServerFile+" when not given")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
