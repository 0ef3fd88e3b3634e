package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/kite-db/kite/internal/datadir"
	"github.com/kite-db/kite/internal/ops"
	"github.com/kite-db/kite/internal/server"
)

func metaCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "meta",
		Short: "Back up, restore, inspect, verify and rebuild the metadata",
		Long: `Metadata lives in <data-dir>/meta.db. These commands replace editing that file by hand.
Reading commands (backup, ls, get, verify) work while a server runs: they fetch a
consistent snapshot from it. Writing commands (restore, repair, rebuild) need the
server stopped, and keep the file they replace as meta.db.bak-<time>.`,
		Args: subcommand,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(metaBackupCmd(), metaRestoreCmd(), metaRepairCmd(), metaRebuildCmd(),
		metaLsCmd(), metaGetCmd(), metaVerifyCmd(), metaSnapshotsCmd())
	return cmd
}

// sourceFlags are the flags of commands that read metadata.
type sourceFlags struct {
	dataDir string
	server  string
	file    string
	json    bool
}

func (f *sourceFlags) register(cmd *cobra.Command, withFile bool) {
	cmd.Flags().StringVar(&f.dataDir, "data-dir", server.Default().DataDir, "Kite data directory")
	cmd.Flags().StringVar(&f.server, "server", "", "metrics address (host:port) of the server running on the data dir; found in <data-dir>/"+datadir.ServerFile+" when not given")
	if withFile {
		cmd.Flags().StringVar(&f.file, "file", "", "read this metadata file (a backup or snapshot) instead of the data dir's")
	}
	cmd.Flags().BoolVar(&f.json, "json", false, "print JSON")
}

func (f *sourceFlags) source() ops.Source {
	return ops.Source{Dir: datadir.Dir(f.dataDir), Server: f.server, File: f.file}
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// findingsError turns error findings into the command's failure.
func findingsError(fs ops.Findings) error {
	if n := fs.Count(ops.Error); n > 0 {
		return fmt.Errorf("%d problem(s) found", n)
	}
	return nil
}

func describeFile(w io.Writer, r *ops.FileReport) {
	fmt.Fprintf(w, "  %s: %d bytes, %d keys, %d database(s), %d collection(s), %d segment(s)\n",
		r.Path, r.Bytes, r.Keys, r.Databases, r.Collections, r.Segments)
}
