package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kite-db/kite/internal/datadir"
	"github.com/kite-db/kite/internal/ops"
	"github.com/kite-db/kite/internal/server"
)

func metaBackupCmd() *cobra.Command {
	var f sourceFlags
	var force bool
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the metadata to FILE, also while the server runs",
		Args:  args(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := ops.Backup(cmd.Context(), f.source(), args[0], force)
			if err != nil {
				return err
			}
			if f.json {
				return printJSON(cmd.OutOrStdout(), res)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "backup written (read from %s), verified:\n", res.Via)
			describeFile(cmd.OutOrStdout(), res.FileReport)
			return nil
		},
	}
	f.register(cmd, false)
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists")
	return cmd
}

func metaRestoreCmd() *cobra.Command {
	var dataDir string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "restore FILE",
		Short: "Replace the metadata with a backup or snapshot (server stopped)",
		Long: `Verifies FILE, then installs it as <data-dir>/meta.db, keeping the old file as
meta.db.bak-<time>. The restored metadata is reconciled with the data files:
segments and delete files written after the backup are added and each WAL
checkpoint is recomputed, so rows acknowledged after the backup are kept.`,
		Args: args(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := ops.Restore(datadir.Dir(dataDir), args[0])
			return reportRewrite(cmd, res, err, asJSON, "restored")
		},
	}
	cmd.Flags().StringVar(&dataDir, "data-dir", server.Default().DataDir, "Kite data directory")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func metaRepairCmd() *cobra.Command {
	var dataDir string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "repair",
		Short: "Reconcile the metadata with the data files (server stopped)",
		Long: "Fixes what `kite meta verify` reports: adopts segments and delete files the metadata lacks,\n" +
			"drops entries whose files are gone and recomputes WAL checkpoints. The old file is kept.",
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			d := datadir.Dir(dataDir)
			res, err := ops.Restore(d, d.Meta())
			return reportRewrite(cmd, res, err, asJSON, "repaired")
		},
	}
	cmd.Flags().StringVar(&dataDir, "data-dir", server.Default().DataDir, "Kite data directory")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func metaRebuildCmd() *cobra.Command {
	var dataDir string
	var fromStorage, asJSON bool
	var opts ops.RebuildOptions
	cmd := &cobra.Command{
		Use:   "rebuild --from-storage",
		Short: "Regenerate lost metadata from the segment and WAL files (server stopped)",
		Long: `Starts from the newest automatic snapshot in <data-dir>/meta-snapshots that verifies
(names, databases, indexes, aliases), then takes collections, schemas, partitions
and segments from the segments' meta.json files and recomputes each WAL
checkpoint, so the next start replays exactly the writes no segment holds.
Without a snapshot, collections come back into the default database under the
names their segments carry; partitions and indexes must be checked by hand.`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !fromStorage {
				return fmt.Errorf("pass --from-storage: rebuild regenerates the metadata from the data files")
			}
			res, err := ops.Rebuild(datadir.Dir(dataDir), opts)
			verb := "rebuilt"
			if opts.DryRun {
				verb = "would rebuild (dry run, nothing changed)"
			}
			return reportRewrite(cmd, res, err, asJSON, verb)
		},
	}
	f := cmd.Flags()
	f.StringVar(&dataDir, "data-dir", server.Default().DataDir, "Kite data directory")
	f.BoolVar(&fromStorage, "from-storage", false, "regenerate from the data files (required)")
	f.StringVar(&opts.Snapshot, "snapshot", "", `metadata file to start from; "none" for the data files alone (default: the newest snapshot)`)
	f.BoolVar(&opts.Force, "force", false, "replace a metadata file that is intact and holds collections")
	f.BoolVar(&opts.DryRun, "dry-run", false, "report what would happen, change nothing")
	f.BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func reportRewrite(cmd *cobra.Command, res *ops.Result, err error, asJSON bool, verb string) error {
	if err != nil {
		return err
	}
	w := cmd.OutOrStdout()
	if asJSON {
		if err := printJSON(w, res); err != nil {
			return err
		}
		return findingsError(res.Findings)
	}
	res.Findings.Print(w)
	fmt.Fprintf(w, "metadata %s:\n", verb)
	if res.Source != nil {
		fmt.Fprintf(w, "from:\n")
		describeFile(w, res.Source)
	}
	fmt.Fprintf(w, "result:\n")
	describeFile(w, res.Result)
	if res.Kept != "" {
		fmt.Fprintf(w, "the previous metadata file is kept as %s\n", res.Kept)
	}
	return findingsError(res.Findings)
}
